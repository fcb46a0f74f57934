from catalogue.blocks import OfferBodyBlock, ParagraphBlock


def test_a_paragraph_offers_only_its_own_editor_features():
    # Wagtail reads a RichTextBlock's features from its arguments: set in Meta, they were
    # ignored and editors got every default feature (images, embeds, code…).
    paragraph = OfferBodyBlock().child_blocks["paragraph"]
    features = paragraph.field.widget.features

    assert features == list(ParagraphBlock.FEATURES)
    assert "image" not in features and "embed" not in features
    assert ParagraphBlock(features=["bold"]).field.widget.features == ["bold"]

"""StreamField blocks for offer bodies and editorial pages."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from grapple.helpers import register_streamfield_block
from grapple.models import (
    GraphQLDocument,
    GraphQLImage,
    GraphQLPage,
    GraphQLString,
)
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.api.fields import GraphQLList

from .struct_values import CallToActionValue, OfferLinksValue


@register_streamfield_block
class ParagraphBlock(blocks.RichTextBlock):
    # Wagtail's RichTextBlock reads its features from its arguments only, not from Meta.
    FEATURES = ("h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", list(self.FEATURES))
        super().__init__(*args, **kwargs)

    @cached_property
    def field(self):
        field = super().field
        # Wagtail 8 gives the Draftail editor's text box no accessible name (wagtail#14205),
        # and a paragraph sits in the body with no label at all: screen readers announced
        # a bare « zone de texte ». Draftail takes `ariaLabel` among the widget's options,
        # which Wagtail hands over to the editor; the block's label names it.
        field.widget.options = {**field.widget.options, "ariaLabel": self.label}
        return field

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph.html"
        preview_value = "<p>Un paragraphe de présentation de l'offre.</p>"


@register_streamfield_block
class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it. Empty: decorative image."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    graphql_fields = [
        GraphQLImage("image", description="Image."),
        GraphQLString("alt_text", description="Texte alternatif."),
        GraphQLString("caption", description="Légende."),
    ]

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        preview_value = {"caption": "Capture d'écran de l'outil"}


@register_streamfield_block
class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("author or source"), required=False)

    graphql_fields = [
        GraphQLString("quote", required=True, description="Texte de la citation."),
        GraphQLString("attribution", description="Auteur ou source."),
    ]

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        preview_value = {
            "quote": "Cet outil a simplifié la gestion de nos adhésions.",
            "attribution": "Trésorière d'une association sportive",
        }


@register_streamfield_block
class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"), required=False)
    link_text = blocks.CharBlock(label=_("button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page on this site"), required=False)
    url = blocks.URLBlock(label=_("or external link"), required=False)

    graphql_fields = [
        GraphQLString("title", required=True, description="Titre de l'appel à l'action."),
        GraphQLString("text", description="Texte d'accompagnement."),
        GraphQLString("link_text", required=True, description="Texte du bouton."),
        GraphQLString("href", description="Adresse du lien (page publiée ou lien externe)."),
    ]

    def href(self, info, values, **kwargs):
        return CallToActionValue(self, values).href

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError(_("Choose a page or an external link."))
                }
            )
        return result

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action.html"
        value_class = CallToActionValue
        preview_value = {
            "title": "Besoin d'aide pour démarrer ?",
            "text": "Un acteur du numérique près de chez vous peut vous accompagner.",
            "link_text": "Trouver un accompagnement",
            "url": "https://example.org/",
        }


@register_streamfield_block
class OfferLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("title"), required=False)
    offers = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalogue.OfferPage", label=_("offer")),
        label=_("offers"),
    )

    graphql_fields = [
        GraphQLString("heading", description="Titre de la liste."),
        GraphQLList(
            GraphQLPage,
            "live_offers",
            description="Offres liées, publiées et publiques uniquement.",
        ),
    ]

    def live_offers(self, info, values, **kwargs):
        return OfferLinksValue(self, values).live_offers

    class Meta:
        icon = "list-ul"
        label = _("Related offers")
        template = "blocks/offer_links.html"
        value_class = OfferLinksValue
        preview_value = {"heading": "Voir aussi"}


@register_streamfield_block
class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video"), help_text=_("Address of a video (PeerTube, YouTube, Vimeo…).")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    graphql_fields = [
        GraphQLString("video_url", description="Adresse de la vidéo."),
        GraphQLString("caption", description="Légende."),
    ]

    def video_url(self, info, values, **kwargs):
        video = values.get("video")
        return getattr(video, "url", None)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        preview_value = {"caption": "Présentation en vidéo"}


@register_streamfield_block
class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("label"), required=False)

    graphql_fields = [
        GraphQLDocument("document", description="Document à télécharger."),
        GraphQLString("title", description="Intitulé du lien."),
    ]

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "blocks/document.html"
        preview_value = {"title": "Guide de prise en main (PDF)"}


class OfferBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    offer_links = OfferLinksBlock()
    video = VideoBlock()
    document = DocumentBlock()

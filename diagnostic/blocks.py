"""The questionnaire's structure, edited as a StreamField on `DiagnosticPage`: axes hold
questions, questions hold scored options. Slugs and option values identify answers in
forms, the API and stored results, so they are required and checked for uniqueness by the
page (`DiagnosticPage.clean`)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

SCORES = [(str(n), str(n)) for n in range(4)]
WEIGHTS = [("1", "1"), ("2", "2"), ("3", "3")]
QUESTION_PREVIEW = {
    "text": "Le numérique figure-t-il dans le projet associatif ?",
    "slug": "projet-place",
    "weight": "2",
    "options": [
        {"label": "Non, jamais abordé", "value": "non", "score": "0"},
        {"label": "Une feuille de route suivie", "value": "feuille", "score": "3"},
    ],
}


def _code_block(**kwargs) -> blocks.RegexBlock:
    """The code that identifies an axis, a question or an answer in forms, the API and
    stored results."""
    return blocks.RegexBlock(
        regex=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        label=_("code"),
        max_length=60,
        error_messages={"invalid": _("Use lowercase letters, digits and hyphens only.")},
        **kwargs,
    )


class OptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("answer"), max_length=200)
    value = _code_block(
        help_text=_(
            "Short code of the answer (lowercase letters, digits and hyphens), unique within "
            "the question. Stored with each result: change it only for a new answer."
        )
    )
    score = blocks.ChoiceBlock(
        choices=SCORES,
        label=_("points"),
        help_text=_("0 for the weakest practice, 3 for the strongest."),
    )
    measures = blocks.ListBlock(
        SnippetChooserBlock("diagnostic.Measure"),
        label=_("measures recommended"),
        default=[],
        collapsed=True,
    )
    themes = blocks.ListBlock(
        SnippetChooserBlock("catalogue.Theme"),
        label=_("themes of need"),
        default=[],
        collapsed=True,
        help_text=_(
            "Needs this answer reveals, beside its measures' themes: the observatory counts "
            "them to show the needs no offer covers."
        ),
    )

    class Meta:
        label = _("answer")
        icon = "radio-full"
        template = "blocks/diagnostic_option.html"
        preview_value = {"label": "Une feuille de route suivie", "value": "feuille", "score": "3"}


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("question"), max_length=300)
    slug = _code_block(help_text=_("Unique within the questionnaire; stored with each result."))
    help_text = blocks.TextBlock(label=_("help text"), required=False)
    weight = blocks.ChoiceBlock(
        choices=WEIGHTS, default="1", label=_("weight"), help_text=_("1 to 3.")
    )
    options = blocks.ListBlock(OptionBlock(), label=_("answers"), min_num=2)

    class Meta:
        label = _("question")
        icon = "help"
        template = "blocks/diagnostic_question.html"
        preview_value = QUESTION_PREVIEW


class AxisBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=120)
    slug = _code_block()
    description = blocks.TextBlock(label=_("description"), required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        label = _("axis")
        icon = "list-ul"
        template = "blocks/diagnostic_axis.html"
        preview_value = {
            "name": "Projet et stratégie numérique",
            "slug": "projet",
            "questions": [QUESTION_PREVIEW],
        }

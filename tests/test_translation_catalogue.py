"""Template text must go through the French catalogue: a sentence typed straight into a
template would show in one language whatever the visitor's, and `makemessages` would never
offer it to a translator. The check reads the template source, so it covers branches that
no rendering test reaches."""

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from django.conf import settings
from django.template.base import Lexer, TokenType
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

# Attributes that assistive technology reads out or that the browser displays.
VISIBLE_ATTRIBUTES = {"alt", "aria-label", "label", "placeholder", "title"}
# Elements whose text is code, not language.
CODE_ELEMENTS = {"script", "style"}
# The brand is a name in every language.
NOT_LANGUAGE = re.compile(r"\bRepères\b")
LETTER = re.compile(r"[^\W\d_]")
TRANSLATION_BLOCKS = {"blocktranslate", "blocktrans", "comment"}
TRANSLATION_BLOCK_ENDS = {"endblocktranslate", "endblocktrans", "endcomment"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._code_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in CODE_ELEMENTS:
            self._code_depth += 1
        self.texts.extend(value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in CODE_ELEMENTS:
            self._code_depth -= 1

    def handle_data(self, data):
        if not self._code_depth:
            self.texts.append(data)


def untranslated_text(source: str) -> list[str]:
    """The visible text of a template that does not pass through a translation tag.

    Template tags and variables are dropped, and so is everything inside
    `{% blocktranslate %}` and `{% comment %}`; what remains is plain HTML whose text
    and visible attributes must hold no letter."""
    html = []
    skipping = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0] if token.contents else ""
            if name in TRANSLATION_BLOCKS:
                skipping += 1
            elif name in TRANSLATION_BLOCK_ENDS:
                skipping -= 1
        elif token.token_type == TokenType.TEXT and not skipping:
            html.append(token.contents)
    parser = _VisibleText()
    parser.feed("".join(html))
    parser.close()
    return [
        " ".join(text.split()) for text in parser.texts if LETTER.search(NOT_LANGUAGE.sub("", text))
    ]


def _project_templates() -> list[Path]:
    base = Path(settings.BASE_DIR)
    folders = [base / "templates", *base.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_the_check_finds_text_outside_translation_tags():
    source = (
        '{% load i18n %}<p title="Aide">Bonjour {{ name }}</p>'
        '<nav aria-label="{% translate "Menu" %}">{% translate "Home" %}</nav>'
        "{% blocktranslate %}Hello <b>you</b>{% endblocktranslate %}"
        "<style>body { color: red; }</style><p>Repères — 3 €</p>"
    )
    assert untranslated_text(source) == ["Aide", "Bonjour"]


def test_project_templates_are_found():
    names = {path.name for path in _project_templates()}
    assert {"base.html", "500.html", "offer_card.html", "my_work.html"} <= names


@pytest.mark.parametrize(
    "path", _project_templates(), ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_template_text_is_marked_for_translation(path):
    assert untranslated_text(path.read_text()) == []


@pytest.mark.parametrize(
    ("english", "french"),
    [
        (lambda: gettext("Skip to content"), "Aller au contenu"),
        (lambda: gettext("Page not found"), "Page introuvable"),
        (lambda: pgettext("main navigation", "Training"), "Formations"),
        (lambda: ngettext("%(counter)s offer", "%(counter)s offers", 1), "%(counter)s offre"),
        (lambda: ngettext("%(counter)s offer", "%(counter)s offers", 2), "%(counter)s offres"),
        (lambda: ngettext("%(counter)s seat", "%(counter)s seats", 0), "%(counter)s place"),
    ],
)
def test_the_compiled_catalogue_translates_to_french(english, french):
    with translation.override("fr"):
        assert english() == french


def _seats(count: int) -> str:
    start = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    session = SimpleNamespace(
        start=start, end=start, online=True, seats=count, trainer=None, registration_url=""
    )
    html = render_to_string("training/includes/session_list.html", {"sessions": [session]})
    return re.search(r"· (\d+ \w+)", html)[1]


def test_counts_follow_the_french_plural_rule():
    # French puts zero in the singular, where the English source (and `pluralize`) does not.
    with translation.override("fr"):
        assert [_seats(n) for n in (0, 1, 2)] == ["0 place", "1 place", "2 places"]
    with translation.override("en"):
        assert [_seats(n) for n in (0, 1, 2)] == ["0 seats", "1 seat", "2 seats"]

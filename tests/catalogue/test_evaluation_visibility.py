"""Unapproved evaluations never reach the public through search or open data. Evaluations
are not indexed at all: the search document of an offer is the offer's own text."""

import pytest

from catalogue.search import search_index_rebuild
from catalogue.search.documents import page_terms
from tests.factories.catalogue import ToolPageFactory
from tests.factories.evaluations import (
    DRAFT,
    MODERATION,
    WITHDRAWN,
    EvaluationCriterionFactory,
    EvaluationFactory,
    run_on_commit,
)

pytestmark = pytest.mark.django_db

WORDS = {DRAFT: "zorglubbrouillon", MODERATION: "zorglubmoderee", WITHDRAWN: "zorglubretiree"}


@pytest.fixture
def tool(catalogue):
    tool = ToolPageFactory(parent=catalogue, slug="outil", title="Outil de sondage")
    criterion = EvaluationCriterionFactory()
    EvaluationFactory(offer=tool, answers={criterion: "oui"})
    for state, word in WORDS.items():
        EvaluationFactory(
            offer=tool,
            state=state,
            summary=f"Synthèse {word}.",
            answers={criterion: ("non", f"Commentaire {word}.", f"https://{word}.example/")},
        )
    # Published again after the evaluations: the index is written then.
    run_on_commit(tool.save_revision().publish)
    return tool


def test_the_offer_search_document_has_no_evaluation_words(tool):
    search_index_rebuild()
    terms = page_terms(tool.specific)

    assert "sondag" in " ".join(terms)
    assert not [term for term in terms if term.startswith("zorglub")]


@pytest.mark.parametrize("word", WORDS.values())
def test_searching_a_hidden_evaluation_word_finds_nothing(client, tool, word):
    assert client.get("/recherche/", {"q": word}).context["results"] == []
    assert client.get("/catalogue/", {"q": word}).context["offers"] == []


def test_open_data_holds_no_hidden_evaluation_word(client, tool):
    for url in ("/opendata/offres.json", "/opendata/offres.csv"):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response).decode()
        assert "outil" in body
        assert not [word for word in WORDS.values() if word in body]

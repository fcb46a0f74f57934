from datetime import date, timedelta

import pytest

from django.core.exceptions import ValidationError

from catalogue.models import ResourcePage, SupportServicePage, ToolPage, TrainingOfferPage
from tests.factories.catalogue import ActorFactory

pytestmark = pytest.mark.django_db


def _clean(page):
    with pytest.raises(ValidationError) as excinfo:
        page.clean()
    return excinfo.value.message_dict


def test_kind_and_label_per_subtype():
    assert [m.kind for m in (ToolPage, ResourcePage, TrainingOfferPage, SupportServicePage)] == [
        "outil",
        "ressource",
        "formation",
        "accompagnement",
    ]
    assert ToolPage(title="x").kind_label == "Outil"
    # The public label, not the admin's "formation externe": the API enum keeps it.
    assert TrainingOfferPage.kind_label == "Formation"


def test_review_date_must_follow_qualification():
    page = ToolPage(title="x", last_qualified_on=date(2026, 5, 1), review_by=date(2026, 1, 1))
    assert "review_by" in _clean(page)


def test_qualification_cannot_be_in_the_future():
    page = ToolPage(title="x", last_qualified_on=date.today() + timedelta(days=3))
    assert "last_qualified_on" in _clean(page)


def test_resource_needs_a_link_or_a_document():
    assert "resource_url" in _clean(ResourcePage(title="x", resource_type="guide"))
    ResourcePage(title="x", resource_type="guide", resource_url="https://example.org").clean()


def test_support_service_needs_a_contact():
    assert "contact_email" in _clean(SupportServicePage(title="x", support_level="orientation"))
    SupportServicePage(
        title="x", support_level="orientation", contact_phone="02 47 00 00 00"
    ).clean()


def test_training_duration_and_price_are_positive():
    errors = _clean(TrainingOfferPage(title="x", duration_hours=0))
    assert "duration_hours" in errors
    assert "price_amount" in _clean(TrainingOfferPage(title="x", duration_hours=2, price_amount=-1))


def test_actor_identifiers_are_validated():
    actor = ActorFactory.build(siret="1234", rna="X12", postcode="370", departments="37;41")
    with pytest.raises(ValidationError) as excinfo:
        actor.full_clean()
    assert {"siret", "rna", "postcode", "departments"} <= set(excinfo.value.message_dict)
    assert ActorFactory.build(departments="37, 41, 2A").department_list == ["37", "41", "2A"]

"""Every absolute link the site hands out starts with SITE_URL, once the Site follows it."""

import json
import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Workflow

from catalogue.jsonld import offer_jsonld
from cms.site import site_sync
from home.roles import ACTORS, COORDINATION, WORKFLOW_NAME, roles_setup
from tests.factories.catalogue import ToolPageFactory
from tests.factories.training import TrainingModulePageFactory, TrainingSessionFactory
from tests.factories.users import UserFactory
from tests.graphql_client import graphql_data
from training.jsonld import module_jsonld

from .conftest import SITE_URL

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"'<>]+")


def test_site_follows_site_url(public_site):
    assert (public_site.hostname, public_site.port) == ("reperes.example.org", 443)
    assert public_site.root_url == SITE_URL
    assert site_sync() is False


def test_api_url(client, public_site, catalogue):
    ToolPageFactory(parent=catalogue, slug="outil-a")

    data = graphql_data(client, "{ offers { items { url } } }")

    assert data["offers"]["items"] == [{"url": f"{SITE_URL}/catalogue/outil-a/"}]


def test_offer_jsonld_url_in_the_page(client, public_site, catalogue):
    ToolPageFactory(parent=catalogue, slug="outil-a")

    html = client.get("/catalogue/outil-a/").content.decode()

    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(script.group(1))["url"] == f"{SITE_URL}/catalogue/outil-a/"


def test_jsonld_and_ical_urls_of_a_training_module(client, public_site, training_index):
    module = TrainingModulePageFactory(parent=training_index, slug="rgpd")
    TrainingSessionFactory(module=module, start=timezone.now() + timedelta(days=3))

    assert module_jsonld(module, [])["url"] == f"{SITE_URL}/formations/rgpd/"
    calendar = Calendar.from_ical(client.get("/ical/sessions.ics").content)
    assert [str(event["URL"]) for event in calendar.walk("VEVENT")] == [
        f"{SITE_URL}/formations/rgpd/"
    ]


def test_offer_jsonld_without_a_request(public_site, catalogue):
    page = ToolPageFactory(parent=catalogue, slug="outil-a")
    assert offer_jsonld(page)["url"] == f"{SITE_URL}/catalogue/outil-a/"


def test_sitemap_lists_visible_pages_only(client, public_site, catalogue):
    ToolPageFactory(parent=catalogue, slug="publique")
    ToolPageFactory(parent=catalogue, slug="brouillon", live=False)
    private = ToolPageFactory(parent=catalogue, slug="privee")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = re.findall(r"<loc>(.*?)</loc>", response.content.decode())
    assert locations == [
        f"{SITE_URL}/",
        f"{SITE_URL}/catalogue/",
        f"{SITE_URL}/catalogue/publique/",
    ]


def test_workflow_emails_link_to_the_site(
    client, public_site, catalogue, training_index, mailoutbox
):
    roles_setup()
    author = UserFactory(username="alice", group=ACTORS)
    reviewer = UserFactory(username="bruno", group=ACTORS)
    coordinator = UserFactory(username="coralie", group=COORDINATION)
    page = ToolPageFactory(parent=catalogue, slug="nouvel-outil", owner=author, live=False)
    page.save_revision(user=author)
    Workflow.objects.get(name=WORKFLOW_NAME).start(page, author)
    for user in (reviewer, coordinator):
        state = Page.objects.get(pk=page.pk).current_workflow_task_state
        client.force_login(user)
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
        )

    assert Page.objects.get(pk=page.pk).live
    links = [link for mail in mailoutbox for link in LINK.findall(mail.body)]
    assert any("/admin/" in link for link in links)
    assert f"{SITE_URL}/catalogue/nouvel-outil/" in links
    assert all(link.startswith(f"{SITE_URL}/") for link in links), links

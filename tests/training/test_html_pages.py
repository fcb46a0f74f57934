import json
import re

import pytest

from tests.factories.training import (
    TrainingModulePageFactory,
    TrainingPathPageFactory,
    TrainingSessionFactory,
    sequences,
)
from training.models import PathModule

pytestmark = pytest.mark.django_db


def test_module_page_shows_timeline_sessions_and_course_jsonld(client, training_index):
    module = TrainingModulePageFactory(
        parent=training_index, slug="donnees", title="Données et RGPD", sequences=sequences(45, 75)
    )
    TrainingSessionFactory(module=module, commune="Amboise", postcode="37400")

    response = client.get("/formations/donnees/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count('class="timeline__item"') == 2
    assert "1 h 15" in html
    assert "Amboise" in html
    assert "/ical/modules/donnees.ics" in html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    course = json.loads(scripts[0])
    assert course["@type"] == "Course"
    assert course["timeRequired"] == "PT2H"
    assert course["hasCourseInstance"][0]["@type"] == "CourseInstance"
    assert course["hasCourseInstance"][0]["location"]["address"]["addressLocality"] == "Amboise"


def test_index_and_path_pages(client, training_index):
    module = TrainingModulePageFactory(parent=training_index, title="Premiers pas")
    draft = TrainingModulePageFactory(parent=training_index, title="Module brouillon", live=False)
    path = TrainingPathPageFactory(parent=training_index, slug="niveau-1", title="Niveau 1")
    path.path_modules = [
        PathModule(module=module, sort_order=0),
        PathModule(module=draft, sort_order=1),
    ]
    path.save_revision().publish()
    TrainingSessionFactory(module=module)

    index_html = client.get("/formations/").content.decode()
    assert "Niveau 1" in index_html and "Premiers pas" in index_html
    path_html = client.get("/formations/niveau-1/").content.decode()
    assert "Premiers pas" in path_html and "Module brouillon" not in path_html


def test_offer_page_lists_modules_using_it(client, catalogue, training_index):
    from tests.factories.catalogue import ToolPageFactory

    tool = ToolPageFactory(parent=catalogue, slug="outil")
    TrainingModulePageFactory(parent=training_index, title="Module public", offers=[tool])
    TrainingModulePageFactory(
        parent=training_index, title="Module brouillon", offers=[tool], live=False
    )

    html = client.get("/catalogue/outil/").content.decode()

    assert "Module public" in html and "Module brouillon" not in html

"""Loads the training part of the demo: paths, modules with their sequence plans and
upcoming sessions. Idempotent like the catalogue part."""

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from catalogue.models import Actor, Audience, OfferPage, Theme
from training.models import (
    Competence,
    PathModule,
    TrainingIndexPage,
    TrainingModulePage,
    TrainingPathPage,
    TrainingSession,
)
from training.services import crcn_load_seed

TRAINING_FILE = Path(__file__).resolve().parent / "training.json"
PARIS = ZoneInfo("Europe/Paris")

MODULE_FIELDS = [
    "level",
    "summary",
    "prerequisites",
    "vigilance_points",
    "format",
    "access_conditions",
    "access_delay",
    "teaching_methods",
    "evaluation_method",
    "accessibility",
    "price_per_participant",
    "price_per_group",
    "funding_notes",
    "contact_name",
    "contact_email",
    "contact_phone",
    "licence",
    "duration_hours",
]


def _html_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


class TrainingDemoLoader:
    def __init__(
        self, content: dict, *, home, publish, make_actor, count, today: date | None = None
    ):
        self.content = content
        self.home = home
        self.publish = publish
        self.make_actor = make_actor
        self.count = count
        self.today = today or date.today()

    def run(self) -> None:
        if crcn_load_seed():
            self.count("crcn")
        for data in self.content.get("actors", []):
            self.make_actor(data)
        index = self.index_page()
        modules = self.modules(index)
        self.paths(index, modules)
        self.sessions(modules)

    def index_page(self) -> TrainingIndexPage:
        index = TrainingIndexPage.objects.first()
        if index:
            return index
        data = self.content["index"]
        index = TrainingIndexPage(
            title=data["title"], slug="formations", intro=f"<p>{data['intro']}</p>"
        )
        self.home.add_child(instance=index)
        self.publish(index)
        self.count("training_index")
        return index

    def modules(self, index) -> dict[str, TrainingModulePage]:
        existing = {m.slug: m for m in TrainingModulePage.objects.child_of(index)}
        themes = {t.slug: t for t in Theme.objects.all()}
        audiences = {a.slug: a for a in Audience.objects.all()}
        competences = {c.code: c for c in Competence.objects.all()}
        actors = {a.slug: a for a in Actor.objects.all()}
        offers = {o.slug: o for o in OfferPage.objects.live()}
        for data in self.content["modules"]:
            if data["slug"] in existing:
                continue
            module = TrainingModulePage(
                title=data["title"],
                slug=data["slug"],
                objectives=_html_list(data["objectives"]),
                expected_results=_html_list(data["expected_results"]),
                sequences=[
                    {"type": "sequence", "value": sequence} for sequence in data["sequences"]
                ],
                **{field: data[field] for field in MODULE_FIELDS if field in data},
            )
            module.themes = [themes[slug] for slug in data["themes"]]
            module.audiences = [audiences[slug] for slug in data["audiences"]]
            module.competences = [competences[code] for code in data["competences"]]
            module.authors = [actors[slug] for slug in data["authors"]]
            module.offers = [offers[slug] for slug in data.get("offers", []) if slug in offers]
            module.full_clean(exclude=["path", "depth", "url_path"])
            index.add_child(instance=module)
            self.publish(module)
            existing[module.slug] = module
            self.count("training_modules")
        return existing

    def paths(self, index, modules) -> None:
        existing = set(TrainingPathPage.objects.child_of(index).values_list("slug", flat=True))
        audiences = {a.slug: a for a in Audience.objects.all()}
        for data in self.content["paths"]:
            if data["slug"] in existing:
                continue
            path = TrainingPathPage(
                title=data["title"],
                slug=data["slug"],
                level=data["level"],
                summary=data["summary"],
                presentation="".join(f"<p>{p}</p>" for p in data["presentation"]),
            )
            path.audiences = [audiences[slug] for slug in data.get("audiences", [])]
            path.path_modules = [
                PathModule(module=modules[slug], sort_order=n)
                for n, slug in enumerate(data["modules"])
            ]
            index.add_child(instance=path)
            self.publish(path)
            self.count("training_paths")

    def sessions(self, modules) -> None:
        """Sessions keep their dates relative to the first one in the file, shifted so
        that the demo always has upcoming sessions."""
        if TrainingSession.objects.exists():
            return
        actors = {a.slug: a for a in Actor.objects.all()}
        starts = [datetime.fromisoformat(s["start"]) for s in self.content["sessions"]]
        first = min(starts)
        shift = max(
            timedelta(0), datetime.combine(self.today, first.time()) + timedelta(days=7) - first
        )
        shift = timedelta(days=shift.days)
        for data in self.content["sessions"]:
            TrainingSession.objects.create(
                module=modules[data["module"]],
                start=(datetime.fromisoformat(data["start"]) + shift).replace(tzinfo=PARIS),
                end=(datetime.fromisoformat(data["end"]) + shift).replace(tzinfo=PARIS),
                online=data.get("online", False),
                commune=data.get("commune", ""),
                postcode=data.get("postcode", ""),
                venue=data.get("venue", ""),
                seats=data["seats"],
                registration_url=data.get("registration_url", ""),
                trainer=actors.get(data.get("trainer")),
            )
            self.count("training_sessions")


def load_training_demo(**kwargs) -> None:
    if not TRAINING_FILE.exists():
        return
    content = json.loads(TRAINING_FILE.read_text(encoding="utf-8"))
    TrainingDemoLoader(content, **kwargs).run()

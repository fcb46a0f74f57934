import functools
import json

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from catalogue.choices import (
    ActorKind,
    GuidAssoLevel,
    HostingLocation,
    OfferFormat,
    PricingModel,
    ResourceType,
    Territory,
    TrainingLevel,
)
from catalogue.models import (
    Actor,
    Audience,
    CatalogueIndexPage,
    CollectionItem,
    ResourcePage,
    SupportServicePage,
    ThematicCollectionPage,
    Theme,
    ToolPage,
    TrainingOfferPage,
    kind_fields,
)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")


class AudienceFactory(DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Public {n}")
    slug = factory.Sequence(lambda n: f"public-{n}")


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Structure {n}")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    kind = ActorKind.DIGITAL_ACTOR
    commune = "Tours"
    postcode = "37000"
    departments = "37"
    contact_email = factory.LazyAttribute(lambda o: f"contact@{o.slug}.example.org")
    guidasso_level = GuidAssoLevel.INFORMATION


class CatalogueIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CatalogueIndexPage

    title = "Catalogue"
    slug = "catalogue"


def _set_m2m(name):
    def setter(obj, create, extracted, **kwargs):
        if extracted is None:
            return
        setattr(obj, name, list(extracted))
        if create:
            obj.save()

    return factory.PostGeneration(setter)


class OfferPageFactory(wagtail_factories.PageFactory):
    """Offers are published like an editor would (a revision, then publish), so
    `first_published_at` and the revision history are real."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"offre-{n:03d}")
    title = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    summary = factory.LazyAttribute(lambda o: f"Résumé de {o.title}.")
    provider = factory.SubFactory(ActorFactory)
    pricing_model = PricingModel.FREE
    format = OfferFormat.ONLINE
    territory = Territory.NATIONAL
    website = "https://example.org/"
    themes = _set_m2m("themes")
    audiences = _set_m2m("audiences")

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and obj.live and extracted is not False:
            obj.save_revision().publish()


class ToolPageFactory(OfferPageFactory):
    class Meta:
        model = ToolPage

    hosting_location = HostingLocation.EU
    alternatives = _set_m2m("alternatives")


class ResourcePageFactory(OfferPageFactory):
    class Meta:
        model = ResourcePage

    resource_type = ResourceType.GUIDE
    resource_url = "https://example.org/guide.pdf"


class TrainingOfferPageFactory(OfferPageFactory):
    class Meta:
        model = TrainingOfferPage

    duration_hours = 3
    level = TrainingLevel.BEGINNER


class SupportServicePageFactory(OfferPageFactory):
    class Meta:
        model = SupportServicePage

    support_level = GuidAssoLevel.GENERALIST
    contact_email = "accompagnement@example.org"


def offer_factory(model):
    """The factory of an offer kind, found by model, so that tests can run over
    `OFFER_MODELS`. A kind without a factory of its own gets one whose kind-specific values
    come from its first demo entry: adding a kind needs no edit here. Declare a factory
    when tests need other defaults."""
    for declared in OfferPageFactory.__subclasses__():
        if declared._meta.model is model:
            return declared
    return _factory_from_demo(model)


@functools.cache
def _factory_from_demo(model):
    from home.demo.loader import CONTENT_FILE

    offers = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))["offers"]
    entry = next((data for data in offers if data["kind"] == model.kind), None)
    if entry is None:
        raise LookupError(f"No factory and no demo entry for the offer kind {model.kind!r}.")
    values = {name: entry[name] for name in kind_fields(model) if name in entry}
    meta = type("Meta", (), {"model": model})
    return type(f"{model.__name__}Factory", (OfferPageFactory,), {"Meta": meta, **values})


class ThematicCollectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThematicCollectionPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")
    intro = "<p>Une sélection.</p>"
    themes = _set_m2m("themes")


class CollectionItemFactory(DjangoModelFactory):
    class Meta:
        model = CollectionItem

    note = "Pourquoi cette offre."
    sort_order = factory.Sequence(int)

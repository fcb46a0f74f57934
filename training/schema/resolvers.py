"""Batched resolvers of the training offer's nested fields, attached to grapple's types
by `cms.api.schema`. Each reads through a loader."""

from catalogue.schema.loaders import ActorByIdLoader, visible_offers
from cms.api.loaders import VisiblePageByIdLoader, load_foreign_key, load_many_to_many
from cms.api.resolvers import resolves
from cms.api.streams import load_stream

from ..models import Competence, TrainingModulePage, TrainingPathPage, TrainingSession
from .loaders import (
    AudiencesByModuleIdLoader,
    AudiencesByPathIdLoader,
    AuthorsByModuleIdLoader,
    CompetenceDomainByIdLoader,
    CompetencesByModuleIdLoader,
    ModuleIdsByPathIdLoader,
    OfferIdsByModuleIdLoader,
    ThemesByModuleIdLoader,
    UpcomingSessionsByModuleIdLoader,
)


def _pk(obj):
    return obj.pk


@resolves(TrainingModulePage, "audiences")
def resolve_module_audiences(module, info):
    return load_many_to_many(module, "audiences", AudiencesByModuleIdLoader, info)


@resolves(TrainingModulePage, "themes")
def resolve_module_themes(module, info):
    return load_many_to_many(module, "themes", ThemesByModuleIdLoader, info)


@resolves(TrainingModulePage, "competences")
def resolve_module_competences(module, info):
    return load_many_to_many(module, "competences", CompetencesByModuleIdLoader, info)


@resolves(TrainingModulePage, "authors")
def resolve_module_authors(module, info):
    return load_many_to_many(module, "authors", AuthorsByModuleIdLoader, info)


@resolves(TrainingModulePage, "sequences")
def resolve_module_sequences(module, info):
    return load_stream(module, info, "sequences")


@resolves(TrainingModulePage, "live_offers")
def resolve_module_offers(module, info):
    ids = OfferIdsByModuleIdLoader.for_request(info).load_for(module, _pk)
    return sorted(visible_offers(info, ids), key=lambda offer: offer.path)


@resolves(TrainingModulePage, "upcoming_sessions")
def resolve_module_sessions(module, info):
    return UpcomingSessionsByModuleIdLoader.for_request(info).load_for(module, _pk)


@resolves(TrainingPathPage, "audiences")
def resolve_path_audiences(path, info):
    return load_many_to_many(path, "audiences", AudiencesByPathIdLoader, info)


@resolves(TrainingPathPage, "live_modules")
def resolve_path_modules(path, info):
    ids = ModuleIdsByPathIdLoader.for_request(info).load_for(path, _pk)
    return [page for page in VisiblePageByIdLoader.for_request(info).load_many(ids) if page]


@resolves(TrainingSession, "module")
def resolve_session_module(session, info):
    return load_foreign_key(session, "module", VisiblePageByIdLoader, info)


@resolves(TrainingSession, "trainer")
def resolve_session_trainer(session, info):
    return load_foreign_key(session, "trainer", ActorByIdLoader, info)


def _domain(competence, info):
    return load_foreign_key(competence, "domain", CompetenceDomainByIdLoader, info)


@resolves(Competence, "domain_code")
def resolve_domain_code(competence, info):
    return _domain(competence, info).code


@resolves(Competence, "domain_name")
def resolve_domain_name(competence, info):
    return _domain(competence, info).name

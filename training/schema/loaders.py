"""Per-request loaders of the training offer (see `cms.api.loaders` for how they batch)."""

from collections import defaultdict

from django.utils import timezone

from cms.api.loaders import DataLoader, ManyToManyLoader, ModelByIdLoader, related_ids_by_source

from ..models import (
    CompetenceDomain,
    PathModule,
    TrainingModulePage,
    TrainingPathPage,
    TrainingSession,
)


class CompetenceDomainByIdLoader(ModelByIdLoader):
    model = CompetenceDomain


class AudiencesByModuleIdLoader(ManyToManyLoader):
    model = TrainingModulePage
    field_name = "audiences"


class ThemesByModuleIdLoader(ManyToManyLoader):
    model = TrainingModulePage
    field_name = "themes"


class CompetencesByModuleIdLoader(ManyToManyLoader):
    model = TrainingModulePage
    field_name = "competences"


class AuthorsByModuleIdLoader(ManyToManyLoader):
    model = TrainingModulePage
    field_name = "authors"


class AudiencesByPathIdLoader(ManyToManyLoader):
    model = TrainingPathPage
    field_name = "audiences"


class OfferIdsByModuleIdLoader(DataLoader):
    def batch_load(self, keys):
        ids = related_ids_by_source(TrainingModulePage, "offers", keys)
        return [ids[key] for key in keys]


class ModuleIdsByPathIdLoader(DataLoader):
    """The module ids of each path, in the path's order."""

    def batch_load(self, keys):
        ids = defaultdict(list)
        for path, module in (
            PathModule.objects.filter(path_id__in=keys)
            .order_by("sort_order", "pk")
            .values_list("path_id", "module_id")
        ):
            ids[path].append(module)
        return [ids[key] for key in keys]


class UpcomingSessionsByModuleIdLoader(DataLoader):
    """Sessions not yet finished of each module, soonest first."""

    def batch_load(self, keys):
        sessions = defaultdict(list)
        for session in TrainingSession.objects.filter(
            module_id__in=keys, end__gte=timezone.now()
        ).order_by("start", "pk"):
            sessions[session.module_id].append(session)
        return [sessions[key] for key in keys]

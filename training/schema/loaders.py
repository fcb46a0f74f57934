"""Per-request loaders of the training offer (see `cms.api.loaders` for how they batch)."""

from collections import defaultdict

from cms.api.loaders import (
    DataLoader,
    ManyToManyLoader,
    ModelByIdLoader,
    OrderedIdsLoader,
    RelatedIdsLoader,
)

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


class OfferIdsByModuleIdLoader(RelatedIdsLoader):
    model = TrainingModulePage
    field_name = "offers"


class ModuleIdsByPathIdLoader(OrderedIdsLoader):
    model = PathModule
    source = "path"
    target = "module"


class UpcomingSessionsByModuleIdLoader(DataLoader):
    """Sessions not yet finished of each module, soonest first."""

    def batch_load(self, keys):
        sessions = defaultdict(list)
        for session in TrainingSession.objects.upcoming().filter(module_id__in=keys):
            sessions[session.module_id].append(session)
        return [sessions[key] for key in keys]

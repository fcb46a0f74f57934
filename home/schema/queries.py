"""The site-wide `search` root field: offers and training modules together."""

import graphene

from django.utils.translation import gettext

from grapple.registry import registry

from catalogue.models import OFFER_MODELS
from catalogue.search.text import words
from cms.api.errors import BadUserInput
from cms.api.pagination import page_arguments, paginate, paginated_type
from training.models import TrainingModulePage

from .. import selectors

SEARCHED_MODELS = (*OFFER_MODELS, TrainingModulePage)


def build_search_query():
    """Built when grapple assembles the schema: the union needs the generated types."""

    class SearchResult(graphene.Union):
        class Meta:
            description = "Un résultat de recherche : une offre (de l'un des quatre types) ou un module de formation."
            types = tuple(registry.pages[model] for model in SEARCHED_MODELS)

        @classmethod
        def resolve_type(cls, instance, info):
            return registry.pages[type(instance)]

    SearchResultList = paginated_type(
        "SearchResultList", SearchResult, "Une page de résultats de recherche."
    )

    class SearchQuery:
        search = graphene.Field(
            SearchResultList,
            required=True,
            description=(
                "Recherche dans les offres et les modules de formation publiés, les plus "
                "pertinents d'abord (accents, pluriels, débuts de mots et synonymes compris)."
            ),
            query=graphene.String(required=True, description="Mots recherchés."),
            **page_arguments(),
        )

        def resolve_search(self, info, query, page, per_page):
            if not words(query):
                raise BadUserInput(
                    gettext("query must contain at least one word to search for."),
                    field="query",
                )
            return paginate(
                selectors.site_search(query),
                page=page,
                per_page=per_page,
                load=selectors.load_search_pages,
            )

    return SearchQuery

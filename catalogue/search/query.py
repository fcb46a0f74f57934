"""`apply_search`: the one entry point for searching a page queryset.

A query becomes groups of alternatives: each word typed is a group, and a run of words
that matches a synonym (« réunion à distance ») is one group whose alternatives are all
the synonyms of its set. A page matches when it matches every group; it matches a group
when it holds every term of one of its alternatives. Each term is matched as a prefix
(« visio » finds « visioconférence »), except very short ones.

Everything stays in SQL (correlated `EXISTS` and one rank subquery per group), so the
caller filters further, orders by `-search_rank` and pages with LIMIT/OFFSET."""

from functools import reduce
from operator import and_, or_

from django.db.models import (
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from ..models import SearchSynonym, SearchTerm
from .text import terms

# Below this length a prefix would match too much (« co » → « commun », « compte »…).
MIN_PREFIX = 3
MAX_GROUPS = 8

Alternative = tuple[str, ...]
Group = list[Alternative]


def synonym_sets() -> list[list[Alternative]]:
    """Each synonym group as the normalised terms of its expressions."""
    sets = []
    for synonym in SearchSynonym.objects.all():
        alternatives = [tuple(terms(text)) for text in synonym.term_list()]
        alternatives = list(dict.fromkeys(alt for alt in alternatives if alt))
        if len(alternatives) > 1:
            sets.append(alternatives)
    return sets


def query_groups(text: str, synonyms: list[list[Alternative]]) -> list[Group]:
    """The groups of a query: the longest synonym expression wins at each position."""
    words = terms(text)
    expressions = sorted(
        ((alt, alternatives) for alternatives in synonyms for alt in alternatives),
        key=lambda item: -len(item[0]),
    )
    groups: list[Group] = []
    position = 0
    while position < len(words):
        for expression, alternatives in expressions:
            if tuple(words[position : position + len(expression)]) == expression:
                groups.append(alternatives)
                position += len(expression)
                break
        else:
            groups.append([(words[position],)])
            position += 1
    unique = list({tuple(group): group for group in groups}.values())
    return unique[:MAX_GROUPS]


def _term_q(term: str) -> Q:
    if len(term) >= MIN_PREFIX:
        return Q(term__startswith=term)
    return Q(term=term)


def _page_terms(q: Q) -> QuerySet[SearchTerm]:
    return SearchTerm.objects.filter(q, page_id=OuterRef("pk"))


def _matches(group: Group) -> Q:
    alternatives = [
        reduce(and_, (Q(Exists(_page_terms(_term_q(term)))) for term in alternative))
        for alternative in group
    ]
    return reduce(or_, alternatives)


def _rank(group: Group):
    """The best weight among the page's terms that any alternative of the group names."""
    q = reduce(or_, (_term_q(term) for alternative in group for term in alternative))
    best = _page_terms(q).order_by().values("page_id").annotate(best=Max("weight"))
    return Coalesce(
        Subquery(best.values("best")[:1], output_field=IntegerField()),
        Value(0, output_field=IntegerField()),
    )


def apply_search(queryset: QuerySet, text: str) -> QuerySet:
    """The pages of `queryset` that match `text`, annotated with `search_rank` (higher
    is better). A query with no searchable word matches nothing."""
    groups = query_groups(text or "", synonym_sets())
    if not groups:
        return queryset.none()
    for group in groups:
        queryset = queryset.filter(_matches(group))
    rank = reduce(lambda left, right: left + right, (_rank(group) for group in groups))
    return queryset.annotate(search_rank=rank)

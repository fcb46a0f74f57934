"""`apply_search`: the one entry point for searching a page queryset.

A query becomes groups of alternatives: each word typed is a group, and a run of words
that matches a synonym (« réunion à distance ») is one group whose alternatives are all
the synonyms of its set. A page matches when it matches every group; it matches a group
when it holds every word of one of its alternatives. A word matches a page's term when
they have the same stem (« associations » finds « association »), or when the word as
typed starts the term (« visio » finds « visioconférence »). The prefix is the typed
word, not its stem, which would widen it further: the stem of « dons » is « don », a
prefix that would find « données ».

Everything stays in SQL (a semi-join per word, one rank subquery per group), so the
caller filters further, orders by `-search_rank` and pages with LIMIT/OFFSET. Pass a
queryset without DISTINCT: a DISTINCT over whole rows makes the database sort every hit."""

from functools import reduce
from operator import add, and_, or_
from os.path import commonprefix

from django.db.models import (
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least

from cms import content_version

from ..models import SearchSynonym, SearchTerm
from .text import stem, words

# Below this length a prefix would match too much (« co » → « commun », « compte »…).
MIN_PREFIX = 3
MAX_GROUPS = 8

# A word is its folded form as typed; it is stemmed when matched.
Alternative = tuple[str, ...]
Group = list[Alternative]


def synonym_sets() -> list[list[Alternative]]:
    """Each synonym group as the folded words of its expressions: every search needs
    them, so they are read once until an editor changes a synonym."""

    def read():
        sets = []
        for synonym in SearchSynonym.objects.all():
            alternatives = [tuple(words(text)) for text in synonym.term_list()]
            alternatives = list(dict.fromkeys(alt for alt in alternatives if alt))
            if len(alternatives) > 1:
                sets.append(alternatives)
        return sets

    return content_version.remember("search-synonyms", read, depends_on=(SearchSynonym,))


def query_groups(text: str, synonyms: list[list[Alternative]]) -> list[Group]:
    """The groups of a query: the longest synonym expression wins at each position."""
    typed = words(text)
    stems = [stem(word) for word in typed]
    expressions = sorted(
        ((alt, alternatives) for alternatives in synonyms for alt in alternatives),
        key=lambda item: -len(item[0]),
    )
    groups: list[Group] = []
    position = 0
    while position < len(typed):
        for expression, alternatives in expressions:
            expression_stems = tuple(stem(word) for word in expression)
            if tuple(stems[position : position + len(expression)]) == expression_stems:
                groups.append(alternatives)
                position += len(expression)
                break
        else:
            groups.append([(typed[position],)])
            position += 1
    unique = list({tuple(group): group for group in groups}.values())
    return unique[:MAX_GROUPS]


def _term_q(word: str) -> Q:
    q = Q(term=stem(word))
    if len(word) >= MIN_PREFIX:
        q |= Q(term__startswith=word)
    return q


def _page_terms(q: Q) -> QuerySet[SearchTerm]:
    return SearchTerm.objects.filter(q, page_id=OuterRef("pk"))


def _pages_with(word: str) -> Q:
    # `IN (subquery)` rather than a correlated EXISTS: the database reads the index once
    # by prefix and hashes the page ids, whatever the number of candidate pages. One
    # subquery per condition, not one over `stem OR prefix`: each is then a single range
    # of the (term, page) index, read from the index alone, where an OR makes PostgreSQL
    # combine bitmaps and visit the table for every matching term.
    q = Q(pk__in=SearchTerm.objects.filter(term=stem(word)).values("page_id"))
    if len(word) >= MIN_PREFIX:
        q |= Q(pk__in=SearchTerm.objects.filter(term__startswith=word).values("page_id"))
    return q


def _matches(group: Group) -> Q:
    alternatives = [reduce(and_, map(_pages_with, alternative)) for alternative in group]
    return reduce(or_, alternatives)


def _best_weight(words: list[str]):
    """The best weight among the page's terms that any of the words matches, 0 for none."""
    q = reduce(or_, map(_term_q, words))
    # Every term the words can match starts with what they and their stems share. As a
    # condition of its own, the (page, term) index reads only those of the page's terms,
    # rather than every term of the page through the OR.
    if shared := commonprefix([*words, *map(stem, words)]):
        q &= Q(term__startswith=shared)
    best = _page_terms(q).order_by().values("page_id").annotate(best=Max("weight"))
    return Coalesce(
        Subquery(best.values("best")[:1], output_field=IntegerField()),
        Value(0, output_field=IntegerField()),
    )


def _rank(group: Group):
    """A group ranks as its best alternative; an expression of several words ranks as
    its weakest word, so that « réunion » in a title does not make « réunion à
    distance » rank as if the whole expression were there. The single words of a group
    share one subquery (one index read per hit). Every operand is non-null, so GREATEST
    and LEAST (MAX and MIN on SQLite) agree on both databases."""
    single = [alternative[0] for alternative in group if len(alternative) == 1]
    ranks = [_best_weight(single)] if single else []
    for alternative in group:
        if len(alternative) > 1:
            ranks.append(Least(*(_best_weight([word]) for word in alternative)))
    return ranks[0] if len(ranks) == 1 else Greatest(*ranks)


def apply_search(queryset: QuerySet, text: str) -> QuerySet:
    """The pages of `queryset` that match `text`, annotated with `search_rank` (higher
    is better). A query with no searchable word matches nothing."""
    groups = query_groups(text or "", synonym_sets())
    if not groups:
        # Still annotated, so that callers may order by the rank of an empty result.
        return queryset.annotate(search_rank=Value(0, output_field=IntegerField())).none()
    if all(len(alternative) == 1 for group in groups for alternative in group):
        return _single_words(queryset, groups)
    for group in groups:
        queryset = queryset.filter(_matches(group))
    rank = reduce(add, (_rank(group) for group in groups))
    return queryset.annotate(search_rank=rank)


def _joined_term_q(word: str) -> Q:
    q = Q(search_terms__term=stem(word))
    if len(word) >= MIN_PREFIX:
        q |= Q(search_terms__term__startswith=word)
        # Both conditions lie in the range of what the word and its stem share: as a
        # condition of its own, PostgreSQL reads that one range of the (term) index, hits
        # and weights included, rather than combining two bitmaps and visiting the table.
        if shared := commonprefix([word, stem(word)]):
            q &= Q(search_terms__term__startswith=shared)
    return q


def _single_words(queryset: QuerySet, groups: list[Group]) -> QuerySet:
    """Groups of single words (the usual query) match and rank in one pass: the page's
    matching terms are joined once and grouped by page, each group ranking as its best
    term, rather than one rank lookup per hit."""
    conditions = [reduce(or_, (_joined_term_q(word) for (word,) in group)) for group in groups]
    # Filtering before annotating restricts the joined terms the aggregates read.
    queryset = queryset.filter(reduce(or_, conditions))
    ranks = {
        f"_group_{n}": Max("search_terms__weight", filter=condition)
        for n, condition in enumerate(conditions)
    }
    queryset = queryset.annotate(**ranks).filter(**{f"{name}__isnull": False for name in ranks})
    queryset = queryset.annotate(search_rank=reduce(add, (F(name) for name in ranks)))
    _group_by_page_keys(queryset.query)
    return queryset


def _group_by_page_keys(query) -> None:
    """Group the joined terms by the primary key of each table of the page's model.

    Django groups an aggregate over a model queryset by every column of the model, so a
    page inherits the GROUP BY of its whole `wagtailcore_page` row (paths, titles…), and
    the database hashes those wide keys for every hit. Given the key of each table of the
    inheritance chain, Django reduces the rest to them on PostgreSQL (whose GROUP BY
    accepts columns that depend on a grouped primary key), which halves the search
    listing's SQL over 10,000 offers; SQLite groups the same rows either way."""
    model = query.model
    chain = {m._meta.db_table: m for m in (model, *model._meta.get_parent_list())}
    keys = []
    for alias, join in query.alias_map.items():
        table_model = chain.get(join.table_name)
        if table_model is not None and (alias == query.base_table or _is_parent_link(join)):
            keys.append(table_model._meta.pk.get_col(alias))
    query.group_by = tuple(keys)


def _is_parent_link(join) -> bool:
    """A join from a page model's table to the table of the model it inherits from."""
    remote = getattr(getattr(join, "join_field", None), "remote_field", None)
    return bool(getattr(remote, "parent_link", False))

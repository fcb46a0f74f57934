"""Limits checked before a query runs: depth, aliases, directives, tokens and cost, each
measured in time linear in the document, whatever its fragments."""

import pytest
from graphql import OperationDefinitionNode, build_schema, parse

from cms.api.validation import Limits, count_tokens, measure_operation
from tests.graphql_client import graphql_data, graphql_errors, post_graphql

LIMITS = Limits(
    depth=10,
    aliases=30,
    directives=10,
    cost=5000,
    default_page_size=20,
    max_page_size=100,
    unsized_list_cost=10,
)
# A schema of nested lists, sized or not, and of a paginated list, to check that costs
# multiply down the tree.
TREE = build_schema(
    """
    type Query {
      things(perPage: Int = 20): [Thing!]!
      thing: Thing
      page(perPage: Int = 20): ThingPage!
    }
    type Thing {
      name: String
      tags: [String!]!
      children(perPage: Int = 20): [Thing!]!
      parent: Thing
      siblings: [Thing!]!
    }
    type ThingPage { items: [Thing!]! total: Int }
    """
)

# Blocks inside blocks inside a body: none of these lists takes a size.
NESTED_BLOCKS = (
    '{ offer(slug: "absente") { body { ... on StructBlock { blocks {'
    " ... on StructBlock { blocks { blockType } } } } } } }"
)


def fragment_chain(links: int, base: str = "offers { pagination { total } }") -> str:
    """About 1 KB: each fragment spreads the previous one twice, so the executed query
    doubles with each link while the document grows by a line."""
    fragments = [f"fragment F0 on Query {{ {base} }}"]
    fragments += [f"fragment F{n} on Query {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, links)]
    return f"query {{ ...F{links - 1} }} " + " ".join(fragments)


def measure(query: str, schema=TREE, variables=None, limits=LIMITS):
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    return measure_operation(schema, document, operation, variables=variables, limits=limits)


def test_costs_multiply_down_nested_lists():
    figures, _ = measure("{ things(perPage: 10) { name children(perPage: 5) { name } } }")
    # 10 things, each with 5 children: 10 + 10 × 5.
    assert figures.cost == 60
    assert figures.depth == 3


def test_unsized_lists_cost_an_assumed_size_and_multiply():
    # A thing, its 10 siblings, each with 10 siblings, each with a parent.
    figures, _ = measure("{ thing { siblings { siblings { parent { name } } } } }")
    assert figures.cost == 1 + 10 + 10 * (10 + 10 * 1)
    # Under a sized list too: 5 things, each with 10 siblings.
    assert measure("{ things(perPage: 5) { siblings { name } } }")[0].cost == 5 + 5 * 10
    # A list of leaves is free, as a leaf is.
    assert measure("{ thing { tags } }")[0].cost == 1


def test_the_items_of_a_page_are_paid_by_its_size():
    assert measure("{ page(perPage: 5) { items { parent { name } } total } }")[0].cost == 5 + 5 * 2
    fragment = (
        "{ page(perPage: 5) { ...P } } fragment P on ThingPage { items { siblings { name } } }"
    )
    assert measure(fragment)[0].cost == 5 + 5 * (1 + 10)


def test_page_size_comes_from_variables_then_defaults():
    query = "query($n: Int = 7) { things(perPage: $n) { parent { name } } }"
    assert measure(query, variables={"n": 50})[0].cost == 50 * 2
    assert measure(query, variables={})[0].cost == 7 * 2
    assert measure("{ things { parent { name } } }")[0].cost == 20 * 2
    # A size past the maximum is refused by the field; the cost counts the maximum.
    assert measure("{ things(perPage: 99999999999999999999) { name } }")[0].cost == 100


def test_aliases_and_directives_count_each_spread():
    query = (
        "query { ...B } fragment A on Query { a: thing { name @include(if: true) } }"
        " fragment B on Query { ...A x: thing { ...on Thing { name } } ...A }"
    )
    figures, _ = measure(query)
    assert figures.aliases == 3
    assert figures.directives == 2


def test_fragment_chain_is_measured_in_linear_time():
    chain = fragment_chain(40, base="things { name }")
    figures, visited = measure(chain)
    assert figures.cost == 2**39 * 20
    # Each selection of the document is read once, not once per path to it.
    assert visited <= 2 * 40 + 2


@pytest.mark.parametrize(
    "query",
    [
        "query { ...A } fragment A on Query { thing { ...B } } fragment B on Thing { parent { ...A } }",
        "query { ...Missing }",
        "query { ...A } fragment A on Unknown { name }",
        "{ thing { nope { name } } }",
    ],
)
def test_cycles_and_unknown_names_do_not_crash(query):
    figures, _ = measure(query)
    assert figures.cost >= 0


def test_tokens_are_counted_by_the_lexer():
    assert count_tokens("{ a: thing { name } }", 100) == 8
    assert count_tokens('{ thing(x: "unterminated', 100) == 5
    # Past the limit, the rest of the document is not read.
    assert count_tokens("{ " + "a " * 10_000 + "}", 100) == 101


@pytest.mark.django_db
def test_exponential_fragment_chain_is_refused(client):
    chain = fragment_chain(26)
    assert len(chain) < 1100
    errors = graphql_errors(client, chain)
    codes = {error["extensions"]["code"] for error in errors}
    assert codes == {"QUERY_TOO_COMPLEX"}
    cost = next(error for error in errors if error["extensions"]["measure"] == "cost")
    assert cost["extensions"]["limit"] == 5000
    # F0 costs 40 (a page of 20, and each item's pagination): 2^25 times.
    assert cost["extensions"]["value"] == 2**25 * 40


@pytest.mark.django_db
def test_thousands_of_aliases_are_refused_before_parsing(client):
    query = "{ " + " ".join(f"a{n}: __typename" for n in range(3800)) + " }"
    # As a GET, which the body size limit does not bound.
    response = client.get("/graphql/", {"query": query})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [error["extensions"]["code"] for error in errors] == ["QUERY_TOO_COMPLEX"]
    assert errors[0]["extensions"]["measure"] == "tokens"
    assert errors[0]["extensions"]["limit"] == 2000
    assert "2000" in errors[0]["message"]


@pytest.mark.django_db
def test_aliases_are_limited(client):
    query = "{ " + " ".join(f"a{n}: audiences {{ slug }}" for n in range(31)) + " }"
    errors = graphql_errors(client, query)
    assert errors[0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert errors[0]["extensions"]["measure"] == "aliases"
    assert "31" in errors[0]["message"] and "30" in errors[0]["message"]


@pytest.mark.django_db
def test_directives_are_limited_and_never_repeated(client):
    many = "{ audiences { " + " ".join(f"s{n}: slug @include(if: true)" for n in range(11)) + " } }"
    errors = graphql_errors(client, many)
    assert {error["extensions"]["code"] for error in errors} == {"QUERY_TOO_COMPLEX"}
    repeated = "{ audiences { slug @include(if: true) @include(if: true) } }"
    assert graphql_errors(client, repeated)[0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.django_db
def test_cost_counts_page_sizes_from_variables(client, settings):
    settings.GRAPHQL_MAX_COST = 150
    query = "query($n: Int) { offers(perPage: $n) { items { provider { name } } } }"
    assert graphql_data(client, query, {"n": 50}) == {"offers": {"items": []}}
    errors = graphql_errors(client, query, {"n": 100})
    assert errors[0]["extensions"] == {
        "code": "QUERY_TOO_COMPLEX",
        "limit": 150,
        "value": 300,
        "measure": "cost",
    }


@pytest.mark.django_db
def test_nested_unsized_lists_are_refused_past_the_cost(client, settings):
    settings.GRAPHQL_MAX_COST = 1000
    settings.GRAPHQL_UNSIZED_LIST_COST = 10
    errors = graphql_errors(client, NESTED_BLOCKS)
    # offer 1 + body 10 × (blocks 10 × (blocks 10)): 1 + 10 + 100 + 1000.
    assert errors[0]["extensions"] == {
        "code": "QUERY_TOO_COMPLEX",
        "limit": 1000,
        "value": 1111,
        "measure": "cost",
    }
    assert "1111" in errors[0]["message"] and "1000" in errors[0]["message"]
    settings.GRAPHQL_UNSIZED_LIST_COST = 9
    # 1 + 9 + 81 + 729 = 820: the same query passes, and runs.
    assert graphql_errors(client, NESTED_BLOCKS)[0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.django_db
def test_introspection_can_be_turned_off_but_typename_stays(client, settings):
    assert graphql_data(client, "{ __schema { queryType { name } } }")
    settings.GRAPHQL_INTROSPECTION = False
    errors = graphql_errors(client, "{ __schema { queryType { name } } }")
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert graphql_data(client, "{ __typename }") == {"__typename": "Query"}


@pytest.mark.django_db
def test_committed_sdl_is_served_even_without_introspection(client, settings):
    settings.GRAPHQL_INTROSPECTION = False
    response = client.get("/graphql/schema.graphql")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"type Query {" in response.content
    assert "public" in response["Cache-Control"]
    again = client.get("/graphql/schema.graphql", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert post_graphql(client, "{ __typename }").status_code == 200

"""Cost-limit attack scenario: how long the endpoint takes to refuse the queries that used
to hold a worker, against a plain `{ __typename }` measured in the same run.

    python3 tasks.py bench --scenario attack [--repeat 15]

The attacks: a 1 KB chain of fragments each spreading the previous one twice (the depth
rule of old walked it in exponential time), 3,800 aliases (sent as a GET, which the body
size limit does not bound), 31 aliases of a list, and a query twelve levels deep. Each
line gives the median time of a refusal and its ratio to `{ __typename }`; the issue's
target is a refusal in under 100 ms. In process, through Django's test client, with no
database read: refusals happen before anything runs, which the SQL count of each line
shows."""

import json
import logging

from django.test import Client

from bench.search import measure
from tests.cms.test_api_validation import fragment_chain

ATTACKS = {
    "chaîne de fragments (1 Ko)": ("POST", fragment_chain(26)),
    "3 800 alias (GET)": ("GET", "{ " + " ".join(f"a{n}: __typename" for n in range(3800)) + " }"),
    "31 alias de offers": (
        "POST",
        "{ " + " ".join(f"a{n}: offers {{ items {{ title }} }}" for n in range(31)) + " }",
    ),
    "12 niveaux": (
        "POST",
        "{ offers { items " + "{ parent " * 10 + "{ title }" + " }" * 10 + " } }",
    ),
}
PLAIN = "{ __typename }"


def _request(client: Client, method: str, query: str, expected: int):
    def run():
        if method == "GET":
            response = client.get("/graphql/", {"query": query})
        else:
            response = client.post(
                "/graphql/", json.dumps({"query": query}), content_type="application/json"
            )
        assert response.status_code == expected, response.content[:300]
        if expected == 400:
            codes = {error["extensions"]["code"] for error in response.json()["errors"]}
            assert codes == {"QUERY_TOO_COMPLEX"}, codes

    return run


def main(repeat: int) -> None:
    # Each refusal is a 400, which Django logs as a warning: the figures are the output.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    client = Client()
    plain, _queries = measure(_request(client, "POST", PLAIN, 200), repeat)
    print(f"{'{ __typename }':<30} : {plain:7.2f} ms")
    for name, (method, query) in ATTACKS.items():
        refused, queries = measure(_request(client, method, query, 400), repeat)
        print(
            f"{name:<30} : {refused:7.2f} ms, refusée (QUERY_TOO_COMPLEX), "
            f"{refused / plain:5.1f}x {{ __typename }}, {queries} requête SQL, "
            f"{len(query):>6} caractères"
        )

"""The users of the load run (`bench/load.py`): one class per request measured, the
mixed visitor (`Visitor`), and the attackers sent alongside. Each sends its requests as
fast as the server answers (no think time): the figures are the server's throughput,
not a number of visitors.

This file runs in locust's own process, without Django: what the visitor needs to know
of the seeded site (offer addresses, the diagnostic's questions) comes from the JSON
file named by `BENCH_SITE`, written by `bench/load.py`."""

import json
import os
import random
from functools import cache

from locust import FastHttpUser, constant, task

ITEMS = "items { title url summary provider { name } themes { slug name } logo { url } }"
OFFERS_100 = "{ offers(perPage: 100) { " + ITEMS + " } }"
# A cost-limit attack: the same list field under 1,000 aliases (1 KB of query text per
# 30 aliases), each cheap alone.
ATTACK = "{ " + " ".join(f"a{n}: offers {{ items {{ title }} }}" for n in range(1000)) + " }"


class CachedOffers(FastHttpUser):
    """The same anonymous GET every time: what a response cache serves."""

    wait_time = constant(0)

    @task
    def offers_100(self):
        self.client.get("/graphql/", params={"query": OFFERS_100}, name="GET offers(perPage:100)")


class UncachedOffers(FastHttpUser):
    """A new document each time (a random alias), so that no cache can answer it."""

    wait_time = constant(0)

    @task
    def offers_10(self):
        alias = f"o{random.randrange(10**9)}"  # noqa: S311 - a cache buster, not a secret
        query = "{ " + alias + ": offers(perPage: 10) { " + ITEMS + " } }"
        self.client.get("/graphql/", params={"query": query}, name="offers(perPage:10) sans cache")


# The answers that refuse an attack: too complex or too deep (400), too large (413),
# too many (429). Anything else, a 200 included, means the attack got through.
REFUSALS = (400, 413, 429)


def _attack(user: FastHttpUser, name: str, **request) -> None:
    with user.client.post("/graphql/", name=name, catch_response=True, **request) as response:
        if response.status_code in REFUSALS:
            response.success()
        else:
            response.failure(f"not refused: {response.status_code}")


class Attacker(FastHttpUser):
    """Three of them, each sending 1,000 aliases of `offers` over and over."""

    fixed_count = 3
    wait_time = constant(0)

    @task
    def attack(self):
        _attack(self, "attaque (1000 alias)", json={"query": ATTACK})


def _fragment_chain(links: int) -> str:
    """About 1 KB: each fragment spreads the previous one twice (the executed query
    doubles with each link), as in `bench/attack.py`."""
    fragments = ["fragment F0 on Query { offers { pagination { total } } }"]
    fragments += [f"fragment F{n} on Query {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, links)]
    return f"query {{ ...F{links - 1} }} " + " ".join(fragments)


DEEP = "{ offers { items " + "{ parent " * 10 + "{ title }" + " }" * 10 + " } }"
FRAGMENTS = _fragment_chain(26)
# Four times the default GRAPHQL_MAX_BODY_BYTES (64 KB), in a comment of a valid query.
OVERSIZED = json.dumps({"query": "#" + "x" * 256 * 1024 + "\n{ __typename }"})


class DeepAttacker(FastHttpUser):
    """Queries twelve levels deep, and chains of fragments that double at each link."""

    wait_time = constant(0)

    @task
    def deep(self):
        _attack(self, "attaque (12 niveaux)", json={"query": DEEP})

    @task
    def fragments(self):
        _attack(self, "attaque (chaîne de fragments)", json={"query": FRAGMENTS})


class OversizedAttacker(FastHttpUser):
    """Bodies of 256 KB, four times what the endpoint reads."""

    wait_time = constant(0)

    @task
    def oversized(self):
        _attack(
            self,
            "attaque (corps de 256 Ko)",
            data=OVERSIZED,
            headers={"Content-Type": "application/json"},
        )


class Typename(FastHttpUser):
    """The cheapest query, asked while the attacks run."""

    wait_time = constant(0)

    @task
    def typename(self):
        self.client.get("/graphql/", params={"query": "{ __typename }"}, name="{__typename}")


class CataloguePage(FastHttpUser):
    wait_time = constant(0)

    @task
    def catalogue(self):
        self.client.get("/catalogue/", name="GET /catalogue/")


@cache
def _site() -> dict:
    """{"offers": [offer page paths], "diagnostic": {"slug": …, "questions": {question
    code: [answer codes]}}}, written by `bench/load.py`."""
    with open(os.environ["BENCH_SITE"], encoding="utf-8") as site:
        return json.load(site)


# What partner sites ask again and again: the same few documents, served from the
# response cache once asked.
CACHED_QUERIES = [
    "{ offers(perPage: 100) { " + ITEMS + " } }",
    "{ offers(perPage: 20) { " + ITEMS + " } }",
    "{ offers(perPage: 10, page: 2) { " + ITEMS + " } }",
]
RUN_DIAGNOSTIC = """
mutation($slug: String!, $answers: [DiagnosticAnswerInput!]!, $department: String) {
  runDiagnostic(slug: $slug, answers: $answers, department: $department) { id score }
}"""
UNSCORED = ("ne-sait-pas", "non-applicable")


class Visitor(FastHttpUser):
    """The mixed load: every kind of request the site answers, in proportions guessed
    from what such a site sees (there are no production logs to take them from yet).
    Most visits are HTML pages, found through search engines (offer pages first) or the
    home page; partner sites call the API mostly with the same few queries (cached),
    sometimes with one of their own (a new document each time); a few visitors complete
    the diagnostic; the open data is downloaded now and then. The task weights add up
    to 100: each is a percentage of the requests."""

    wait_time = constant(0)
    # A request still unanswered after this counts as failed: the service stopped
    # answering it (gunicorn itself gives up on a request after 30 s).
    network_timeout = 15.0
    connection_timeout = 5.0

    @task(15)
    def home(self):
        self.client.get("/", name="GET /")

    @task(15)
    def catalogue(self):
        self.client.get("/catalogue/", name="GET /catalogue/")

    @task(20)
    def offer(self):
        self.client.get(random.choice(_site()["offers"]), name="GET page d'offre")  # noqa: S311

    @task(5)
    def training(self):
        self.client.get("/formations/", name="GET /formations/")

    @task(3)
    def diagnostic(self):
        self.client.get("/diagnostic/", name="GET /diagnostic/")

    @task(2)
    def diagnostic_step(self):
        self.client.get("/diagnostic/etape/1/", name="GET /diagnostic/etape/1/")

    @task(25)
    def cached_graphql(self):
        query = random.choice(CACHED_QUERIES)  # noqa: S311 - a pick, not a secret
        self.client.get("/graphql/", params={"query": query}, name="GraphQL GET en cache")

    @task(10)
    def uncached_graphql(self):
        alias = f"o{random.randrange(10**9)}"  # noqa: S311 - a cache buster, not a secret
        query = "{ " + alias + ": offers(perPage: 10) { " + ITEMS + " } }"
        self.client.get("/graphql/", params={"query": query}, name="GraphQL sans cache")

    @task(3)
    def run_diagnostic(self):
        diagnostic = _site()["diagnostic"]
        answers = [
            # Now and then « Je ne sais pas » or « Non applicable », as visitors answer.
            {"question": slug, "answer": random.choice([*values, *values, *UNSCORED])}  # noqa: S311
            for slug, values in diagnostic["questions"].items()
        ]
        variables = {"slug": diagnostic["slug"], "answers": answers, "department": "37"}
        with self.client.post(
            "/graphql/",
            json={"query": RUN_DIAGNOSTIC, "variables": variables},
            name="runDiagnostic",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                return  # counted as failed by locust
            try:
                body = response.json()
            except ValueError:
                body = {}
            if body.get("errors") or not (body.get("data") or {}).get("runDiagnostic"):
                response.failure(f"GraphQL errors: {str(body.get('errors'))[:200]}")

    @task(1)
    def opendata_csv(self):
        self.client.get("/opendata/offres.csv", name="GET /opendata/offres.csv")

    @task(1)
    def opendata_json(self):
        self.client.get("/opendata/offres.json", name="GET /opendata/offres.json")

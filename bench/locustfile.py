"""The users of the load run (`bench/load.py`), one class per request measured. Each
sends its request as fast as the server answers (no think time)."""

import random

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


class Attacker(FastHttpUser):
    """Three of them, each sending 1,000 aliases of `offers` over and over."""

    fixed_count = 3
    wait_time = constant(0)

    @task
    def attack(self):
        with self.client.post(
            "/graphql/", json={"query": ATTACK}, name="attaque (1000 alias)", catch_response=True
        ) as response:
            # A refusal is the expected answer; only the time it takes matters here.
            response.success()


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

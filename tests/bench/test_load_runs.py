"""`bench/load.py`: which runs `--only` picks, and the thread that restarts Redis during
a run (with a stand-in server: no redis-server is started here)."""

import pytest

from bench.load import RUNS, parse_groups
from bench.redis_server import Restart


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("all", ["single", "mixed", "attack", "redis"]),
        ("redis,mixed", ["mixed", "redis"]),
        (" attack ", ["attack"]),
        ("mixed,all", ["single", "mixed", "attack", "redis"]),
    ],
)
def test_only_picks_groups_in_run_order(text, groups):
    assert parse_groups(text) == groups


@pytest.mark.parametrize("text", ["", "mixed,typo", ","])
def test_only_refuses_unknown_or_no_groups(text):
    with pytest.raises(ValueError, match="choose among all"):
        parse_groups(text)


def test_the_redis_run_is_last_since_it_empties_the_cache():
    assert [run.redis_restart for run in RUNS][-1] is True
    assert sum(run.redis_restart for run in RUNS) == 1


class StandIn:
    def __init__(self):
        self.calls = []

    def stop(self):
        self.calls.append("stop")

    def start(self):
        self.calls.append("start")


def test_the_restart_stops_then_starts_the_server_and_notes_when():
    server = StandIn()
    restart = Restart(server, stop_after=0, down_for=0)

    restart.start()
    restart.join(timeout=10)

    assert server.calls == ["stop", "start"]
    assert [event.split(" à ")[0] for event in restart.events] == [
        "Redis arrêté",
        "Redis relancé (vide)",
    ]


def test_a_cancelled_restart_leaves_the_server_alone():
    server = StandIn()
    restart = Restart(server, stop_after=60, down_for=60)
    restart.cancel.set()

    restart.start()
    restart.join(timeout=10)

    assert server.calls == []
    assert restart.events == []


def test_a_failed_start_is_kept_for_the_report():
    class Broken(StandIn):
        def start(self):
            raise RuntimeError("redis-server did not answer")

    restart = Restart(Broken(), stop_after=0, down_for=0)

    restart.start()
    restart.join(timeout=10)

    assert str(restart.error) == "redis-server did not answer"
    assert restart.events == [restart.events[0]] and restart.events[0].startswith("Redis arrêté")

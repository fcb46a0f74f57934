"""The scheduler of periodic tasks: when a task falls due, and that each run is queued once
however many schedulers run."""

import datetime
import io
import zoneinfo

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from cms import scheduler

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class FakeTask:
    def __init__(self):
        self.enqueued = 0
        self.fail = False

    def enqueue(self):
        if self.fail:
            raise ConnectionError("database away")
        self.enqueued += 1


often = FakeTask()
nightly = FakeTask()


@pytest.fixture(autouse=True)
def schedule(settings):
    often.__init__()
    nightly.__init__()
    settings.SCHEDULE = [
        ("tests.cms.test_scheduler.often", 300),
        ("tests.cms.test_scheduler.nightly", "03:30"),
    ]


def at(hour, minute, day=3):
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


def test_each_run_is_queued_once_however_many_schedulers_look():
    assert scheduler.run_due(at(10, 0)) == [
        "tests.cms.test_scheduler.often",
        "tests.cms.test_scheduler.nightly",
    ]
    # A second scheduler, or the next tick of the same one, in the same slots.
    assert scheduler.run_due(at(10, 4)) == []
    assert (often.enqueued, nightly.enqueued) == (1, 1)

    # Five minutes on: the interval's next run; the nightly run waits for 03:30.
    assert scheduler.run_due(at(10, 5)) == ["tests.cms.test_scheduler.often"]
    assert scheduler.run_due(at(3, 29, day=4)) == ["tests.cms.test_scheduler.often"]
    assert scheduler.run_due(at(3, 30, day=4)) == [
        "tests.cms.test_scheduler.often",
        "tests.cms.test_scheduler.nightly",
    ]
    assert (often.enqueued, nightly.enqueued) == (4, 2)


def test_a_daily_run_is_named_after_the_day_of_its_last_start():
    entry = scheduler.Entry("x", at=datetime.time(3, 30))
    assert entry.slot(at(3, 29)) == "2026-12-02"
    assert entry.slot(at(3, 30)) == "2026-12-03"
    # Local time: 03:30 in Paris is 02:30 UTC in winter.
    utc = datetime.datetime(2026, 12, 3, 2, 30, tzinfo=datetime.UTC)
    assert entry.slot(utc) == "2026-12-03"


def test_a_task_that_could_not_be_queued_is_tried_again_at_the_next_tick():
    often.fail = True
    assert "tests.cms.test_scheduler.often" not in scheduler.run_due(at(10, 0))
    often.fail = False
    assert scheduler.run_due(at(10, 1)) == ["tests.cms.test_scheduler.often"]
    assert often.enqueued == 1


@pytest.mark.parametrize("when", [0, -60, "3h30", "24:00", 1.5, None])
def test_a_wrong_schedule_is_refused(when):
    with pytest.raises(ImproperlyConfigured, match="SCHEDULE"):
        scheduler.parse([("catalogue.tasks.check_offer_links", when)])


def test_the_settings_schedule_names_real_tasks(settings):
    from django.utils.module_loading import import_string

    from cms.settings import base

    for entry in scheduler.parse(base.SCHEDULE):
        assert callable(import_string(entry.task_path).enqueue)


def test_the_command_queues_what_is_due_and_stops_with_once():
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "tests.cms.test_scheduler.often" in out.getvalue()
    call_command("run_scheduler", "--once", stdout=io.StringIO())
    assert often.enqueued == 1

"""The periodic tasks of `settings.SCHEDULE`, queued when they fall due: what cron lines
did, in a process of its own (`manage.py run_scheduler`) that ships with the code. The
scheduler only queues; the workers (`manage.py db_worker`) run the tasks.

django-tasks has no periodic tasks of its own (0.12), hence this small loop. Each run of
a task has a name, its *slot* (the interval's number since the epoch, or the day of a
daily time), and is claimed in the shared cache before it is queued: with two schedulers
(a second one for safety, or two during a deployment) each run is queued once. A
scheduler that was down catches up once on start, at most one run per task, which suits
tasks that bring a state up to date (link checks, scores, purges)."""

import datetime
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

_DAILY = re.compile(r"(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)")
# A claim outlives its slot, so that a slow tick at the slot's end cannot queue it again.
DAILY_CLAIM_SECONDS = 2 * 24 * 3600


@dataclass(frozen=True)
class Entry:
    task_path: str
    # Seconds between two runs, or None for a daily run at `at`.
    every: int | None = None
    at: datetime.time | None = None

    def slot(self, now: datetime.datetime) -> str:
        """The name of the run due at `now`: the latest start at or before it."""
        if self.every is not None:
            return str(int(now.timestamp()) // self.every)
        local = timezone.localtime(now)
        day = local.date() if local.time() >= self.at else local.date() - datetime.timedelta(1)
        return day.isoformat()

    def claim_seconds(self) -> int:
        return 2 * self.every if self.every is not None else DAILY_CLAIM_SECONDS


def parse(schedule: Iterable) -> list[Entry]:
    entries = []
    for task_path, when in schedule:
        if isinstance(when, int) and when > 0:
            entries.append(Entry(task_path, every=when))
        elif isinstance(when, str) and (match := _DAILY.fullmatch(when)):
            at = datetime.time(int(match["hour"]), int(match["minute"]))
            entries.append(Entry(task_path, at=at))
        else:
            raise ImproperlyConfigured(
                f"SCHEDULE: {task_path!r} needs seconds (> 0) or a daily 'HH:MM', not {when!r}."
            )
    return entries


def _claim_key(entry: Entry, slot: str) -> str:
    return f"scheduler:{entry.task_path}:{slot}"


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Queue every task whose current run no scheduler has claimed yet; returns their
    paths. A task that cannot be queued (the database away) is logged, and its claim
    given back for the next tick to try again."""
    now = now or timezone.now()
    queued = []
    for entry in parse(settings.SCHEDULE):
        key = _claim_key(entry, entry.slot(now))
        # `add` writes only an absent key, atomically in Redis (SET NX): one scheduler wins.
        if not cache.add(key, 1, entry.claim_seconds()):
            continue
        try:
            import_string(entry.task_path).enqueue()
        except Exception:
            logger.exception("Could not queue the scheduled task %s", entry.task_path)
            cache.delete(key)
            continue
        logger.info("Queued the scheduled task %s", entry.task_path)
        queued.append(entry.task_path)
    return queued

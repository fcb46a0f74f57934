"""Load runs: the site under gunicorn on loopback (3 sync workers, production settings,
Redis cache, PostgreSQL, static files served by the application), driven by locust
(headless), each run bounded in time. `--only` picks the groups, comma-separated
(all by default):

- `single`, one request per run:
  - a cached `offers(perPage: 100)` GET (the same GET each time);
  - an uncached `offers(perPage: 10)` (a new document each time);
  - the catalogue's HTML page, `/catalogue/`;
  - `{__typename}` while three users send 1,000-alias attacks;
- `mixed`: the mixed load, every kind of request in proportions like real traffic's (see
  `Visitor` in `bench/locustfile.py`): HTML pages (home, catalogue, offer pages,
  `/formations/`, the diagnostic), cached and uncached GraphQL, the `runDiagnostic`
  mutation and the open-data exports;
- `attack`: the same mixed load while five more users send abusive queries (1,000
  aliases, twelve levels deep, chains of fragments, 256 KB bodies) from a second locust;
- `redis`: the same mixed load while Redis stops a third of the way into the run and
  starts again, empty, a third later.

    DATABASE_URL=postgres://… [CACHE_URL=redis://…] python3 tasks.py bench --scenario load \\
        [--offers 1000] [--seconds 15] [--only single,mixed,attack,redis] \\
        [--max-errors 1] [--allow-errors]

Each run takes `--seconds` (15 by default), plus some ten seconds to start and stop
locust (more on a busy machine); the seeding and gunicorn's start come once (twice with
CACHE_URL and the Redis run): all seven runs, about three minutes at 15 s. As each run
ends, one line sums it up. At the end, a table gives, for each run, each request type's
requests a second, median and 99th percentile (ms), requests, failures and share of
failures, then the run's total, the attackers' figures (apart: they do not count in the
total), the errors locust saw most often and what happened to Redis. A request still
waiting when the run ends is not counted; one unanswered after 15 s counts as failed.
Last come the verdicts, one line a run: the service kept answering when its share of
failed requests was at most `--max-errors` percent (1 by default). The command exits
with status 1 when a run's was not, unless `--allow-errors` is given.

Redis: the run that restarts Redis always uses a redis-server of its own (from PATH, on
a free port, without persistence), never the `CACHE_URL` one, which may be shared; it
says so. Without `CACHE_URL`, every run uses that own server. The stop and the start are
timed from locust's launch, a second or two before its first request. 5xx answers
(while Redis is down, say) are counted as failures, not a reason to stop; gunicorn's
log, with their tracebacks, goes to a temporary file, not among the figures.

It empties and seeds the database of `DATABASE_URL` (the catalogue of `--offers` offers,
a training offer page and the seed diagnostic), listens on 127.0.0.1 only (port
`BENCH_PORT`, 8271 by default), and stops gunicorn, locust and its redis-server when
done, whatever happens. locust is in the dev extras; nothing is installed system-wide.
locust shares the machine's cores with gunicorn and PostgreSQL: the figures are those
of one machine doing both."""

import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from bench.redis_server import RedisServer, Restart
from bench.report import RunFigures, read_run, table, verdict

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
USERS = 10
GROUPS = ("single", "mixed", "attack", "redis")
# Seconds locust gets to stop its users once the run time is over.
STOP_TIMEOUT = 5
# On top of the run time: locust's start and stop. Past it, locust is killed.
LOCUST_MARGIN = 60


@dataclass(frozen=True)
class Run:
    group: str
    title: str
    classes: tuple[str, ...]
    users: int
    # A second locust, sent at the same time: its user classes and number of users.
    side: tuple[tuple[str, ...], int] | None = None
    redis_restart: bool = False


MIXED = ("Visitor",)
# The Redis run comes last: it empties the cache, and without CACHE_URL the runs share it.
RUNS = [
    Run("single", "GET offers(perPage: 100), en cache", ("CachedOffers",), USERS),
    Run("single", "offers(perPage: 10), sans cache", ("UncachedOffers",), USERS),
    Run("single", "GET /catalogue/", ("CataloguePage",), USERS),
    Run("single", "{__typename} pendant 3 attaques", ("Typename",), 2, (("Attacker",), 3)),
    Run("mixed", "mélange", MIXED, USERS),
    # Attacker has a fixed count of 3: the two other users are one of each other kind.
    Run(
        "attack",
        "mélange pendant des attaques",
        MIXED,
        USERS,
        (("Attacker", "DeepAttacker", "OversizedAttacker"), 5),
    ),
    Run("redis", "mélange pendant un redémarrage de Redis", MIXED, USERS, redis_restart=True),
]


def parse_groups(text: str) -> list[str]:
    """The groups of `--only` ("all", or names separated by commas), in run order."""
    names = {name.strip() for name in text.split(",") if name.strip()}
    if "all" in names:
        return list(GROUPS)
    unknown = names - set(GROUPS)
    if unknown or not names:
        raise ValueError(
            f"unknown run group(s): {', '.join(sorted(unknown)) or '(none)'}; "
            f"choose among all, {', '.join(GROUPS)}"
        )
    return [group for group in GROUPS if group in names]


def _server_environment(port: int, static_root: str, cache_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "CACHE_URL": cache_url,
        # Plain HTTP on loopback: no TLS in front of it here.
        "SECURE_SSL_REDIRECT": "false",
        "SERVE_STATIC": "true",
        "STATIC_ROOT": static_root,
        # Every simulated user calls from 127.0.0.1: one address's anonymous limit would
        # answer 429 to nearly all of them, and so would the diagnostics' hourly limit.
        "API_RATE_LIMIT_ANONYMOUS": "0",
        "DIAGNOSTIC_RUN_RATE_LIMIT": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before answering.")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback URL
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time.")


def _stop_group(process: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM to the process group, then SIGKILL if it outlives `timeout`."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except ProcessLookupError:  # it stopped meanwhile
        return
    except subprocess.TimeoutExpired:
        # gunicorn workers still inside an attack's request do not stop on SIGTERM.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


@contextmanager
def _gunicorn(port: int, env: dict, log_path: str):
    """gunicorn with the project's `gunicorn.conf.py` (which it reads from its working
    directory), its access log and Django's error log sent to `log_path`: every 500 of
    the Redis run would otherwise print its traceback among the figures."""
    log = open(log_path, "ab")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [
            str(BIN / "gunicorn"),
            "cms.wsgi",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--log-level",
            "critical",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/graphql/?query=%7B__typename%7D", server)
        except RuntimeError as exc:
            tail = Path(log_path).read_text(errors="replace").strip().splitlines()[-5:]
            raise RuntimeError(" / ".join([str(exc), *tail])) from None
        yield
    finally:
        _stop_group(server)
        log.close()


def _locust(host: str, classes, users: int, seconds: int, out: str, env: dict):
    """A headless locust, started: its figures go to `out`_stats.csv and
    `out`_failures.csv, its complaints to `out`.log."""
    with open(f"{out}.log", "wb") as log:
        return subprocess.Popen(  # noqa: S603 - our own command line
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                str(STOP_TIMEOUT),
                "--host",
                host,
                "--csv",
                out,
                "--loglevel",
                "ERROR",
                *classes,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )


def _finish(process: subprocess.Popen, seconds: int, notes: list[str], what: str) -> None:
    """Wait for a locust to end by itself; kill it past its margin, noting so."""
    try:
        process.wait(timeout=seconds + STOP_TIMEOUT + LOCUST_MARGIN)
    except subprocess.TimeoutExpired:
        notes.append(f"{what} tué après {seconds + STOP_TIMEOUT + LOCUST_MARGIN} s")
    finally:
        _stop_group(process, timeout=5)


def _measure(run: Run, host: str, seconds: int, work: str, env: dict, redis) -> RunFigures:
    """One run: its locust, the side locust or the Redis restart with it, and its
    figures, whatever happened."""
    out = os.path.join(work, f"run-{RUNS.index(run)}")
    side_out = f"{out}-side" if run.side else None
    notes, processes, restart = [], [], None
    try:
        if run.side:
            classes, users = run.side
            processes.append((_locust(host, classes, users, seconds, side_out, env), "attaques"))
        processes.insert(0, (_locust(host, run.classes, run.users, seconds, out, env), "locust"))
        if run.redis_restart:
            third = max(seconds / 3, 1)
            restart = Restart(redis, stop_after=third, down_for=third)
            restart.start()
        for process, what in processes:
            _finish(process, seconds, notes, what)
    finally:
        for process, _what in processes:
            _stop_group(process, timeout=5)
        if restart is not None:
            restart.cancel.set()
            restart.join(timeout=30)
    figures = read_run(run.title, out, side_out)
    figures.notes[:0] = notes
    if restart is not None:
        figures.notes.extend(restart.events)
        if restart.error is not None:
            figures.notes.append(f"redémarrage de Redis en échec : {restart.error}")
        if len(restart.events) < 2:
            figures.notes.append("Redis n'a pas été relancé pendant le passage, trop court")
    if figures.total is None:
        log = Path(f"{out}.log")
        tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
        figures.notes.extend(f"locust : {line}" for line in tail)
    return figures


def _summary(figures: RunFigures, users: int, seconds: int) -> str:
    total = figures.total
    if total is None:
        return f"{figures.title:<42}: aucun chiffre ({'; '.join(figures.notes)})"
    p50, p99 = ("-" if value is None else value for value in (total.p50, total.p99))
    return (
        f"{figures.title:<42}: {total.rate:7.1f} req/s, p50 {p50} ms, p99 {p99} ms "
        f"({total.requests} réponses, {total.failures} en échec, {users} utilisateurs, "
        f"{seconds} s)"
    )


def _site_file(path: str) -> None:
    """What the mixed visitor needs to know of the seeded site, for locust's process."""
    from wagtail.models import Page

    from catalogue.models import OfferPage
    from diagnostic.models import DiagnosticPage
    from home.models import HomePage

    # Paths under the home page (the site's root), as Wagtail serves them: read from
    # the rows, since resolving URLs here would load the benchmark's URLconf.
    home = len(HomePage.objects.get().url_path) - 1
    offers = Page.objects.type(OfferPage).live().order_by("path")
    diagnostic = DiagnosticPage.objects.live().get(slug="diagnostic")
    questions = {
        question.slug: [option.value for option in question.options]
        for axis in diagnostic.questionnaire().axes
        for question in axis.questions
    }
    site = {
        "offers": [offer.url_path[home:] for offer in offers],
        "diagnostic": {"slug": diagnostic.slug, "questions": questions},
    }
    Path(path).write_text(json.dumps(site), encoding="utf-8")


def main(count: int, seconds: int, groups: list[str], max_share: float) -> bool:
    """Run the chosen groups; print each run's line, the table and the verdicts; whether
    every run kept its share of failures under `max_share` (0 to 1)."""
    from bench.seed import load_site

    if not os.environ.get("DATABASE_URL"):
        sys.exit("The load run needs DATABASE_URL (PostgreSQL, as in production).")
    port = int(os.environ.get("BENCH_PORT", "8271"))
    host = f"http://127.0.0.1:{port}"
    runs = [run for run in RUNS if run.group in groups]
    given_cache = os.environ.get("CACHE_URL", "")
    needs_own = any(run.redis_restart for run in runs) or not given_cache
    started = time.monotonic()
    print(f"{len(runs)} passages de {seconds} s (plus le démarrage et l'arrêt de chacun)")
    load_site(count)
    results = []
    redis = RedisServer() if needs_own else None
    with tempfile.TemporaryDirectory() as work:
        site = os.path.join(work, "site.json")
        _site_file(site)
        locust_env = {**os.environ, "BENCH_SITE": site}
        static = os.path.join(work, "static")
        subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=_server_environment(port, static, given_cache or "locmem://"),
            check=True,
            timeout=300,
        )
        try:
            if redis is not None:
                redis.start()
                print(f"redis-server du banc : {redis.url}")
                if given_cache:
                    print(
                        "le passage qui redémarre Redis utilise ce serveur, pas CACHE_URL "
                        f"({given_cache}), peut-être partagé"
                    )
            # One gunicorn per cache: CACHE_URL's for the others, the own server's for
            # the Redis run (the only one when there is no CACHE_URL).
            batches = {}
            for run in runs:
                cache = redis.url if run.redis_restart or not given_cache else given_cache
                batches.setdefault(cache, []).append(run)
            for number, (cache, batch) in enumerate(batches.items()):
                server_log = os.path.join(work, f"gunicorn-{number}.log")
                try:
                    with _gunicorn(port, _server_environment(port, static, cache), server_log):
                        for run in batch:
                            figures = _measure(run, host, seconds, work, locust_env, redis)
                            results.append(figures)
                            print(_summary(figures, run.users, seconds), flush=True)
                except RuntimeError as exc:  # gunicorn did not start: no figures
                    done = {figures.title for figures in results}
                    for run in batch:
                        if run.title not in done:
                            results.append(RunFigures(run.title, notes=[str(exc)]))
        finally:
            if redis is not None:
                redis.stop()
    print()
    print(table(results))
    print(f"(durée totale, préparation comprise : {time.monotonic() - started:.0f} s)")
    print()
    kept_all = True
    for figures in results:
        kept, line = verdict(figures, max_share)
        kept_all = kept_all and kept
        print(line)
    return kept_all

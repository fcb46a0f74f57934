"""The figures of the load runs (`bench/load.py`), read from locust's CSV files, the table
printed at the end, and each run's verdict: did the service keep answering?

No Django and no locust here: locust writes its figures to files
(`--csv PREFIX` gives `PREFIX_stats.csv` and `PREFIX_failures.csv`), which is all this
reads, so that the reading and the verdict can be tested without running anything."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

# The row of every request together, in `_stats.csv`.
TOTAL = "Aggregated"
# At most this many distinct errors are quoted under a run's table.
ERRORS_SHOWN = 3
NAME_WIDTH = 48


@dataclass(frozen=True)
class Figures:
    """One request type's figures (or a run's total): times in ms, as locust rounds them;
    None when there was no answer to take a percentile of."""

    name: str
    requests: int
    failures: int
    rate: float
    p50: int | None
    p99: int | None

    @property
    def error_share(self) -> float | None:
        """Failed requests over requests, from 0 to 1; None without any request."""
        return self.failures / self.requests if self.requests else None


@dataclass
class RunFigures:
    """What one locust run measured: its request types, their total, the errors quoted
    by locust, and the side load's request types (attacks), kept out of the total."""

    title: str
    rows: list[Figures] = field(default_factory=list)
    total: Figures | None = None
    errors: list[tuple[int, str]] = field(default_factory=list)
    side: list[Figures] = field(default_factory=list)
    # Why the run has no figures (locust stopped early, timed out…), or what happened
    # during it (Redis stopped and started again).
    notes: list[str] = field(default_factory=list)


def _milliseconds(text: str) -> int | None:
    try:
        return round(float(text))
    except ValueError:  # "N/A" when nothing answered
        return None


def read_stats(path: Path) -> tuple[list[Figures], Figures | None]:
    """The request types of a `_stats.csv` (in locust's order) and its total row."""
    rows, total = [], None
    with open(path, newline="", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            figures = Figures(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                rate=float(row["Requests/s"]),
                p50=_milliseconds(row["50%"]),
                p99=_milliseconds(row["99%"]),
            )
            if row["Name"] == TOTAL and not row["Type"]:
                total = figures
            else:
                rows.append(figures)
    return rows, total


def read_failures(path: Path) -> list[tuple[int, str]]:
    """The errors of a `_failures.csv`, most frequent first, as (occurrences, text)."""
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as failures:
        errors = [
            (int(row["Occurrences"]), f"{row['Name']} : {row['Error']}")
            for row in csv.DictReader(failures)
        ]
    return sorted(errors, key=lambda error: -error[0])


def read_run(title: str, prefix: str, side_prefix: str | None = None) -> RunFigures:
    """A run's figures from locust's files, or a run without figures (and a note saying
    so) when locust left none."""
    run = RunFigures(title)
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        run.notes.append("locust n'a laissé aucun chiffre")
        return run
    run.rows, run.total = read_stats(stats)
    run.errors = read_failures(Path(f"{prefix}_failures.csv"))
    if side_prefix and Path(f"{side_prefix}_stats.csv").exists():
        run.side, _total = read_stats(Path(f"{side_prefix}_stats.csv"))
    return run


def verdict(run: RunFigures, max_share: float) -> tuple[bool, str]:
    """Whether the service kept answering during `run` (its share of failed requests,
    side load left out, at most `max_share`, from 0 to 1) and the line that says so."""
    limit = f"seuil {percent(max_share)}"
    total = run.total
    if total is None or total.error_share is None:
        return False, f"{run.title} : aucune réponse mesurée ({limit}) : ÉCHEC"
    share = total.error_share
    kept = share <= max_share
    outcome = "le service a répondu" if kept else "ÉCHEC"
    return kept, (
        f"{run.title} : {total.failures} échecs sur {total.requests} requêtes, "
        f"{percent(share, 2)} ({limit}) : {outcome}"
    )


def percent(share: float, digits: int = 1) -> str:
    """A share (0 to 1) as a French percentage: a non-breaking space before the sign."""
    return f"{share * 100:.{digits}f}\u00a0%"


def _cell(value: int | None) -> str:
    return "-" if value is None else str(value)


def _line(name: str, figures: Figures) -> str:
    share = figures.error_share
    return (
        f"  {name[:NAME_WIDTH]:<{NAME_WIDTH}} {figures.rate:8.1f} "
        f"{_cell(figures.p50):>7} {_cell(figures.p99):>7} "
        f"{figures.requests:>8} {figures.failures:>7} "
        f"{'-' if share is None else percent(share):>7}"
    )


def table(runs: list[RunFigures]) -> str:
    """Every run's request types, its total, then its side load's, one line each."""
    lines = [
        f"  {'requête':<{NAME_WIDTH}} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'requêtes':>8} {'échecs':>7} {'part':>7}"
    ]
    for run in runs:
        lines.append(f"{run.title}")
        lines.extend(_line(row.name, row) for row in run.rows)
        if run.total is not None:
            lines.append(_line("TOTAL", run.total))
        lines.extend(_line(f"[charge annexe] {row.name}", row) for row in run.side)
        lines.extend(
            f"    erreur ×{count} : {text[:100]}" for count, text in run.errors[:ERRORS_SHOWN]
        )
        lines.extend(f"    note : {note}" for note in run.notes)
    return "\n".join(lines)

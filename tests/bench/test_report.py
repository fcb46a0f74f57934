"""`bench/report.py`: the load runs' figures read from locust's CSV files, the table, and
the verdict on each run."""

import pytest

from bench.report import Figures, RunFigures, read_run, table, verdict

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)
# As locust 2.x writes them: a row per request type, then the total with no type.
STATS = "\n".join(
    [
        HEADER,
        "GET,GET /,40,2,120,150.5,10,900,1650,8.0,0.4,120,130,140,150,200,300,700,850,900,900,900",
        "GET,GraphQL GET en cache,60,0,12,20.1,3,300,1329,12.0,0.0,12,14,15,16,30,60,200,"
        "290,300,300,300",
        ",Aggregated,100,2,40,72.3,3,900,1450,20.0,0.4,40,100,120,130,150,200,600,800,900,900,900",
    ]
)
FAILURES = "\n".join(
    [
        "Method,Name,Error,Occurrences",
        "GET,GET /,LocustBadStatusCode(code=500),1",
        "GET,GET /,ConnectionRefusedError(111),2",
    ]
)
SIDE = "\n".join(
    [
        HEADER,
        "POST,attaque (1000 alias),9,0,2700,2800,700,3700,155,1.0,0.0,2700,2700,3700,3700,"
        "3700,3700,3700,3700,3700,3700,3700",
        ",Aggregated,9,0,2700,2800,700,3700,155,1.0,0.0,2700,2700,3700,3700,3700,3700,3700,"
        "3700,3700,3700,3700",
    ]
)


@pytest.fixture
def run(tmp_path):
    (tmp_path / "run_stats.csv").write_text(STATS)
    (tmp_path / "run_failures.csv").write_text(FAILURES)
    (tmp_path / "side_stats.csv").write_text(SIDE)
    return read_run("mélange", str(tmp_path / "run"), str(tmp_path / "side"))


def test_each_request_type_and_the_total_are_read(run):
    assert run.rows == [
        Figures("GET /", requests=40, failures=2, rate=8.0, p50=120, p99=850),
        Figures("GraphQL GET en cache", requests=60, failures=0, rate=12.0, p50=12, p99=290),
    ]
    assert run.total == Figures("Aggregated", requests=100, failures=2, rate=20.0, p50=40, p99=800)
    assert run.total.error_share == pytest.approx(0.02)


def test_the_side_load_is_read_apart_from_the_total(run):
    assert [row.name for row in run.side] == ["attaque (1000 alias)"]
    assert run.total.requests == 100


def test_errors_are_listed_most_frequent_first(run):
    assert run.errors == [
        (2, "GET / : ConnectionRefusedError(111)"),
        (1, "GET / : LocustBadStatusCode(code=500)"),
    ]


def test_a_run_without_answers_has_no_percentiles(tmp_path):
    (tmp_path / "run_stats.csv").write_text(
        HEADER + "\n,Aggregated,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A"
    )

    run = read_run("vide", str(tmp_path / "run"))

    assert run.total.p50 is None and run.total.p99 is None
    assert run.total.error_share is None
    assert verdict(run, 0.01) == (False, "vide : aucune réponse mesurée (seuil 1.0\u00a0%) : ÉCHEC")


def test_a_run_locust_left_no_file_of_fails_with_a_note(tmp_path):
    run = read_run("perdu", str(tmp_path / "nothing"))

    assert run.total is None
    assert run.notes == ["locust n'a laissé aucun chiffre"]
    assert verdict(run, 0.5)[0] is False


@pytest.mark.parametrize(
    ("failures", "kept", "outcome"),
    [(0, True, "le service a répondu"), (1, True, "le service a répondu"), (2, False, "ÉCHEC")],
)
def test_the_verdict_compares_the_share_of_failures_with_the_threshold(failures, kept, outcome):
    run = RunFigures("redis", total=Figures("Aggregated", 100, failures, 20.0, 40, 800))

    assert verdict(run, 0.01) == (
        kept,
        f"redis : {failures} échecs sur 100 requêtes, {failures}.00\u00a0% "
        f"(seuil 1.0\u00a0%) : {outcome}",
    )


def _cells(line: str) -> list[str]:
    # Split on plain spaces only: a percentage keeps its non-breaking space.
    return [cell for cell in line.split(" ") if cell]


def test_the_table_has_a_line_per_request_the_total_the_side_load_and_the_notes(run):
    run.notes.append("Redis arrêté à 5.0 s du lancement de locust")

    lines = table([run]).splitlines()

    assert lines[1] == "mélange"
    assert _cells(lines[2]) == ["GET", "/", "8.0", "120", "850", "40", "2", "5.0\u00a0%"]
    assert _cells(lines[4]) == ["TOTAL", "20.0", "40", "800", "100", "2", "2.0\u00a0%"]
    assert _cells(lines[5])[:4] == ["[charge", "annexe]", "attaque", "(1000"]
    assert lines[6] == "    erreur ×2 : GET / : ConnectionRefusedError(111)"
    assert lines[-1] == "    note : Redis arrêté à 5.0 s du lancement de locust"

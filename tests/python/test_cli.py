"""``python3 -m assoc``: bulk scoring and importing from the command line.

The command runs in a child process with the interpreter and PYTHONPATH of
the tests, as a user would run it.
"""
import csv
import io
import json
import os
import pty
import subprocess
import sys

import pytest

import assoc


def run(*args):
    """Run the command; stdout and stderr decoded as UTF-8, "\\r" kept (no universal newlines)."""
    p = subprocess.run([sys.executable, "-m", "assoc", *map(str, args)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=os.environ.copy(), timeout=300)
    p.stdout = p.stdout.decode("utf-8")
    p.stderr = p.stderr.decode("utf-8")
    return p


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_score_jsonl_to_csv_and_jsonl(data, tmp_path):
    out_csv, out_jsonl = tmp_path / "m.csv", tmp_path / "m.jsonl"
    p = run("score", data / "organisations.jsonl", "--csv", out_csv, "--jsonl", out_jsonl)
    assert p.returncode == 0, p.stderr
    assert p.stdout == ""
    orgs = list(assoc.read_jsonl(data / "organisations.jsonl"))
    years = sum(len(o.years) for o in orgs)
    rows = read_csv(out_csv.read_text(encoding="utf-8"))
    assert len(rows) == years
    assert list(rows[0])[:4] == ["id_scheme", "id", "name", "year"]
    # Every cell equals the library's own value for that organisation-year.
    for row in rows:
        org = next(o for o in orgs if o.id.value == row["id"])
        rep = org.score()
        for m in ("revenue.total", "revenue.streams.hhi", "finance.months_of_cash"):
            r = rep.find(m, int(row["year"]))
            assert row[m] == ("" if r.value is None else repr(r.value) if not float(r.value).is_integer()
                              else str(int(r.value)))
    lines = [json.loads(l) for l in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == years
    m = lines[0]["measures"]
    assert set(m["revenue.total"]) >= {"value", "status"}
    notc = [v for v in m.values() if v["status"] == "not_computable"]
    assert notc and all(v["value"] is None and v["reason"] for v in notc)
    # Per-alliance measures are not columns of the table.
    assert not any(k.startswith("alliance.") for k in rows[0])


def test_score_990_sample(shared, tmp_path):
    # The documented command: the whole 990 sample, one row per organisation-year.
    out = tmp_path / "irs990.csv"
    rep = tmp_path / "import-report.jsonl"
    p = run("score", shared / "us-irs990" / "part010810_2009.csv", "--csv", out, "--import-report", rep)
    assert p.returncode == 0, p.stderr
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert len(rows) == 990  # 1,000 returns, 10 duplicate EIN-years
    row = next(r for r in rows if r["id"] == "223669704")
    # Case 1 of test_import_irs990: streams 2358808, 13808252, 7438981, 19642 of 23625683.
    expected = sum(a * a for a in (2358808, 13808252, 7438981, 19642)) / 23625683 ** 2
    assert float(row["revenue.streams.hhi"]) == pytest.approx(expected, rel=1e-12)
    ez = next(r for r in rows if r["id"] == "223880639")
    assert ez["revenue.streams.hhi"] == ""  # split incomplete: not computable, not 0
    assert "\r" not in p.stderr  # stderr is not a terminal: no progress bar
    assert "66 years with revenue not attributable to streams" in p.stderr
    reports = [json.loads(l) for l in rep.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for r in reports if "layout" in r) == 973


def test_progress_bar_only_on_a_terminal(data, tmp_path):
    out = tmp_path / "m.csv"
    master, slave = pty.openpty()
    try:
        p = subprocess.run([sys.executable, "-m", "assoc", "score", str(data / "organisations.jsonl"), "--csv",
                            str(out)], stderr=slave, stdout=subprocess.PIPE, timeout=120)
        os.close(slave)
        slave = None
        err = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    assert p.returncode == 0
    assert b"\r3 organisations" in err
    # Forced off on a terminal, forced on elsewhere.
    p = run("score", data / "organisations.jsonl", "--csv", out, "--progress")
    assert "\r3 organisations" in p.stderr


def test_bad_line_is_reported_and_the_rest_scored(data, tmp_path):
    src = tmp_path / "in.jsonl"
    good = (data / "organisations.jsonl").read_text(encoding="utf-8").splitlines()
    src.write_text(good[0] + "\n{\"id\": 3}\n" + good[1] + "\n", encoding="utf-8")
    out = tmp_path / "m.csv"
    p = run("score", src, "--csv", out)
    assert p.returncode == 1
    assert f"{src}:2" in p.stderr
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert len(rows) == 2
    p = run("score", src, "--csv", out, "--strict")
    assert p.returncode == 1


def test_unknown_layout_lists_columns(tmp_path):
    src = tmp_path / "other.csv"
    src.write_text("EIN,NAME,TOTREV\n123456789,X,10\n", encoding="utf-8")
    p = run("score", src)
    assert p.returncode == 2
    assert "unknown layout" in p.stderr
    for col in ("ORG_EIN", "TAX_YEAR", "F9_08_REV_TOT_TOT"):
        assert col in p.stderr


def test_import_command_round_trip(shared, tmp_path):
    out = tmp_path / "grants.jsonl"
    p = run("import", shared / "uk-360giving" / "lloyds_bank_foundation_grants.json", "-o", out)
    assert p.returncode == 0, p.stderr
    orgs = list(assoc.read_jsonl(out))
    assert len(orgs) == 3624
    # and the JSON Lines score in turn
    p = run("score", out, "--measures", "revenue.total", "--csv", tmp_path / "s.csv")
    assert p.returncode == 0
    rows = read_csv((tmp_path / "s.csv").read_text(encoding="utf-8"))
    assert len(rows) == sum(len(o.years) for o in orgs)
    assert list(rows[0]) == ["id_scheme", "id", "name", "year", "revenue.total"]


def test_score_json_documents(data, tmp_path):
    # A collection document and a single-organisation document, together.
    out = tmp_path / "m.csv"
    p = run("score", data / "collection.json", data / "us-food-bank.json", "--csv", out,
            "--measures", "revenue.total")
    assert p.returncode == 0, p.stderr
    coll = assoc.load_collection(data / "collection.json")
    single = assoc.load(data / "us-food-bank.json")
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert len(rows) == sum(len(o.years) for o in coll) + len(single.years)
    # us-food-bank.json declares total revenue 2,000,000 (2022) and 2,200,000 (2023).
    assert [(r["year"], r["revenue.total"]) for r in rows if r["id"] == single.id.value] == [
        ("2022", "2000000"), ("2023", "2200000")]


def test_measure_selection_errors(data):
    p = run("score", data / "organisations.jsonl", "--measures", "no.such.measure")
    assert p.returncode == 2 and "no measure matches" in p.stderr


def test_mappings_command():
    p = run("mappings")
    assert p.returncode == 0
    for name in ("irs990-nccs-efile-2009", "scdl-subventions-2018", "360giving-1.3"):
        assert name in p.stdout

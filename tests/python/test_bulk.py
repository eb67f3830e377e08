"""Bulk use: JSON Lines one organisation at a time, score_many, DataFrames."""
import io
import json
import sys

import pytest

import assoc
from conftest import minimal

NAMES = ["Solidarité Numérique Guadeloupe", "Repair Café Nantes Nord", "Lakeside Literacy Council"]


def test_read_jsonl_from_a_path(data):
    orgs = list(assoc.read_jsonl(data / "organisations.jsonl"))
    assert [o.name for o in orgs] == NAMES


def test_read_jsonl_from_files_lines_and_bytes(data):
    path = data / "organisations.jsonl"
    with open(path, encoding="utf-8") as f:
        assert [o.name for o in assoc.read_jsonl(f)] == NAMES
    with open(path, "rb") as f:
        assert [o.name for o in assoc.read_jsonl(f)] == NAMES
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [o.name for o in assoc.read_jsonl(lines)] == NAMES
    assert [o.name for o in assoc.read_jsonl(path.read_bytes())] == NAMES


def test_read_jsonl_is_lazy(data):
    reader = assoc.read_jsonl(data / "organisations.jsonl")
    first = next(reader)
    assert first.name == NAMES[0] and reader.line == 1
    reader.close()
    assert list(reader) == []


def bad_lines(data):
    good = (data / "organisations.jsonl").read_text(encoding="utf-8").splitlines()
    # line 1 good, line 2 malformed, line 3 blank, line 4 misses the required id, line 5 good
    return [good[0], '{"name": ', "", json.dumps({"name": "No id"}), good[1]]


def test_jsonl_errors_carry_line_numbers(data, tmp_path):
    lines = bad_lines(data)
    sources = [lines, "\n".join(lines).encode()]
    p = tmp_path / "bad.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources.append(p)
    for source in sources:
        reader = assoc.read_jsonl(source)
        assert next(reader).name == NAMES[0]
        with pytest.raises(assoc.ParseError) as e:
            next(reader)
        assert e.value.line == 2
        # After an error the reader goes on with the next line.
        with pytest.raises(assoc.ValidationError) as e:
            next(reader)
        assert (e.value.line, e.value.code, e.value.path) == (4, "EMISSING", "/id")
        assert next(reader).name == NAMES[1]
        assert list(reader) == []


def test_jsonl_on_error_callback(data):
    seen = []
    orgs = list(assoc.read_jsonl(bad_lines(data), on_error=lambda e: seen.append((e.line, e.code))))
    assert [o.name for o in orgs] == NAMES[:2]
    assert seen == [(2, "EPARSE"), (4, "EMISSING")]


def test_read_jsonl_as_context_manager(data):
    with assoc.read_jsonl(data / "organisations.jsonl") as reader:
        assert next(reader).name == NAMES[0]
    assert list(reader) == []


def test_score_many(data):
    reports = list(assoc.score_many(assoc.read_jsonl(data / "organisations.jsonl"), values_only=True))
    assert [r.organisation.name for r in reports] == NAMES
    # Dicts and JSON text are accepted too.
    reps = list(assoc.score_many([minimal(), json.dumps(minimal())]))
    # 2023: dues 3000 + commune 7000: public share 0.7
    assert [r.value("revenue.public_share", 2023) for r in reps] == [pytest.approx(0.7)] * 2
    with pytest.raises(assoc.FieldTypeError):
        list(assoc.score_many([42]))


def test_score_many_is_a_generator(data):
    gen = assoc.score_many(assoc.read_jsonl(data / "organisations.jsonl"))
    assert next(gen).organisation.name == NAMES[0]


def test_to_dataframe(data):
    pandas = pytest.importorskip("pandas")
    reports = list(assoc.score_many(assoc.read_jsonl(data / "organisations.jsonl")))
    df = assoc.to_dataframe(reports)
    assert isinstance(df, pandas.DataFrame)
    assert len(df) == sum(len(r) for r in reports)
    assert list(df.columns) == ["organisation", "name", "measure", "year", "subject", "status", "value",
                                "unit", "label", "coverage", "reason"]
    assert set(df["name"]) == set(NAMES)
    # Not computable results are NaN in the table (pandas' missing value), never 0.
    nc = df[df["status"] == "not_computable"]
    assert nc["value"].isna().all()
    ok = df[df["status"] == "ok"]
    assert ok["value"].notna().all()
    one = reports[0].to_dataframe()
    assert len(one) == len(reports[0])
    pivot = df[df["measure"] == "revenue.streams.hhi"].set_index("name")["value"]
    for r in reports:
        res = [x for x in r if x.measure == "revenue.streams.hhi"][0]
        assert pivot[r.organisation.name] == pytest.approx(res.value, nan_ok=True)


def test_to_dataframe_without_pandas(monkeypatch, data):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes "import pandas" fail
    rep = assoc.from_dict(minimal()).score()
    with pytest.raises(ImportError, match="python3-pandas"):
        assoc.to_dataframe([rep])
    # Everything else works without pandas.
    assert rep.value("revenue.public_share", 2023) == pytest.approx(0.7)


def test_score_jsonl_matches_one_by_one_scoring(data):
    """The batch path (one call into C for the whole input) gives, for every
    organisation-year, the same values as scoring each organisation alone."""
    import csv
    path = data / "organisations.jsonl"
    rows = list(csv.DictReader(io.StringIO(assoc.score_jsonl(path, format="csv", threads=2))))
    orgs = list(assoc.read_jsonl(path))
    assert len({r["organisation"] for r in rows}) == len(orgs) == 3
    checked = 0
    for org in orgs:
        report = org.score()
        for year in org.years:
            row = next(r for r in rows if r["year"] == str(year.year) and r["organisation"].endswith(org.id.value))
            for measure in ("finance.months_of_cash", "revenue.streams.hhi", "finance.program_ratio"):
                res = report.find(measure, year=year.year)
                if res.value is None:
                    assert row[measure] == ""          # not computable: an empty cell, never 0
                else:
                    assert float(row[measure]) == pytest.approx(res.value, rel=1e-12)
                checked += 1
    assert checked >= 9


def test_score_jsonl_reports_bad_lines_and_goes_on(data):
    good = (data / "organisations.jsonl").read_bytes()
    out = assoc.score_jsonl(good + b'{"name": 5}\n').splitlines()
    assert len(out) == 4
    last = json.loads(out[-1])
    assert last["line"] == 4 and last["error"]["code"] in ("ETYPE", "EMISSING")
    assert all("error" not in json.loads(line) for line in out[:3])

"""The shared table of expected values (tests/vectors/*.json, format in
tests/vectors/README.md), asserted through Python exactly as the C suite
(c.vectors) and the Lua tests assert it: each expectation is checked in a
full report, in a values-only report and through a single-measure call."""
import json
import math

import pytest

import assoc
from conftest import SRC

VECTORS = sorted((SRC / "tests" / "vectors").glob("*.json"))


def cases():
    for path in VECTORS:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc["cases"]):
            yield pytest.param(case, id=f"{path.stem}[{i}] {case.get('name', '')}")


def organisation(case):
    if "organisation" in case:
        return assoc.from_dict(case["organisation"])
    return assoc.load(SRC / case["file"])


def profile(case):
    p = case.get("profile")
    if p is None:
        return None
    if isinstance(p, str):
        return assoc.Profile.load(SRC / p)
    return assoc.Profile.from_dict(p)


def check(result, e, where, sentences=True):
    assert result is not None, f"{where}: no result {e['measure']} {e.get('year')} {e.get('subject')}"
    if "status" in e:
        assert result.status == e["status"], f"{where}: status"
    if "value" in e:
        if e["value"] is None:
            assert result.value is None, f"{where}: expected no value, got {result.value}"
        else:
            assert result.value is not None, f"{where}: not computable ({result.reason})"
            assert abs(result.value - e["value"]) <= e.get("tol", 1e-9), \
                f"{where}: value {result.value!r}, expected {e['value']!r}"
    if "label" in e:
        assert result.label == e["label"], f"{where}: label"
    if "coverage" in e:
        assert abs(result.coverage - e["coverage"]) <= 1e-9, f"{where}: coverage"
    if sentences and "explanation_contains" in e:
        assert e["explanation_contains"] in result.explanation, f"{where}: explanation {result.explanation!r}"


def check_concentration(case):
    c = case["concentration"]
    got = assoc.concentration(c["amounts"], c.get("k"))
    for e in case["expect"]:
        v = got[e["measure"]]
        if e.get("value", 0) is None:
            assert v is None, e["measure"]
        elif "value" in e:
            assert v is not None and abs(v - e["value"]) <= e.get("tol", 1e-9), (e["measure"], v)


def test_there_are_vectors():
    assert VECTORS, "tests/vectors/*.json is empty"


@pytest.mark.parametrize("case", list(cases()))
def test_vector(case):
    if "concentration" in case:
        check_concentration(case)
        return
    org, prof = organisation(case), profile(case)
    full = org.score(prof)
    fast = org.score(prof, values_only=True)
    for e in case["expect"]:
        year, subject = e.get("year") or 0, e.get("subject")
        what = f"{case['name']}: {e['measure']} {year or ''} {subject or ''}"
        check(full.find(e["measure"], year, subject), e, what + " (report)")
        check(fast.find(e["measure"], year, subject), e, what + " (values only)", sentences=False)
        check(org.measure(e["measure"], year, subject, prof), e, what + " (single measure)")

"""Scoring from Python: reports, results that explain themselves, stress tests, logit.

Expected values computed by hand from examples/data/silver-connect.json,
year 2022: revenue lines 35000 + 25000 (public subsidies) + 4000 (dues) +
8000 + 10000 (gifts) + 8000 (private earned) = 90000; expenses 88000 of
which depreciation 4000; cash 28000; unrestricted net assets 40000; net
fixed assets 12000; assets 90000; liabilities 36000.
"""
import json
import math

import pytest

import assoc
from conftest import minimal


def same_numbers(a, b):
    """Two name -> number dicts with the same keys and values equal to 1e-14 (None with None)."""
    return a.keys() == b.keys() and all(
        (a[k] is None and b[k] is None) or (a[k] is not None and b[k] is not None
                                            and math.isclose(a[k], b[k], rel_tol=1e-14, abs_tol=1e-300))
        for k in a)


@pytest.fixture
def report(silver):
    return silver.score()


def test_report_is_a_sequence_of_results(report):
    assert len(report) == len(report.results) > 0
    assert all(isinstance(r, assoc.Result) for r in report)
    assert report[0].measure == report.results[0].measure


def test_stream_hhi_2022(report):
    r = report.find("revenue.streams.hhi", year=2022)
    # Shares 60000/90000, 18000/90000, 8000/90000, 4000/90000:
    # H = (2/3)^2 + 0.2^2 + (8/90)^2 + (4/90)^2 = 0.4943210
    assert r.value == pytest.approx(0.4943210, abs=1e-6)
    assert r.status == "ok" and r.computable
    assert r.year == 2022 and r.subject is None
    assert r.unit == "index"
    assert r.explanation and r.formula and r.source and r.source_tag in ("V", "S", "own")


def test_dependence_names_its_group_and_contributions(report):
    r = report.find("revenue.streams.dependence", 2022)
    assert r.value == pytest.approx(2 / 3)  # 60000 / 90000
    assert r.label == "public_subsidies"
    assert r.contributions["gifts"] == pytest.approx(0.2)  # 18000 / 90000
    assert r.contributions["public_contracts"] == 0
    assert r.inputs["positive_revenue"] == 90000


def test_finance_2022(report):
    # months of cash = 28000 / ((88000 - 4000) / 12) = 4
    assert report.value("finance.months_of_cash", 2022) == pytest.approx(4.0)
    # operating reserve = (40000 - 12000) / (88000 / 12) = 3.818182
    assert report.value("finance.operating_reserve", 2022) == pytest.approx(3.818182, abs=1e-6)
    # margin = (90000 - 88000) / 90000
    assert report.value("finance.operating_margin", 2022) == pytest.approx(2000 / 90000)
    # equity ratio 54000 / 90000, debt ratio 36000 / 90000, program ratio 66000 / 88000
    assert report.value("finance.equity_ratio", 2022) == pytest.approx(0.6)
    assert report.value("finance.debt_ratio", 2022) == pytest.approx(0.4)
    assert report.value("finance.program_ratio", 2022) == pytest.approx(0.75)
    # fundraising efficiency = 7000 / (gifts 18000 + dues 4000 + public subsidies 60000)
    assert report.value("finance.fundraising_efficiency", 2022) == pytest.approx(7000 / 82000)


def test_inputs_are_a_dict_with_none_for_missing(report):
    r = report.find("revenue.total", 2022)
    # No declared total in 2022: that input is missing (None), the sum is 90000.
    assert r.inputs == {"declared_total": None, "sum_of_lines": 90000}


def test_not_computable_is_none_with_a_reason(report):
    # 2022 declares no skills-sponsorship figures.
    r = report.find("hr.fte.skills_sponsorship", 2022)
    assert r.status == "not_computable" and not r.computable
    assert r.value is None
    assert r.reason
    d = r.to_dict()
    assert d["value"] is None and d["status"] == "not_computable"


def test_not_computable_when_inputs_are_missing():
    d = minimal()
    del d["years"][0]["balance"]
    rep = assoc.from_dict(d).score()
    r = rep.find("finance.months_of_cash", 2023)
    assert r.value is None and r.status == "not_computable" and "cash" in r.reason


def test_results_match_the_json_report(report):
    d = report.to_dict()
    assert d["format"] == "libassoc-report/1"
    assert d["organisation"]["name"] == "Silver Connect Poitou"
    assert len(d["results"]) == len(report)
    for r, j in zip(report, d["results"]):
        assert (r.measure, r.year or None, r.subject, r.status) == (j["measure"], j["year"] or None,
                                                                     j["subject"], j["status"])
        # The JSON report prints 15 significant digits (cJSON): equal up to that.
        assert same_numbers({"value": r.value}, {"value": j["value"]})
        assert r.to_dict() == j
        assert same_numbers(r.inputs, j["inputs"]) and same_numbers(r.contributions, j["contributions"])
    assert json.loads(report.to_json(pretty=True)) == d


def test_composite_uses_the_territory_override(report):
    # silver-connect is in région 75: the demonstration override weighs the
    # three levers and territory 25 each, so overall is their plain mean.
    assert report.territory_override == "FR-75 Nouvelle-Aquitaine (demonstration)"
    r = report.find("score.overall", 2022)
    parts = [report.value(m, 2022) if m != "score.alliances" else report.value(m)
             for m in ("score.human_resources", "score.financing", "score.alliances", "score.territory")]
    assert r.value == pytest.approx(sum(parts) / 4)
    origins = {e.key: e.origin for e in r.profile_entries}
    assert origins["weights.score.overall.score.territory"] == report.territory_override


def test_text_summary(report):
    text = report.text()
    assert "Silver Connect Poitou" in text and "Lever 1" in text


def test_values_only_and_single_year(silver):
    full = silver.score()
    fast = silver.score(values_only=True)
    assert fast.value("revenue.streams.hhi", 2022) == full.value("revenue.streams.hhi", 2022)
    assert fast.find("revenue.streams.hhi", 2022).inputs == {}
    one = silver.score(year=2023)
    assert {r.year for r in one} <= {0, 2023}
    assert one.find("revenue.streams.hhi", 2022) is None


def test_single_measure(silver):
    r = silver.measure("finance.months_of_cash", 2022)
    assert r.value == pytest.approx(4.0)


def test_stress_tests(silver):
    # Without the largest funder (Département, 35000): revenue 55000 against
    # cash expenses 84000: gap 29000/12 a month; 28000 / (29000/12) = 11.586207
    r = silver.stress_remove_largest(2022)
    assert r.value == pytest.approx(28000 / (29000 / 12))
    assert r.inputs["lost_amount"] == 35000
    # Without the largest stream (public subsidies 60000): gap (84000-30000)/12 = 4500
    r = silver.stress_remove_largest(2022, level="streams")
    assert r.value == pytest.approx(28000 / 4500)
    # Public subsidies fall by half (30000): gap (84000-60000)/12 = 2000 -> 14 months
    r = silver.stress_stream_drop(2022, "subventions publiques", 0.5)
    assert r.value == pytest.approx(14.0)
    with pytest.raises(assoc.LabelError):
        silver.stress_remove_largest(2022, level="donors")
    with pytest.raises(assoc.LabelError):
        silver.stress_stream_drop(2022, "lottery", 0.5)


def test_logit(silver, report):
    # p = 1 / (1 + exp(-(-1 + 0.5 * months_of_cash))) with months_of_cash = 4
    expected = 1 / (1 + math.exp(-1.0))
    r = report.logit(2022, -1.0, {"finance.months_of_cash": 0.5})
    assert r.value == pytest.approx(expected)
    assert r.contributions == {"intercept": -1, "finance.months_of_cash": 2}
    assert silver.logit(2022, -1.0, [("finance.months_of_cash", 0.5)]).value == pytest.approx(expected)
    with pytest.raises(TypeError):
        report.logit(2022, 0, {"finance.months_of_cash": "high"})


def test_concentration_vectors():
    # formulas.md 1.2 verified vectors: shares (0.3, 0.7): H = 0.58, H* (K=2) = 0.16;
    # four equal shares: H = 0.25, H* = 0; entropy of (1/2, 1/2) = ln 2 (1 bit).
    c = assoc.concentration([0.3, 0.7])
    assert c["hhi"] == pytest.approx(0.58) and c["hhi_normalised"] == pytest.approx(0.16)
    c = assoc.concentration([5, 5, 5, 5])
    assert c["hhi"] == pytest.approx(0.25) and c["hhi_normalised"] == pytest.approx(0.0)
    assert c["equivalent_number"] == pytest.approx(4)
    c = assoc.concentration([1, 1])
    assert c["entropy"] == pytest.approx(math.log(2)) and c["evenness"] == pytest.approx(1.0)
    # K = 1: the normalised HHI and evenness are not computable (None, not 0).
    c = assoc.concentration([7])
    assert c["hhi"] == 1 and c["hhi_normalised"] is None and c["evenness"] is None
    # Negative amounts are clamped to 0 and counted.
    c = assoc.concentration([-10, 10])
    assert c["max_share"] == 1 and c["clamped"] == 1
    with pytest.raises(assoc.ValidationError):
        assoc.concentration([0, 0])
    with pytest.raises(assoc.FieldTypeError):
        assoc.concentration([1, "2"])


def test_profiles(silver, src, tmp_path):
    p = assoc.Profile.default()
    assert (p.id, p.version) == ("libassoc-default", "2026.1")
    # formulas.md 2: 1,607 hours per FTE; SMIC 11.88 EUR/h.
    assert p.constant("fte_hours") == 1607
    assert p.constant("volunteer_hourly_rate.EUR", silver) == 11.88
    assert p.constant_origin("fte_hours", silver) == "base"
    with pytest.raises(assoc.NotFoundError):
        p.constant("no_such_constant")
    same = assoc.Profile.load(src / "docs" / "profile-default.json")
    assert same.to_dict() == p.to_dict()
    # A profile with another FTE reference changes the FTE of volunteers:
    # 2022: 2400 hours / 1600 = 1.5 instead of 2400 / 1607.
    d = p.to_dict()
    d["constants"]["fte_hours"]["value"] = 1600
    other = assoc.Profile.from_dict(d)
    assert silver.score(other).value("hr.fte.volunteers", 2022) == pytest.approx(1.5)
    assert silver.score(p).value("hr.fte.volunteers", 2022) == pytest.approx(2400 / 1607)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    assert silver.score(str(path)).value("hr.fte.volunteers", 2022) == pytest.approx(1.5)
    with pytest.raises(assoc.Error):
        assoc.Profile.loads('{"format": "libassoc-profile/1"}')


def test_measure_catalogue():
    ids = assoc.measures()
    assert "revenue.streams.hhi" in ids and "score.overall" in ids
    info = assoc.measure_info("revenue.streams.hhi")
    assert info["unit"] == "index" and info["formula"]
    with pytest.raises(assoc.NotFoundError):
        assoc.measure_info("no.such.measure")


def test_results_keep_their_report_alive(silver):
    import gc
    r = silver.score().find("revenue.streams.hhi", 2022)
    gc.collect()
    assert r.value == pytest.approx(0.4943210, abs=1e-6)

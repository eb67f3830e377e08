"""360Giving importer on the Lloyds Bank Foundation grants (real data).

Counts and totals below are read from the grants of the JSON file (index
in "grants", id, amountAwarded, awardDate, plannedDates copied in the
comments). Grant income counts in the year of the award date. The file tells
only one funder's grants, so every year says revenue_complete false: the
total and the shares of the whole revenue are not computable, the funder
level is computed over the recorded grants.
"""
import io

import pytest

import assoc
from assoc.importers import LayoutError, SourceDataError, giving360

FILE = "uk-360giving/lloyds_bank_foundation_grants.json"


@pytest.fixture(scope="module")
def grants_path():
    from conftest import SHARED
    p = SHARED / "data" / FILE
    if not p.is_file():
        pytest.skip(f"skipped: {p} is absent")
    return p


@pytest.fixture(scope="module")
def grants(grants_path):
    return giving360.read(grants_path)


def per_year(org):
    return {y["year"]: (len(y["revenue"]), sum(l["amount"] for l in y["revenue"])) for y in org["years"]}


RECIPIENTS = [
    # Womens Aid Federation of England: grants/355 360G-LBFEW-113223 50000
    # awarded 2014-12-23; grants/472 114834 20000 (2015-08-27), grants/623
    # 115000 5000 (2015-10-14), grants/303 114619 649128 (2015-11-03).
    ("GB-CHC-1054154", {2014: (1, 50000), 2015: (3, 20000 + 5000 + 649128)}),
    # KIM Inspire: grants/2334 6500 (2010-01-27), grants/2900 13500
    # (2012-05-30), grants/94 75000 (2014-09-10).
    ("GB-CHC-1104186", {2010: (1, 6500), 2012: (1, 13500), 2014: (1, 75000)}),
    # Open Doors International Language School: grants/828 24000 (2011-05-31),
    # grants/1094 20947.2 (2014-02-28), grants/328 15000 (2015-12-16).
    ("GB-CHC-1092728", {2011: (1, 24000), 2014: (1, 20947.2), 2015: (1, 15000)}),
    # Cleveland Housing Advice Centre: grants/1436 20000 (2010-01-28),
    # grants/2598 16000 (2013-01-28), grants/1430 75000 (2015-09-09).
    ("GB-CHC-1152785", {2010: (1, 20000), 2013: (1, 16000), 2015: (1, 75000)}),
    # University of Leeds (an education register id): grants/2361 144087 (2010-02-12).
    ("GB-EDU-133839", {2010: (1, 144087)}),
    # grants/137 recipient id "GB-CHC- 1153055 " (spaces removed): 62061 (2015-09-09).
    ("GB-CHC-1153055", {2015: (1, 62061)}),
]


@pytest.mark.parametrize("rid,expected", RECIPIENTS, ids=[r[0] for r in RECIPIENTS])
def test_grants_per_recipient_and_year(grants, rid, expected):
    org = grants.organisation(rid)
    assert org["id"] == {"scheme": "org_id", "value": rid}
    assert per_year(org) == pytest.approx(expected)
    assert all(y["revenue_complete"] is False for y in org["years"])
    report = assoc.from_dict(org).score()
    for year, (count, total) in expected.items():
        # Grants are only part of the revenue: no total, no stream shares.
        r = report.find("revenue.total", year)
        assert (r.status, r.value) == ("not_computable", None)
        assert "revenue_complete is false" in r.reason
        assert r.inputs["sum_of_lines"] == pytest.approx(total)
        for m in ("revenue.streams.hhi", "revenue.streams.dependence", "revenue.public_share"):
            s = report.find(m, year)
            assert (s.status, s.value) == ("not_computable", None), m
        # One funder: the funder-level HHI is 1, over the recorded grants.
        r = report.find("revenue.funders.hhi", year)
        assert r.status == "ok"
        assert r.value == pytest.approx(1.0)
    n = sum(c for c, _ in expected.values())
    assert report.find("alliances.count").value == n


def test_whole_file(grants):
    # 4,116 grants to 3,624 recipients, GBP 115.8 m in all (README).
    assert len(grants) == 3624
    assert not grants.problems
    n = sum(len(y["revenue"]) for o in grants.organisations for y in o["years"])
    total = sum(l["amount"] for o in grants.organisations for y in o["years"] for l in y["revenue"])
    assert n == 4116
    assert round(total / 1e6, 1) == 115.8
    assert grants.report_for("GB-CHC-1153055").issues_of("recipient_id_spaces")


def test_alliances_and_durations(grants):
    org = grants.organisation("GB-CHC-1054154")
    alliances = {a["id"]: a for a in org["alliances"]}
    # grants/303: plannedDates 2015-11-03 .. 2017-11-02, duration 24: multi-year.
    a = alliances["360G-LBFEW-114619"]
    assert (a["start"], a["end"], a["family"]) == ("2015-11-03", "2017-11-02", "mecenat")
    assert a["partners"][0]["kind"] == "foundation"
    assert a["partners"][0]["identifier"] == {"scheme": "org_id", "value": "GB-CHC-327114"}
    assert a["contributions"] == [{"party": "GB-CHC-327114", "kind": "money", "value": 649128,
                                   "description": "grant awarded 2015-11-03"}]
    report = assoc.from_dict(org).score()
    m = report.find("alliance.maturity", 0, "360G-LBFEW-114619").inputs
    assert m["duration_months"] == pytest.approx(24.0) and m["multi_year"] == 1.0
    # grants/355: 2014-12-22 .. 2015-12-21, duration 12: not multi-year.
    m = report.find("alliance.maturity", 0, "360G-LBFEW-113223").inputs
    assert m["duration_months"] == pytest.approx(12.0) and m["multi_year"] == 0.0
    # The whole grant counts as the funder's contribution: dependence 1 on it.
    r = report.find("alliances.largest_partner_dependence")
    assert r.value == 1.0 and r.label == "Lloyds Bank Foundation for England and Wales"


def test_duration_mismatch_reported(grants):
    # grants/2881: duration 24 but 2011-10-01 .. 2014-02-28 spans 29 months.
    rep = grants.report_for("GB-CHC-1107392")
    (issue,) = rep.issues_of("duration_mismatch")
    assert issue.values == {"path": "/grants/2881", "duration": 24, "months": 29.0}


# ---- dates -------------------------------------------------------------------------------------

def grant(**over):
    g = {"id": "360G-T-1", "title": "Test grant", "currency": "GBP", "amountAwarded": 1000,
         "awardDate": "2015-06-10", "plannedDates": [{"startDate": "2015-07-01", "endDate": "2017-06-30",
                                                      "duration": 24}],
         "recipientOrganization": [{"id": "GB-CHC-1234567", "name": "Test Charity"}],
         "fundingOrganization": [{"id": "GB-CHC-327114", "name": "Lloyds Bank Foundation"}]}
    g.update(over)
    return g


def test_dd_mm_yyyy_accepted_and_reported():
    res = giving360.read({"grants": [grant(awardDate="10/06/2015")]})
    org = res.organisation("GB-CHC-1234567")
    assert org["years"][0]["year"] == 2015
    assert res.report_for("GB-CHC-1234567").issues_of("slash_date")
    # MM/DD/YYYY only when declared: 06/10/2015 is then June 10th.
    res = giving360.read({"grants": [grant(awardDate="12/31/2015")]}, slash_dates="MM/DD/YYYY")
    assert res.organisation("GB-CHC-1234567")["years"][0]["year"] == 2015


@pytest.mark.parametrize("text", ["31/12/15", "2015/06/10", "June 2015", "13/13/2015", "2015-02-30"])
def test_ambiguous_or_bad_dates_fail_clearly(text):
    with pytest.raises(SourceDataError) as e:
        giving360.read({"grants": [grant(awardDate=text)]})
    assert e.value.path == "/grants/0/awardDate"
    assert text in e.value.message
    res = giving360.read({"grants": [grant(awardDate=text)]}, on_error="skip")
    assert len(res) == 0 and res.problems[0].kind == "date_unreadable"


def test_slash_dates_refused_without_convention():
    with pytest.raises(SourceDataError) as e:
        giving360.read({"grants": [grant(awardDate="10/06/2015")]},
                       mapping=dict(giving360.load_mapping(None, giving360.DEFAULT_MAPPING).data, slash_dates=None))
    assert "ambiguous" in e.value.message


def test_spreadsheet_columns():
    text = ("Identifier,Title,Currency,Amount Awarded,Award Date,Planned Dates:Start Date,Planned Dates:End Date,"
            "Planned Dates:Duration (months),Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,"
            "Funding Org:Name\n"
            "360G-T-1,Grant,GBP,1000,10/06/2015,01/07/2015,30/06/2017,24,GB-CHC-1234567,Test Charity,"
            "GB-CHC-327114,Lloyds Bank Foundation\n")
    import csv as _csv
    rows = list(_csv.DictReader(io.StringIO(text)))
    grants = giving360.rows_to_grants(rows, list(rows[0].keys()))
    res = giving360.grants_to_dicts(grants)
    org = res.organisation("GB-CHC-1234567")
    assert org["alliances"][0]["start"] == "2015-07-01" and org["alliances"][0]["end"] == "2017-06-30"
    assert org["years"][0]["revenue"][0]["amount"] == 1000


def test_layout_error():
    with pytest.raises(LayoutError) as e:
        giving360.read({"grants": [{"id": "x", "amount": 3}]})
    assert ["amountAwarded"] in e.value.missing and ["awardDate"] in e.value.missing
    with pytest.raises(LayoutError):
        giving360.read({"records": []})
    assert len(giving360.read({"grants": []})) == 0

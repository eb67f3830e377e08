"""Peer benchmarking from Python: the hand-made populations of
tests/unit/test_peers.c (every figure derived there, recalled here), so that
C, Python and Lua agree; then the real IRS 990 sample when ../shared is present."""
import math

import pytest

import assoc
from conftest import SHARED

# The profile of tests/unit/test_peers.c: winsorise at 10 % / 90 %, groups of
# fewer than 3 values not ranked, size bands (-inf, 100000), [100000, 1000000), [1000000, inf).
MATURITY = {"tag": "own", "weights": {
    "information_sharing": 5, "coordinated_activities": 10, "pooled_resources": 15, "capacity_building": 15,
    "co_defined_objectives": 15, "shared_governance": 15, "joint_evaluation": 10, "co_created_solution": 10,
    "multi_year": 5}}
PROFILE = {"format": "libassoc-profile/1", "id": "test-peers", "version": "1", "constants": {
    "benchmark.winsor_low": {"value": 0.1, "tag": "own"},
    "benchmark.winsor_high": {"value": 0.9, "tag": "own"},
    "benchmark.min_group_size": {"value": 3, "tag": "own"},
    "benchmark.size_band_edge.1": {"value": 100000, "tag": "own"},
    "benchmark.size_band_edge.2": {"value": 1000000, "tag": "own"}},
    "alliance_maturity": MATURITY}

SD = math.sqrt(67.92 / 9.0)  # sd of the winsorised 1.9 2 3 4 5 6 7 8 9 9.1 (test_winsor_z)


@pytest.fixture
def profile():
    return assoc.Profile.from_dict(PROFILE)


@pytest.fixture
def pop():
    """a1..a10 in FR:84, sector naf:94.99Z, 2022, x = 1..10, revenue 50000 EUR (a1..a5) or 150000
    (a6..a10); a11 in FR:84 without x; b1, b2 in FR:11 with x = 100, 200; c1 without région, x = 3."""
    p = assoc.Population()
    for i in range(1, 11):
        p.add_values(f"a{i}", 2022, {"x": i}, sector="naf:94.99Z", country="FR", region="84", currency="EUR",
                     revenue=50000 if i <= 5 else 150000)
    p.add_values("a11", 2022, {"x": None}, country="FR", region="84")
    for i in (1, 2):
        p.add_values(f"b{i}", 2022, {"x": 100 * i}, country="FR", region="11")
    p.add_values("c1", 2022, {"x": 3})
    return p


def test_population(pop):
    assert len(pop) == 14
    assert pop.members[12] == ("b2", 2022)
    with pytest.raises(assoc.DuplicateError):
        pop.add_values("a1", 2022, {"y": 1})
    with pytest.raises(assoc.ValidationError) as e:
        pop.add_values("d2", 2022, {"y": math.inf})
    assert e.value.code == "EVALUE"
    with pytest.raises(assoc.FieldTypeError):
        pop.add_values("d3", 2022, {"y": "1"})
    assert len(pop) == 14


def test_benchmark_region(pop, profile):
    b = assoc.benchmark(pop, "x", grouping=["region"], profile=profile)
    assert b.measure == "x" and b.grouping == ["region"] and len(b) == 14
    assert [g.key for g in b.groups] == ["region=FR:11", "region=FR:84"]
    # FR:84: 11 members, 10 values 1..10; R: quantile(1:10) -> 3.25 5.5 7.75; clamps 1.9 / 9.1.
    g = b.group("region=FR:84")
    assert g.status == "ranked" and g.n == 10 and g.members == 11
    assert (g.min, g.max) == (1, 10)
    assert g.q1 == pytest.approx(3.25, abs=1e-12)
    assert g.median == pytest.approx(5.5, abs=1e-12)
    assert g.q3 == pytest.approx(7.75, abs=1e-12)
    assert g.winsor_low == pytest.approx(1.9, abs=1e-12)
    assert g.winsor_high == pytest.approx(9.1, abs=1e-12)
    assert g.mean == pytest.approx(5.5, abs=1e-12)
    assert g.sd == pytest.approx(SD, abs=1e-12)
    # a10: nine below -> percentile 95, winsorised 9.1, z = 3.6 / sd; a1: 5 and -z.
    a10 = b.member("a10")
    assert a10.status == "ranked" and a10.group is g
    assert a10.percentile == pytest.approx(95, abs=1e-12)
    assert a10.winsorised == pytest.approx(9.1, abs=1e-12)
    assert a10.z == pytest.approx(1.31046346, abs=1e-8)
    assert b[0].percentile == pytest.approx(5, abs=1e-12)
    assert b[0].z == pytest.approx(-1.31046346, abs=1e-8)
    # A member carries its group's quartiles and size.
    assert b[4].median == pytest.approx(5.5, abs=1e-12) and b[4].group_size == 10
    # a11: no value: not computable, every figure None (never 0).
    a11 = b.member("a11", 2022)
    assert a11.status == "not_computable"
    assert a11.value is None and a11.percentile is None and a11.z is None
    # FR:11: two values < 3: too small, nothing but counts.
    small = b.group("region=FR:11")
    assert small.status == "group_too_small" and small.n == 2 and small.median is None
    b1 = b.member("b1")
    assert b1.status == "group_too_small" and b1.value == 100 and b1.percentile is None
    # c1: no région, no group.
    c1 = b.member("c1")
    assert c1.status == "no_group" and c1.group is None and c1.median is None


def test_benchmark_to_dict(pop, profile):
    b = pop.benchmark("x", "region", profile)
    d = b[9].to_dict()
    assert d["id"] == "a10" and d["group"] == "region=FR:84" and d["group_size"] == 10
    assert d["percentile"] == pytest.approx(95)
    assert b.member("a11").to_dict()["value"] is None
    whole = b.to_dict()
    assert whole["measure"] == "x" and whole["parameters"]["min_group_size"] == 3
    assert b.group("region=FR:84").to_dict()["median"] == pytest.approx(5.5)


def test_benchmark_all_and_ties(pop, profile):
    # Whole population: sorted 1 2 3 3 4 5 6 7 8 9 10 100 200; a3 and c1 (x = 3): two below, two
    # equal -> 100 (2 + 1) / 13; median h = 6 -> 6; 90 % clamp 10 + 0.8 (100 - 10) = 82.
    b = assoc.benchmark(pop, "x", profile=profile)
    assert [g.key for g in b.groups] == ["all"]
    assert b[2].percentile == pytest.approx(300 / 13, abs=1e-12)
    assert b.member("c1").percentile == pytest.approx(300 / 13, abs=1e-12)
    assert b.groups[0].median == 6
    assert b.member("b2").winsorised == pytest.approx(82, abs=1e-12)


def test_benchmark_size_and_combined(pop, profile):
    pop.add_values("u1", 2022, {"x": 4}, currency="USD", revenue=50000, sector="naf:94.99Z")
    b = assoc.benchmark(pop, "x", grouping="size", profile=profile)
    assert {g.key for g in b.groups} == {"size=EUR:(-inf,100000)", "size=EUR:[100000,1000000)",
                                         "size=USD:(-inf,100000)"}
    # [100000, 1000000): 6..10, median 8; a6 lowest of five -> 10.
    assert b[5].median == 8
    assert b[5].percentile == pytest.approx(10, abs=1e-12)
    assert b.member("u1").status == "group_too_small"
    assert b.member("b2").status == "no_group"
    # Year x sector: u1 (4) has three below and two equal among 11 -> 400 / 11.
    b = assoc.benchmark(pop, "x", grouping=("year", "sector"), profile=profile)
    assert [g.key for g in b.groups] == ["year=2022|sector=naf:94.99Z"]
    assert b.member("u1").percentile == pytest.approx(400 / 11, abs=1e-12)


def test_benchmark_errors(pop, profile):
    with pytest.raises(assoc.LabelError) as e:
        assoc.benchmark(pop, "x", grouping="galaxy", profile=profile)
    assert "galaxy" in e.value.message and "region" in e.value.message
    bare = assoc.Profile.from_dict({"format": "libassoc-profile/1", "id": "bare", "version": "1",
                                    "alliance_maturity": MATURITY})
    with pytest.raises(assoc.NotFoundError) as e:
        assoc.benchmark(pop, "x", profile=bare)
    assert e.value.path == "/constants/benchmark.winsor_low"
    with pytest.raises(assoc.FieldTypeError):
        assoc.benchmark([1, 2], "x")
    # A measure nobody has: every member not computable, not an error.
    b = assoc.benchmark(pop, "nobody.has.this", profile=profile)
    assert {m.status for m in b} == {"not_computable"}


def test_benchmark_dataframe(pop, profile):
    pytest.importorskip("pandas")
    df = assoc.benchmark(pop, "x", "region", profile).to_dataframe()
    assert len(df) == 14
    row = df[df["id"] == "a10"].iloc[0]
    assert row["percentile"] == pytest.approx(95) and row["group"] == "region=FR:84"
    assert math.isnan(df[df["id"] == "a11"].iloc[0]["percentile"])


@pytest.fixture
def tc_pop():
    """t0..t9 (test_peers.c tc_population): equity_to_revenue = HHI = 0.1 (i + 1); margin -0.1, 0, 0,
    0, 0, 0.05, 0.05, 0.1, 0.1, 0.2; admin_to_revenue 0.05 i, missing for t0."""
    margin = [-0.1, 0, 0, 0, 0, 0.05, 0.05, 0.1, 0.1, 0.2]
    p = assoc.Population()
    for i in range(10):
        p.add_values(f"t{i}", 2021, {"finance.equity_to_revenue": 0.1 * (i + 1),
                                     "revenue.streams.hhi": 0.1 * (i + 1),
                                     "finance.operating_margin": margin[i],
                                     "finance.admin_to_revenue": None if i == 0 else 0.05 * i})
    return p


def test_tuckman_chang(tc_pop, profile):
    tc = assoc.tuckman_chang(tc_pop, profile=profile)
    assert len(tc) == 10

    def ind(i, measure):
        return tc[i].indicators[measure]
    # Equity: Q(0.2) = 0.28 -> t0, t1 flagged.
    assert [ind(i, "finance.equity_to_revenue").flag for i in range(3)] == ["flagged", "flagged", "not_flagged"]
    assert ind(0, "finance.equity_to_revenue").threshold == pytest.approx(0.28, abs=1e-12)
    # HHI: worst is highest, Q(0.8) = 0.82 -> t8, t9.
    assert [ind(i, "revenue.streams.hhi").flag for i in (7, 8, 9)] == ["not_flagged", "flagged", "flagged"]
    assert ind(7, "revenue.streams.hhi").threshold == pytest.approx(0.82, abs=1e-12)
    # Admin: t0 not computable (never "not flagged"); Q(0.2) = 0.13 -> t1, t2.
    assert [ind(i, "finance.admin_to_revenue").flag for i in range(4)] == [
        "not_computable", "flagged", "flagged", "not_flagged"]
    assert ind(3, "finance.admin_to_revenue").threshold == pytest.approx(0.13, abs=1e-12)
    # Margin: Q(0.2) = 0: only t0 (< 0); the zeros are not beyond it.
    assert [ind(i, "finance.operating_margin").flag for i in range(5)] == ["flagged"] + ["not_flagged"] * 4
    assert [m.flagged for m in tc] == [2, 2, 1, 0, 0, 0, 0, 0, 1, 1]
    assert [m.decided for m in tc] == [3] + [4] * 9
    # The continuous values beside the flags.
    assert ind(0, "finance.equity_to_revenue").percentile == pytest.approx(5, abs=1e-12)
    assert ind(0, "finance.operating_margin").value == pytest.approx(-0.1, abs=0)
    assert ind(0, "finance.admin_to_revenue").value is None
    eq = tc.benchmark("finance.equity_to_revenue")
    assert eq.groups[0].n == 10 and eq[0].percentile == pytest.approx(5, abs=1e-12)
    assert tc.member("t0").to_dict()["indicators"]["revenue.streams.hhi"]["flag"] == "not_flagged"
    with pytest.raises(assoc.NotFoundError):
        tc.benchmark("x")


def test_tuckman_chang_groups(tc_pop, profile):
    # By région: nobody has one: nothing decided; missing value wins over missing group.
    tc = tc_pop.tuckman_chang(grouping="region", profile=profile)
    assert tc[5].indicators["revenue.streams.hhi"].flag == "no_group"
    assert tc[5].indicators["revenue.streams.hhi"].threshold is None
    assert tc[0].indicators["finance.admin_to_revenue"].flag == "not_computable"
    assert (tc[5].flagged, tc[5].decided) == (0, 0)


def test_tuckman_chang_dataframe(tc_pop, profile):
    pytest.importorskip("pandas")
    df = assoc.tuckman_chang(tc_pop, profile=profile).to_dataframe()
    assert len(df) == 40
    row = df[(df["id"] == "t0") & (df["measure"] == "finance.equity_to_revenue")].iloc[0]
    assert row["flag"] == "flagged" and row["threshold"] == pytest.approx(0.28)


def test_population_from_organisations(silver):
    # add() copies the organisation's values for one year: with a report, or scored with the
    # default profile (None) - the same values either way.
    year = silver.years[0].year
    p = assoc.Population()
    p.add(silver, year)
    q = assoc.Population()
    q.add(silver, year, silver.score(year=year))
    with pytest.raises(assoc.DuplicateError):
        p.add(silver, year)
    with pytest.raises(assoc.NotFoundError):
        p.add(silver, 1800)
    assert p.members == [(silver.id.value, year)]
    expected = silver.score(year=year).value("revenue.streams.hhi", year)
    assert expected is not None
    for pop in (p, q):
        b = pop.benchmark("revenue.streams.hhi")
        assert b[0].value == pytest.approx(expected, abs=1e-12)
        # One member: below the default minimum group size, so not ranked.
        assert b[0].status == "group_too_small" and b[0].percentile is None


def test_irs990_sample(shared):
    from assoc.importers import irs990
    path = shared / "us-irs990" / "part010810_2009.csv"
    if not path.is_file():
        pytest.skip(f"skipped: {path} is absent")
    orgs = irs990.load(path).organisations
    pop = assoc.Population()
    for org in orgs:
        for y in org.years:
            pop.add(org, y.year)
    assert len(pop) >= len(orgs) > 50
    b = assoc.benchmark(pop, "finance.operating_margin")
    ranked = [m for m in b if m.status == "ranked"]
    assert ranked, "some 990 filers have an operating margin"
    g = b.groups[0]
    assert g.key == "all" and g.n == len(ranked)
    assert g.min <= g.q1 <= g.median <= g.q3 <= g.max
    # Mid-rank percentiles of a sample average exactly 50.
    assert sum(m.percentile for m in ranked) / len(ranked) == pytest.approx(50, abs=1e-9)
    # The type-7 median recomputed from the members' values.
    xs = sorted(m.value for m in ranked)
    h = (len(xs) - 1) * 0.5
    j = int(h)
    want = xs[j] + (h - j) * ((xs[j + 1] if j + 1 < len(xs) else xs[j]) - xs[j])
    assert g.median == pytest.approx(want, rel=1e-12, abs=1e-12)
    # Missing is not zero: members without a value have none.
    for m in b:
        if m.status == "not_computable":
            assert m.value is None and m.percentile is None
    tc = assoc.tuckman_chang(pop)
    assert len(tc) == len(pop)
    for m in tc:
        assert 0 <= m.flagged <= m.decided <= 4

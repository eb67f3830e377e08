"""Form 990 / 990-EZ importer (formulas.md section 6) on the real NCCS e-file sample.

Every expected number below is read from the CSV row of the return (the
cells are copied as literals in the comments) and combined by hand with
formulas.md: streams by rules 1-4, HHI = sum of squared shares of the
*positive* lines per stream (the library clamps negative net lines to 0
line by line), months of cash = cash / ((expenses - depreciation) / 12)
with depreciation 0 when absent, program ratio = program / total expenses.
"""
import csv
import io

import pytest

import assoc
from assoc.importers import LayoutError, SourceDataError, irs990

SAMPLE = "us-irs990/part010810_2009.csv"
PANEL = "us-irs990/panel10_2009_2020.csv"


@pytest.fixture(scope="module")
def sample_path():
    from conftest import SHARED
    p = SHARED / "data" / SAMPLE
    if not p.is_file():
        pytest.skip(f"skipped: {p} is absent")
    return p


@pytest.fixture(scope="module")
def sample(sample_path):
    return irs990.read(sample_path)


def streams_of(year):
    """Net amount per stream of a year dict's revenue lines (absent stream: not in the dict)."""
    out = {}
    for line in year.get("revenue", []):
        s = assoc.category_stream(line["category"])
        out[s] = out.get(s, 0) + line["amount"]
    return out


def hhi(amounts):
    s = sum(amounts)
    return sum((a / s) ** 2 for a in amounts)


def year_of(org, y):
    return next(x for x in org["years"] if x["year"] == y)


# One entry per return: EIN, tax year, kind, the streams (net, as rules 1-4
# give them; a stream absent here had every cell empty), the positive amount
# per stream for the HHI (None: not computable), months of cash, program ratio
# (None: not computable), and the stream split status.
CASES = [
    # 1. 990, lines 1a-1f all filled. 1a 211269, 1b 0, 1c 0, 1d 0, 1e 13808252,
    # 1f 2105245, 1h 16124766 (= 1a..1f: rule 1 adds 0), 2g 7438981, 3 19642,
    # 4 0, 5 0, 8c 42294, 11e 0, 12A 23625683. Expenses 23620216, program
    # 21565531, depreciation 263873; cash 995988 + savings 0.
    ("223669704", 2009, "990 all contribution lines",
     {"dues": 0, "gifts": 211269 + 2105245 + 42294, "public_subsidies": 13808252,
      "private_earned": 7438981, "financial_other": 19642},
     [211269 + 2105245 + 42294, 13808252, 7438981, 19642],
     995988 / ((23620216 - 263873) / 12), 21565531 / 23620216, "complete"),
    # 2. 990: 1a 233673, 1b 185, 1c 13457, 1d 19390, 1e 162023, 1f 221674,
    # 1h 650402 (= their sum), 2g 5623, 3 2125, 6d 4045, 11e 3875, 12A 666070.
    # Expenses 706231, program 510467, depreciation 44628; cash 459366 (savings empty).
    ("237415846", 2009, "990 with dues and rent",
     {"dues": 185, "gifts": 233673 + 13457 + 19390 + 221674, "public_subsidies": 162023,
      "private_earned": 5623, "financial_other": 2125 + 4045 + 3875},
     [185, 233673 + 13457 + 19390 + 221674, 162023, 5623, 2125 + 4045 + 3875],
     459366 / ((706231 - 44628) / 12), 510467 / 706231, "complete"),
    # 3. 990: 1a 63603, 1e 3753395, 1f 36484 (1b-1d 0), 1h 3853482, 2g 9440569,
    # 3 43245, 7d 25593, 11e 35229 (4, 5, 6d, 8c, 9c, 10c: 0), 12A 13398118.
    # Expenses 13116065, program 11968342, depreciation 367971; cash 375 + 1574233.
    ("350965642", 2009, "990 with asset sales gain",
     {"dues": 0, "gifts": 63603 + 36484, "public_subsidies": 3753395,
      "private_earned": 9440569, "financial_other": 43245 + 25593 + 35229},
     [63603 + 36484, 3753395, 9440569, 43245 + 25593 + 35229],
     (375 + 1574233) / ((13116065 - 367971) / 12), 11968342 / 13116065, "complete"),
    # 4. 990, negative 7d: 1e 78722, 1h 78722, 2g 124169, 3 2310, 7d -653,
    # 11e 192, 12A 204740. Net financial_other 2310 - 653 + 192; for the HHI
    # the -653 line is clamped: 2310 + 192. Expenses 304321, program 271513,
    # depreciation 88978; cash 9948 + 221158.
    ("311417955", 2009, "990 negative asset sales (7d)",
     {"public_subsidies": 78722, "private_earned": 124169, "financial_other": 2310 - 653 + 192},
     [78722, 124169, 2310 + 192],
     (9948 + 221158) / ((304321 - 88978) / 12), 271513 / 304321, "complete"),
    # 5. 990, negative 8c: 1a 9547, 1c 738, 1e 1434006, 1f 33863, 1h 1478154,
    # 3 3231, 8c -2309, 12A 1479076. Expenses 1467691, program 1443311,
    # depreciation 6319; cash 19478 + 312963.
    ("383245099", 2009, "990 negative fundraising events (8c)",
     {"gifts": 9547 + 738 + 33863 - 2309, "public_subsidies": 1434006, "financial_other": 3231},
     [9547 + 738 + 33863, 1434006, 3231],
     (19478 + 312963) / ((1467691 - 6319) / 12), 1443311 / 1467691, "complete"),
    # 6. 990, negative rent: 1e 56000, 1h 56000, 3 136, 6d -11876, 12A 44260.
    # Expenses 58342, program 36000, depreciation 0; cash 5874.
    ("611304977", 2009, "990 negative rent (6d)",
     {"public_subsidies": 56000, "financial_other": 136 - 11876},
     [56000, 136],
     5874 / (58342 / 12), 36000 / 58342, "complete"),
    # 7. 990 with three negative lines (EIN 050370946, written 50370946 in the
    # file): 1e 1051295, 1f 112317, 1h 1163612, 2g 436189, 3 -9043, 6d -7577,
    # 10c -1247798, 11e 4249, 12A 339632. Expenses 950410, program 870695,
    # depreciation 20395; cash 217548 + 670207.
    ("050370946", 2009, "990 negative investment, rent and inventory lines",
     {"gifts": 112317, "public_subsidies": 1051295, "private_earned": 436189 - 1247798,
      "financial_other": -9043 - 7577 + 4249},
     [112317, 1051295, 436189, 4249],
     (217548 + 670207) / ((950410 - 20395) / 12), 870695 / 950410, "complete"),
    # 8. 990 with negative total revenue and no 1h: 2g 42940, 3 4, 6d -213285,
    # 12A -170341; R = -170341 - (42940 + 4 - 213285) = 0: split complete.
    # Expenses 116946, program 116946, depreciation empty (0); cash 138053 + 51785.
    ("942787111", 2009, "990 negative total revenue",
     {"private_earned": 42940, "financial_other": 4 - 213285},
     [42940, 4],
     (138053 + 51785) / (116946 / 12), 116946 / 116946, "complete"),
    # 9. 990, negative 7d and 11e, negative total: 1d 215516, 1e 36774,
    # 1f 9897, 1h 262187, 2g 204078, 3 2490, 7d -617750, 11e -12830,
    # 12A -161825. Expenses 462124, program 409530, depreciation 57935;
    # cash 48699 + 161593.
    ("593171557", 2009, "990 negative other revenue (11e)",
     {"gifts": 215516 + 9897, "public_subsidies": 36774, "private_earned": 204078,
      "financial_other": 2490 - 617750 - 12830},
     [215516 + 9897, 36774, 204078, 2490],
     (48699 + 161593) / ((462124 - 57935) / 12), 409530 / 462124, "complete"),
    # 10. 990, negative inventory sales: 1c 134800, 1e 3706028, 1f 597709,
    # 1h 4438537, 2g 518784, 3 212, 8c 780, 10c -120636, 11e 103525,
    # 12A 4941202. Expenses 5504811, program 5132458, depreciation 23445;
    # cash 6 + 86077.
    ("383142455", 2009, "990 negative inventory (10c)",
     {"gifts": 134800 + 597709 + 780, "public_subsidies": 3706028, "private_earned": 518784 - 120636,
      "financial_other": 212 + 103525},
     [134800 + 597709 + 780, 3706028, 518784, 212 + 103525],
     (6 + 86077) / ((5504811 - 23445) / 12), 5132458 / 5504811, "complete"),
    # 11. 990, negative gaming: 1f 13845, 1h 13845, 2g 127000, 3 1103,
    # 6d 3335, 9c -12182, 11e 42155, 12A 175256. Expenses 225566, program
    # 225566, depreciation 65343; cash 212834.
    ("341080125", 2009, "990 negative gaming (9c)",
     {"gifts": 13845, "private_earned": 127000 - 12182, "financial_other": 1103 + 3335 + 42155},
     [13845, 127000, 1103 + 3335 + 42155],
     212834 / ((225566 - 65343) / 12), 225566 / 225566, "complete"),
    # 12. 990 without line 1h, program revenue only: 2g 1557452, 12A 1557452:
    # R = 0. Expenses 824317, program 629625, depreciation 183794; cash 24739.
    ("222978853", 2009, "990 without 1h, one stream",
     {"private_earned": 1557452},
     [1557452],
     24739 / ((824317 - 183794) / 12), 629625 / 824317, "complete"),
    # 13. 990 without 1h: 2g 467082, 3 542, 11e 800686, 12A 1268310: R = 0.
    # Expenses 1001672, program 969892, depreciation 194517; cash 8139 + 637284.
    ("954393915", 2009, "990 without 1h, two streams",
     {"private_earned": 467082, "financial_other": 542 + 800686},
     [467082, 542 + 800686],
     (8139 + 637284) / ((1001672 - 194517) / 12), 969892 / 1001672, "complete"),
    # 14. 990 whose cash + savings is negative: 1e 3430950, 1f 241183,
    # 1h 3672133, 2g 331507, 12A 4003640. Cash -139871 + savings 66144 =
    # -73727 < 0: left missing (reported), so months of cash is not
    # computable. Expenses 4055252, program 3425679.
    ("256069770", 2009, "990 negative cash (dropped)",
     {"gifts": 241183, "public_subsidies": 3430950, "private_earned": 331507},
     [241183, 3430950, 331507],
     None, 3425679 / 4055252, "complete"),
    # 15. 990 with royalties: 1e 20903371, 1f 240923762, 1h 261827133,
    # 2g 11832758, 3 3678962, 4 0, 5 664754, 6d 65122, 7d 306172, 8c 0, 9c 0,
    # 10c 13298, 11e 5632223, 12A 284020422. Expenses 293408014, program
    # 237398287, depreciation 3041133; cash 9985925 + 53023500.
    ("911914868", 2009, "990 with royalties",
     {"gifts": 240923762, "public_subsidies": 20903371, "private_earned": 11832758 + 13298,
      "financial_other": 3678962 + 664754 + 65122 + 306172 + 5632223},
     [240923762, 20903371, 11832758 + 13298, 3678962 + 664754 + 65122 + 306172 + 5632223],
     (9985925 + 53023500) / ((293408014 - 3041133) / 12), 237398287 / 293408014, "complete"),
    # 16. 990 with bond income and every stream: 1a 10000, 1b 12219, 1d 644381,
    # 1e 130400, 1f 147411, 1h 944411, 2g 32354780, 3 211887, 4 1177,
    # 6d 433408, 7d 5840, 8c 34499, 11e 2913, 12A 33988915. Expenses 33482313,
    # program 29142756, depreciation empty (0); cash 1303177 + 2226511.
    ("951863913", 2009, "990 with every stream",
     {"dues": 12219, "gifts": 10000 + 644381 + 147411 + 34499, "public_subsidies": 130400,
      "private_earned": 32354780, "financial_other": 211887 + 1177 + 433408 + 5840 + 2913},
     [12219, 10000 + 644381 + 147411 + 34499, 130400, 32354780, 211887 + 1177 + 433408 + 5840 + 2913],
     (1303177 + 2226511) / (33482313 / 12), 29142756 / 33482313, "complete"),
    # 17. 990-EZ: 1b 137251, Part I total 409895, no 1h: R = 409895 - 137251 =
    # 272644 (66.5 % > 1 %): split incomplete, HHI not computable. Part I
    # expenses 359792, no depreciation, no functional split (program ratio
    # not computable); cash+savings (EZ line) 360163.
    ("223880639", 2009, "990-EZ, split incomplete",
     {"dues": 137251},
     None,
     360163 / (359792 / 12), None, "incomplete"),
    # 18. 990-EZ with a negative inventory line: 7d 516, 10c -6566, 11e 43549,
    # Part I total 381284: R = 381284 - (516 - 6566 + 43549) = 343785.
    # Part I expenses 404652; cash+savings 17405.
    ("383239216", 2009, "990-EZ negative inventory, split incomplete",
     {"private_earned": -6566, "financial_other": 516 + 43549},
     None,
     17405 / (404652 / 12), None, "incomplete"),
    # 19. 990-EZ with zero total revenue and no line: T = 0, R = 0; no
    # expenses at all (missing, not zero): nothing computable.
    ("204122028", 2009, "990-EZ zero revenue, missing expenses",
     {},
     None,
     None, None, "complete"),
    # 20. 990-PF: every mapped cell is empty: no total (split unknown).
    ("113687996", 2009, "990-PF, nothing mapped",
     {},
     None,
     None, None, "unknown"),
    # 21. Two returns for 2009: the one processed last (object id
    # 201142239349302659 > 201123259349300207) is kept: 1e 3090871,
    # 1h 3090871, 11e 15025, 12A 3105896. Expenses 3332317, program 3218388;
    # no cash cell: months of cash not computable.
    ("640433629", 2009, "990 duplicate return",
     {"public_subsidies": 3090871, "financial_other": 15025},
     [3090871, 15025],
     None, 3218388 / 3332317, "complete"),
]

PANEL_CASES = [
    # 22. Panel, 2015: 1a 742, 1f 8482, 1h 9224, 2g 6357320, 3 45682,
    # 7d 23865, 12A 6436091. Expenses 6080379, program 4953993, depreciation
    # 39383; cash empty, savings 299229: cash = 299229 (the cells present).
    ("042104310", 2015, "990 panel, savings only",
     {"gifts": 742 + 8482, "private_earned": 6357320, "financial_other": 45682 + 23865},
     [742 + 8482, 6357320, 45682 + 23865],
     299229 / ((6080379 - 39383) / 12), 4953993 / 6080379, "complete"),
    # 23. Panel 990-EZ, 2015: 1b 10895, 3 2, 11e 73, Part I total 195520:
    # R = 195520 - 10970 = 184550: incomplete. Part I expenses 168209;
    # cash+savings 71114.
    ("043266589", 2015, "990-EZ panel, split incomplete",
     {"dues": 10895, "financial_other": 2 + 73},
     None,
     71114 / (168209 / 12), None, "incomplete"),
    # 24. Panel, 2012: 1e 6660361, 1f 55087020, 1h 61747381, 2g 211067814,
    # 3 236224, 5 23937, 6d 52007, 7d 38495000, 11e 120339, 12A 311742702.
    # Expenses 303214591, program 248730655, depreciation 23380838; cash
    # 16260661 + 13603339.
    ("030179298", 2012, "990 panel, large university",
     {"gifts": 55087020, "public_subsidies": 6660361, "private_earned": 211067814,
      "financial_other": 236224 + 23937 + 52007 + 38495000 + 120339},
     [55087020, 6660361, 211067814, 236224 + 23937 + 52007 + 38495000 + 120339],
     (16260661 + 13603339) / ((303214591 - 23380838) / 12), 248730655 / 303214591, "complete"),
]


def check_case(result, case):
    ein, year, _kind, streams, hhi_amounts, moc, program, split = case
    org = result.organisation(ein)
    rep = result.report_for(ein)
    y = year_of(org, year)
    # Stream amounts: the report keeps the net amount of each stream with a cell present.
    assert rep.years[year].streams == pytest.approx(streams)
    got = streams_of(y)
    for s, v in streams.items():
        assert got.get(s, 0) == pytest.approx(v), s
    assert set(got) <= set(streams)
    assert rep.years[year].stream_split == split
    if split == "complete" and "total_revenue" in y:
        # Rules 1-3: every dollar of T is in a stream (R = 0 on these returns).
        assert sum(got.values()) == pytest.approx(y["total_revenue"])
    # The scores, through the C library.
    report = assoc.from_dict(org).score()
    r = report.find("revenue.streams.hhi", year)
    if hhi_amounts is None:
        assert r.value is None and r.status == "not_computable"
    else:
        assert r.value == pytest.approx(hhi(hhi_amounts), rel=1e-12)
    r = report.find("finance.months_of_cash", year)
    if moc is None:
        assert r.value is None
    else:
        assert r.value == pytest.approx(moc, rel=1e-12)
    r = report.find("finance.program_ratio", year)
    if program is None:
        assert r.value is None
    else:
        assert r.value == pytest.approx(program, rel=1e-12)


@pytest.mark.parametrize("case", CASES, ids=[c[2] for c in CASES])
def test_return_by_hand(sample, case):
    check_case(sample, case)


@pytest.fixture(scope="module")
def panel():
    from conftest import SHARED
    p = SHARED / "data" / PANEL
    if not p.is_file():
        pytest.skip(f"skipped: {p} is absent")
    return irs990.read(p)


@pytest.mark.parametrize("case", PANEL_CASES, ids=[c[2] for c in PANEL_CASES])
def test_panel_return_by_hand(panel, case):
    check_case(panel, case)


def test_whole_sample_imports(sample):
    # 1,000 returns of 973 organisations; 10 EIN-years have two returns, so
    # 990 organisation-years remain. Every organisation is valid for the C
    # library (from_dict validates fully) and every year has a report.
    assert len(sample) == 973
    assert sum(len(o["years"]) for o in sample.organisations) == 990
    assert not sample.problems
    for org, rep in sample:
        assoc.from_dict(org)
        assert sorted(rep.years) == [y["year"] for y in org["years"]]
    splits = [y.stream_split for r in sample.reports for y in r.years.values()]
    # 921 Form 990 (every one complete), 68 990-EZ (66 incomplete, 2 with a
    # zero total and no line), 1 990-PF (no total).
    assert splits.count("complete") == 923
    assert splits.count("incomplete") == 66
    assert splits.count("unknown") == 1
    dups = [i for r in sample.reports for i in r.issues_of("duplicate_return")]
    assert len(dups) == 10


def test_duplicate_return_is_reported(sample):
    rep = sample.report_for("640433629")
    (dup,) = rep.issues_of("duplicate_return")
    assert dup.severity == "inconsistency"
    assert "201142239349302659" in dup.message and "201123259349300207" in dup.message
    assert rep.years[2009].source_ref.endswith("201142239349302659_public.xml")


def test_ein_padding_and_names(sample):
    # EIN 50370946 lost its leading zero in R: the identifier is 9 digits.
    org = sample.organisation("050370946")
    assert org["id"] == {"scheme": "ein", "value": "050370946"}
    assert org["name"] == "SWAP INC"
    assert org["territory"] == {"country": "US"}  # no state column in this extract


def test_negative_cash_is_dropped_and_reported(sample):
    org = sample.organisation("256069770")
    assert "cash" not in year_of(org, 2009)["balance"]
    (issue,) = sample.report_for("256069770").issues_of("negative_value")
    assert issue.severity == "dropped" and issue.values["value"] == -139871 + 66144


def test_incomplete_split_reports_remainder(sample):
    # 990-EZ 223880639: R = 409895 - 137251 = 272644.
    rep = sample.report_for("223880639")
    assert rep.years[2009].unattributed == 272644
    assert rep.years[2009].total_revenue == 409895
    (issue,) = rep.issues_of("stream_split_incomplete")
    assert issue.values == {"unattributed": 272644, "total_revenue": 409895}
    y = year_of(sample.organisation("223880639"), 2009)
    assert y["total_revenue"] == 409895
    assert "not attributable" in y["note"]


def test_lines_mapped_and_missing(sample):
    # Return 311417955 (case 4): cells present for lines 1e, 1h, 2g, 3, 7d,
    # 11e and 12A, and for cash (9948 + savings 221158) and program expenses;
    # empty for lines 1a-1d, 1f, 4, 5, 6d, 8c, 9c and 10c.
    rep = sample.report_for("311417955")
    yr = rep.years[2009]
    for line in ("1e", "1h", "2g", "3", "7d", "11e", "12A", "balance/cash", "expenses/program"):
        assert line in yr.mapped
    for line in ("1a", "1b", "1c", "1d", "1f", "4", "5", "6d", "8c", "9c", "10c"):
        assert line in yr.missing
    assert rep.lines_mapped == len(yr.mapped)


# ---- a reduced extract: only some columns, as other NCCS extracts have ----------------------

REDUCED = ["ORG_EIN", "ORG_NAME_L1", "TAX_YEAR", "RETURN_TYPE", "URL",
           "F9_08_REV_CONTR_TOT",            # total contributions (1h)
           "F9_08_REV_CONTR_GOVT_GRANT",     # government grants (1e)
           "F9_08_REV_CONTR_MEMBSHIP_DUE",   # dues (1b)
           "F9_08_REV_PROG_TOT_TOT",         # program service revenue (2g)
           "F9_08_REV_OTH_INVEST_INCOME_TOT",  # investment income (3)
           "F9_08_REV_TOT_TOT"]              # total revenue (12A)


def reduced_copy(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=REDUCED, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    buf.seek(0)
    return buf


def test_reduced_extract_streams_sum_to_total(sample_path, sample):
    reduced = irs990.read(reduced_copy(sample_path))
    assert len(reduced) == 973
    complete = 0
    for org, rep in reduced:
        for y in org["years"]:
            yr = rep.years[y["year"]]
            lines = sum(streams_of(y).values())
            if "total_revenue" not in y:
                # 990-EZ and 990-PF returns carry no line 12A: nothing to split.
                assert yr.stream_split == "unknown"
                continue
            t = y["total_revenue"]
            if "1h" in yr.mapped:
                # Rules 1 and 3: gifts take 1h - (1b + 1e), financial_other
                # takes T - (the rest): the streams sum to T exactly.
                assert lines == pytest.approx(t, abs=1e-6)
                assert yr.stream_split == "complete"
                complete += 1
            else:
                # No contributions line: the remainder is unattributed and
                # reported; the streams plus R still make T.
                assert lines + yr.unattributed == pytest.approx(t, abs=1e-6)
                assert yr.stream_split == ("incomplete" if abs(yr.unattributed) > 0.01 * abs(t) else "complete")
    assert complete > 800
    # The streams the extract keeps are those of the full file.
    full = {(o["id"]["value"], y["year"]): streams_of(y) for o in sample.organisations for y in o["years"]}
    for org in reduced.organisations:
        for y in org["years"]:
            s, f = streams_of(y), full[(org["id"]["value"], y["year"])]
            for stream in ("dues", "public_subsidies"):
                assert s.get(stream, 0) == pytest.approx(f.get(stream, 0))
    # Hand check on return 951863913 (case 16 above): 1b 12219, 1e 130400,
    # 1h 944411, 2g 32354780, 3 211887, 12A 33988915. Rule 1: gifts = 944411 -
    # 12219 - 130400 = 801792; rule 3: financial_other = 33988915 - 12219 -
    # 801792 - 130400 - 32354780 = 211887 + 1177 + 433408 + 5840 + 2913 + 34499
    # (the lines dropped from the extract, 8c included) = 689724.
    y = year_of(reduced.organisation("951863913"), 2009)
    assert streams_of(y) == {"dues": 12219, "gifts": 801792, "public_subsidies": 130400,
                             "private_earned": 32354780, "financial_other": 689724}


# ---- layouts and rules on small tables ------------------------------------------------------

HEADER = ["ORG_EIN", "ORG_NAME_L1", "TAX_YEAR", "RETURN_TYPE", "URL", "F9_08_REV_CONTR_GOVT_GRANT",
          "F9_08_REV_CONTR_OTH", "F9_08_REV_CONTR_TOT", "F9_08_REV_PROG_TOT_TOT", "F9_08_REV_TOT_TOT",
          "F9_09_EXP_TOT_TOT", "F9_09_EXP_TOT_PROG", "F9_09_EXP_TOT_MGMT", "F9_09_EXP_TOT_FUNDR"]


def table(*rows, header=HEADER):
    return [dict(zip(header, r)) for r in rows]


def test_unknown_layout_lists_missing_columns():
    rows = [{"EIN": "123456789", "NAME": "X", "TOTREV": "10"}]
    with pytest.raises(LayoutError) as e:
        irs990.rows_to_dicts(rows)
    err = e.value
    assert isinstance(err, assoc.Error)
    assert err.missing == [["ORG_EIN"], ["TAX_YEAR"], ["ORG_NAME_L1"], ["F9_08_REV_TOT_TOT", "F9_01_REV_TOT_CY"]]
    for col in ("ORG_EIN", "TAX_YEAR", "ORG_NAME_L1", "F9_08_REV_TOT_TOT or F9_01_REV_TOT_CY"):
        assert col in err.message


def test_header_case_is_restored():
    # Some NCCS extracts write their columns in lower case.
    rows = [{k.lower(): v for k, v in r.items()} for r in
            table(["123456789", "Test Org", "2019", "990", "u", "100", "", "100", "600", "1000", "", "", "", ""])]
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    assert streams_of(org["years"][0]) == {"public_subsidies": 100, "private_earned": 600, "financial_other": 300}


def test_rule1_remainder_and_functional_mismatch():
    # 1e 100, 1f 50, 1h 400 -> rule 1: gifts also take 400 - 150 = 250;
    # 2g 600, 12A 1000: R = 1000 - (100 + 50 + 250 + 600) = 0.
    # Functional expenses 700 + 200 + 50 = 950 but total 900: reported.
    rows = table(["12-3456789", "Test Org", "2019", "990", "u", "100", "50", "400", "600", "1000",
                  "900", "700", "200", "50"])
    res = irs990.rows_to_dicts(rows)
    org, rep = next(iter(res))
    assert org["id"]["value"] == "123456789"
    assert streams_of(org["years"][0]) == {"public_subsidies": 100, "gifts": 300, "private_earned": 600}
    (mm,) = rep.issues_of("functional_expenses_mismatch")
    assert mm.values["difference"] == 50 and mm.severity == "inconsistency"


def test_rule3_remainder_goes_to_financial_other():
    # 1e 100, 1h 100, 2g 600, 12A 1000: R = 300 with 1h present -> financial_other.
    rows = table(["123456789", "Test Org", "2019", "990", "u", "100", "", "100", "600", "1000",
                  "", "", "", ""])
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    assert streams_of(org["years"][0]) == {"public_subsidies": 100, "private_earned": 600, "financial_other": 300}
    assert rep.years[2019].stream_split == "complete"


def test_rule4_small_remainder_is_tolerated():
    # No 1h: 2g 995, 12A 1000: R = 5 = 0.5 % of T <= 1 %: split complete,
    # R reported but not attributed; the library also accepts the gap.
    rows = table(["123456789", "Test Org", "2019", "990", "u", "", "", "", "995", "1000", "", "", "", ""])
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    assert rep.years[2019].stream_split == "complete"
    assert rep.years[2019].unattributed == 5
    assert rep.issues_of("small_unattributed")
    r = assoc.from_dict(org).score().find("revenue.streams.hhi", 2019)
    assert r.value == pytest.approx(1.0)


def test_missing_is_not_zero():
    # Empty cells give absent fields, never zeros.
    rows = table(["123456789", "Test Org", "2019", "990", "u", "", "", "", "", "1000", "", "", "", ""])
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    y = org["years"][0]
    assert "revenue" not in y and "expenses" not in y and "balance" not in y
    assert y["total_revenue"] == 1000
    assert rep.years[2019].stream_split == "incomplete"


def test_text_in_a_number_cell_is_reported_not_zero():
    rows = table(["123456789", "Test Org", "2019", "990", "u", "n/a", "", "", "900", "900", "", "", "", ""])
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    assert streams_of(org["years"][0]) == {"private_earned": 900}
    (issue,) = rep.issues_of("not_a_number")
    assert issue.values["text"] == "n/a"


def test_duplicate_policy_error():
    rows = table(["123456789", "A", "2019", "990", "x/201900000000000001_public.xml", "", "", "", "", "1", "", "", "", ""],
                 ["123456789", "A", "2019", "990", "x/201900000000000002_public.xml", "", "", "", "", "2", "", "", "", ""])
    with pytest.raises(SourceDataError):
        irs990.rows_to_dicts(rows, duplicates="error")
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    assert org["years"][0]["total_revenue"] == 2  # the larger object id


def test_name_variants_use_the_caseless_key():
    h = HEADER
    rows = table(["123456789", "HOLYOKE VISITiNG NURSE ASSOCIATION INC", "2018", "990", "u", "", "", "", "", "1",
                  "", "", "", ""],
                 ["123456789", "Holyoke Visiting Nurse Association Inc", "2019", "990", "u", "", "", "", "", "1",
                  "", "", "", ""], header=h)
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    assert org["name"] == "Holyoke Visiting Nurse Association Inc"  # the latest year's
    assert not rep.issues_of("name_changed")
    rows[1]["ORG_NAME_L1"] = "Holyoke Home Care"
    org, rep = next(iter(irs990.rows_to_dicts(rows)))
    assert rep.issues_of("name_changed")


def test_panel_region_and_years(panel):
    org = panel.organisation("042104310")
    assert org["territory"] == {"country": "US", "region": "US-MA"}
    assert [y["year"] for y in org["years"]] == list(range(2009, 2021))
    # Line 2 of the name continues line 1: "THE DOUG FLUTIE JR FOUNDATION FOR" + "AUTISM INC".
    assert panel.organisation("043543134")["name"].upper() == "THE DOUG FLUTIE JR FOUNDATION FOR AUTISM INC"

"""The 10-organisation Form 990 panel (2009-2020): growth and volatility per organisation.

Revenue per year is the return's total revenue (line 12A, or Part I line 12
for the 990-EZ filer), copied below from panel10_2009_2020.csv. Growth is
the compound annual rate between the first and the last year with a
revenue, n = last year - first year (calendar years, gaps included):
(R_last / R_first) ** (1 / n) - 1. Volatility is the coefficient of
variation with the population standard deviation (ddof = 0) over every
year given.
"""
import math

import pytest

from assoc.importers import irs990

PANEL = "us-irs990/panel10_2009_2020.csv"

REVENUE = {
    "050258941": {2010: 3665353, 2011: 3967545, 2012: 4475668, 2013: 4161837, 2014: 4960860, 2015: 4675061,
                  2016: 4740240, 2017: 4660156, 2018: 4924720, 2019: 4706475, 2020: 4708565},
    "043543134": {2010: 591613, 2011: 769170, 2012: 955406, 2013: 1224653, 2014: 986242, 2015: 1719051,
                  2016: 1036563, 2017: 1370864, 2018: 1298620, 2019: 1382403, 2020: 1352811},
    "042596491": {2010: 752746, 2011: 568633, 2012: 789979, 2013: 901735, 2014: 1011281, 2015: 1090662,
                  2016: 789027, 2017: 846816, 2018: 1060232, 2019: 1090043, 2020: 886811},
    "060840436": {2009: 13201152, 2010: 14160401, 2011: 14705947, 2012: 14928064, 2013: 15694321,
                  2014: 17576578, 2015: 17202510, 2016: 17727742, 2017: 17776183, 2018: 19359705,
                  2019: 20925101, 2020: 22530735},
    # Cape Cod Academy: no return for 2010.
    "042592472": {2009: 8013499, 2011: 8123553, 2012: 8567970, 2013: 8227171, 2014: 7610473, 2015: 6987606,
                  2016: 6752346, 2017: 7121816, 2018: 8210596, 2019: 7418980, 2020: 10612014},
    # Middlebury College: no return for 2017 and 2018.
    "030179298": {2009: 228230600, 2010: 277494000, 2011: 292358302, 2012: 311742702, 2013: 325407608,
                  2014: 374553703, 2015: 375173036, 2016: 348351857, 2019: 400272194, 2020: 387918222},
    "042104310": {2009: 7743872, 2010: 7147781, 2011: 6874094, 2012: 5742362, 2013: 5874839, 2014: 5999447,
                  2015: 6436091, 2016: 6742249, 2017: 6353195, 2018: 6656456, 2019: 6636849, 2020: 6659717},
    # Resolve (990-EZ filer: total revenue from Part I).
    "043266589": {2011: 115221, 2012: 164833, 2013: 165399, 2014: 180598, 2015: 195520, 2016: 170935,
                  2017: 180478, 2018: 177032, 2019: 193277, 2020: 184941},
    "042259692": {2010: 695375, 2011: 652772, 2012: 623038, 2013: 601211, 2014: 956108, 2015: 639798,
                  2016: 710473, 2017: 661096, 2018: 696806, 2019: 487041, 2020: 562817},
    "020240383": {2013: 561920, 2014: 594183, 2015: 585530, 2016: 678381, 2017: 680790, 2018: 766003,
                  2019: 581175, 2020: 775213},
}


def cagr(rev):
    first, last = min(rev), max(rev)
    return (rev[last] / rev[first]) ** (1.0 / (last - first)) - 1


def cv(rev):
    v = list(rev.values())
    mean = sum(v) / len(v)
    return math.sqrt(sum((x - mean) ** 2 for x in v) / len(v)) / mean


@pytest.fixture(scope="module")
def panel():
    from conftest import SHARED
    p = SHARED / "data" / PANEL
    if not p.is_file():
        pytest.skip(f"skipped: {p} is absent")
    return irs990.load(p)


def test_panel_has_ten_organisations(panel):
    assert len(panel) == 10
    assert sum(len(o.years) for o in panel.organisations) == 107
    assert sorted(r.id for r in panel.reports) == sorted(REVENUE)


@pytest.mark.parametrize("ein", sorted(REVENUE))
def test_growth_and_volatility(panel, ein):
    org = panel.organisation(ein)
    rep = org.score()
    rev = REVENUE[ein]
    for year, value in rev.items():
        assert rep.find("revenue.total", year).value == value
    assert rep.find("trend.revenue_growth").value == pytest.approx(cagr(rev), rel=1e-12)
    assert rep.find("trend.revenue_volatility").value == pytest.approx(cv(rev), rel=1e-12)


def test_growth_by_hand_example():
    # Benhaven (060840436): 13201152 in 2009, 22530735 in 2020, n = 11:
    # (22530735 / 13201152) ** (1/11) - 1 = 1.7067249 ** 0.0909091 - 1 = 0.0497981 (5.0 % a year).
    assert cagr(REVENUE["060840436"]) == pytest.approx(0.0497981, abs=1e-7)

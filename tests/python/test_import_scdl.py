"""SCDL "subventions" importer on the real Pays de la Loire file.

Expected values are read from the file's records (cited by the line of the
file where each starts, the header being line 1; a few records span several
lines; the cells are copied in the comments). Funder-level HHI =
sum over funders of (funder's subsidies / all subsidies of the year)^2.
The file tells only the subsidies of its publishers, so every year says
revenue_complete false: shares of the whole revenue are not computable,
while the funder level is computed over the recorded subsidies.
"""
import io

import pytest

import assoc
from assoc.importers import LayoutError, SourceDataError, scdl

FILE = "fr-subventions/subventions_pays_de_la_loire.csv"


@pytest.fixture(scope="module")
def subsidies():
    from conftest import SHARED
    p = SHARED / "data" / FILE
    if not p.is_file():
        pytest.skip(f"skipped: {p} is absent")
    return scdl.read(p)


def year_of(org, y):
    return next(x for x in org["years"] if x["year"] == y)


def by_funder(year):
    out = {}
    for line in year["revenue"]:
        k = line["funder"]["id"]["value"]
        out[k] = out.get(k, 0) + line["amount"]
    return out


HHI_CASES = [
    # SNSM (SIREN 775665029), 2018: line 2053 Loire-Atlantique (SIRET
    # 22440002800011 -> SIREN 224400028) 30000.0; lines 18869, 18870, 18925
    # Vendée (22850001300658 -> 228500013) 32000.00 + 25000.00 + 325000.00.
    ("775665029", 2018, {"224400028": 30000, "228500013": 32000 + 25000 + 325000}),
    # FRAC des Pays de la Loire (352394944), 2018: line 11427 Loire-Atlantique
    # 45000.0; line 18215 Maine-et-Loire (22490001900015) 50000.0.
    ("352394944", 2018, {"224400028": 45000, "224900019": 50000}),
    # Retravailler dans l'Ouest (377610902), 2017: line 18123 Loire-Atlantique
    # 29628.0; line 18270 Mayenne (22530001100015) 281220.22.
    ("377610902", 2017, {"224400028": 29628, "225300011": 281220.22}),
    # Sauvegarde Mayenne Sarthe (523787604), 2018: line 18176 Maine-et-Loire
    # 35000.0; line 18433 Mayenne 150000.
    ("523787604", 2018, {"224900019": 35000, "225300011": 150000}),
    # SNSM, 2012: lines 734, 11141, 14237, all Loire-Atlantique: 30000.0 +
    # 80500.0 + 9830.0; one funder: HHI = 1.
    ("775665029", 2012, {"224400028": 30000 + 80500 + 9830}),
]


@pytest.mark.parametrize("siren,year,funders", HHI_CASES, ids=[f"{c[0]}-{c[1]}" for c in HHI_CASES])
def test_funder_hhi_by_hand(subsidies, siren, year, funders):
    org = subsidies.organisation(siren)
    y = year_of(org, year)
    assert by_funder(y) == pytest.approx(funders)
    total = sum(funders.values())
    expected = sum((v / total) ** 2 for v in funders.values())
    report = assoc.from_dict(org).score()
    r = report.find("revenue.funders.hhi", year)
    assert r.status == "ok"
    assert r.value == pytest.approx(expected, rel=1e-12)
    assert f"covers only the {len(y['revenue'])} recorded revenue line" in r.explanation
    # Every line is a public subsidy of a département.
    assert {l["category"] for l in y["revenue"]} == {"subsidy_departement"}
    assert "total_revenue" not in y
    assert y["revenue_complete"] is False
    assert subsidies.report_for(siren).years[year].stream_split == "partial_source"
    # Subsidies are only part of the revenue: the stream shares (which would
    # say public_share = 1) and the total are not computable, and say why.
    for m in ("revenue.streams.hhi", "revenue.streams.dependence", "revenue.streams.shares",
              "revenue.categories.hhi", "revenue.public_share", "revenue.activity_share", "revenue.total"):
        s = report.find(m, year)
        assert (s.status, s.value) == ("not_computable", None), m
        assert f"the revenue lines of {year} are only part of the revenue (revenue_complete is false)" in s.reason
    # The library still sees every recorded subsidy.
    assert report.find("revenue.total", year).inputs["sum_of_lines"] == pytest.approx(total)


def test_whole_file(subsidies):
    # 18,719 rows: 109 without a usable beneficiary id (98 NA, 4 empty, 7
    # malformed), 30 without an amount and 21 without a date among the rest
    # are skipped and listed; the others make 4,327 organisations.
    kinds = [p.kind for p in subsidies.problems]
    assert kinds.count("beneficiary_id_invalid") == 109
    assert kinds.count("amount_missing") == 30
    assert kinds.count("date_missing") == 21
    assert len(subsidies) == 4327
    for org in subsidies.organisations[:200]:
        assoc.from_dict(org)


def test_funders_territory(subsidies):
    # Line 18869: "Conseil Départemental de la Vendée", SIRET 22850001300658:
    # SIREN 228500013 = 22 (département) + 85 -> Vendée, région 52.
    f = year_of(subsidies.organisation("775665029"), 2018)["revenue"][-1]["funder"]
    assert f == {"id": {"scheme": "siren", "value": "228500013"}, "name": "Conseil Départemental de la Vendée",
                 "kind": "public_authority", "public_level": "departement",
                 "territory": {"country": "FR", "region": "52", "departement": "85"}}
    # Line 18784: "Conseil dépatemental de la Sarthe" (sic), id 227200029 (a
    # SIREN already): 22 + 72; the name, despite the typo, names the Sarthe.
    y = year_of(subsidies.organisation("392956082"), 2018)
    (line,) = y["revenue"]
    assert line["funder"]["territory"] == {"country": "FR", "region": "52", "departement": "72"}
    # pourcentageSubvention is NA: the whole montant 582500 is taken, and said.
    assert line["amount"] == 582500
    assert subsidies.report_for("392956082").issues_of("share_missing")


def test_share_read_as_percentage(subsidies):
    # Line 18268: montant 821500, pourcentageSubvention 97.38 (above 1): read as
    # 97.38 % -> 821500 * 0.9738 = 799976.7 (the objet says 800 000 EUR).
    y = year_of(subsidies.organisation("306988000"), 2017)
    assert y["revenue"][0]["amount"] == pytest.approx(821500 * 0.9738)
    assert subsidies.report_for("306988000").issues_of("share_percent")


def test_in_kind_part_reported(subsidies):
    # Line 3939: "aide en numéraire;aide en nature", montant 42750.0: a cash
    # line of 42750 and a report note for the in-kind part.
    y = year_of(subsidies.organisation("377610902"), 2010)
    assert [l["amount"] for l in y["revenue"]] == [42750]
    notes = subsidies.report_for("377610902").issues_of("in_kind_not_imported")
    assert any(i.values["line"] == 3939 for i in notes)


def test_invalid_ids_are_not_guessed(subsidies):
    # Line 18166: idBeneficiaire "7,86E+13" (a spreadsheet mangled the SIRET).
    p = [p for p in subsidies.problems if p.values.get("line") == 18166]
    assert p and p[0].kind == "beneficiary_id_invalid"


def test_luhn_failure_reported(subsidies):
    # Mayenne's 2019 rows carry SIRET 22530000000000: SIREN 225300000 fails
    # the Luhn check (224400028, 225300011... pass): kept as published, reported.
    assert scdl.luhn_valid("225300011") and not scdl.luhn_valid("225300000")
    rep = subsidies.report_for("533303491")
    assert rep.issues_of("funder_siren_checksum")


# ---- funders resolved from names and SIRENs ---------------------------------------------------

@pytest.fixture(scope="module")
def resolver():
    from assoc.importers.scdl import _FunderResolver
    from assoc.importers import load_mapping
    return _FunderResolver(load_mapping(None, scdl.DEFAULT_MAPPING))


@pytest.mark.parametrize("name,ident,level,territory,category", [
    ("Département de Loire-Atlantique", "22440002800011", "departement",
     {"country": "FR", "region": "52", "departement": "44"}, "subsidy_departement"),
    # Name only: "Haute-Loire" (43), not "Loire" (42) inside it.
    ("Conseil départemental de la Haute-Loire", None, "departement",
     {"country": "FR", "region": "84", "departement": "43"}, "subsidy_departement"),
    ("Conseil général de la Côte-d'Or", None, "departement",
     {"country": "FR", "region": "27", "departement": "21"}, "subsidy_departement"),
    # Région Pays de la Loire: 23 + 44 (its seat's département) -> région 52.
    ("Région Pays de la Loire", "23440003400026", "region", {"country": "FR", "region": "52"}, "subsidy_region"),
    # Nantes: 21 + 44 + commune number 0109.
    ("Ville de Nantes", "21440109300015", "commune",
     {"country": "FR", "region": "52", "departement": "44"}, "subsidy_commune"),
    ("Fondation Exemple", "77566502900184", None, {"country": "FR"}, "subsidy_other_public"),
])
def test_resolve_funder(resolver, name, ident, level, territory, category):
    funder, cat, _ = scdl.resolve_funder(name, ident, resolver)
    assert funder.get("public_level") == level
    assert funder["territory"] == territory
    assert cat == category


def test_resolve_funder_mismatch_reported(resolver):
    funder, _, notes = scdl.resolve_funder("Département de la Vendée", "22440002800011", resolver)
    assert funder["territory"]["departement"] == "44"  # the SIREN is kept
    assert "funder_departement_mismatch" in [n[0] for n in notes]


# ---- layout and dates ----------------------------------------------------------------------------

HEADER = "nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature;pourcentageSubvention\n"


def read_text(text, **kw):
    return scdl.read(io.StringIO(HEADER + text), **kw)


def test_dates_and_slash_convention():
    res = read_text("Département de la Sarthe;22720002900011;04/10/2018;Club;123456782;Sport;100;aide en numéraire;1\n"
                    "Département de la Sarthe;22720002900011;2019-01-31;Club;123456782;Sport;50.5;aide en numéraire;0.5\n")
    org = res.organisation("123456782")
    assert [(y["year"], [l["amount"] for l in y["revenue"]]) for y in org["years"]] == [(2018, [100]), (2019, [25.25])]
    with pytest.raises(SourceDataError) as e:
        read_text("D;22720002900011;2018/10/04;Club;123456782;Sport;100;aide en numéraire;1\n")
    assert "2018/10/04" in e.value.message and "line 2" in e.value.path
    res = read_text("D;22720002900011;2018/10/04;Club;123456782;Sport;100;aide en numéraire;1\n", on_error="skip")
    assert len(res) == 0 and res.problems[0].kind == "date_unreadable"


def test_layout_error_lists_columns():
    with pytest.raises(LayoutError) as e:
        scdl.read(io.StringIO("nom;montant\nX;1\n"))
    assert ["idBeneficiaire"] in e.value.missing and ["dateConvention"] in e.value.missing
    assert isinstance(e.value, assoc.Error)

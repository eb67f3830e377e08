"""The importers' shared engine: mapping files, cells, dates, reports."""
import io
import json
import os

import pytest

import assoc
from assoc.importers import LayoutError, SourceDataError, list_mappings, load_mapping, mapping_dir
from assoc.importers.dates import months_between, parse_date
from assoc.importers.mapping import Mapping, parse_number, read_table


def test_mapping_files_are_versioned():
    names = list_mappings()
    assert names == ["360giving-1.3", "irs990-nccs-efile-2009", "scdl-subventions-2018"]
    for name in names:
        m = load_mapping(name)
        # layout and vintage are in the file name and inside the file
        assert name == f"{m.layout}-{m.vintage}"
        assert m["format"] == "libassoc-mapping/1"
        assert m["required"] and all(r["any_of"] for r in m["required"])


def test_mapping_by_path_and_errors(tmp_path):
    p = tmp_path / "mine.json"
    with open(os.path.join(mapping_dir(), "irs990-nccs-efile-2009.json"), encoding="utf-8") as f:
        data = json.load(f)
    data["vintage"] = "test"
    p.write_text(json.dumps(data), encoding="utf-8")
    m = load_mapping(str(p))
    assert m.name == "mine" and m.vintage == "test"
    with pytest.raises(ValueError):
        load_mapping("no-such-mapping")
    with pytest.raises(ValueError):
        Mapping({"format": "other"})


def test_layout_error_is_an_assoc_error():
    m = load_mapping("scdl-subventions-2018")
    with pytest.raises(LayoutError) as e:
        m.check_columns(["nomAttribuant", "montant"])
    assert isinstance(e.value, assoc.Error)
    assert e.value.code == "ELAYOUT"
    assert e.value.missing == [["idAttribuant"], ["dateConvention"], ["nomBeneficiaire"], ["idBeneficiaire"]]
    assert "idAttribuant; dateConvention; nomBeneficiaire; idBeneficiaire" in e.value.message


@pytest.mark.parametrize("text,value", [("1234", 1234.0), ("-5", -5.0), ("250.0", 250.0), ("1e3", 1000.0),
                                        (" 7 ", 7.0), (12, 12.0)])
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,5", "1 000", "12abc", "", "nan", "inf", True])
def test_numbers_refused(text):
    assert parse_number(text) is None


def test_missing_cells():
    m = load_mapping("irs990-nccs-efile-2009")
    for v in ("", "NA", " ", None, float("nan")):
        assert m.is_missing(v)
    assert not m.is_missing("0")


@pytest.mark.parametrize("text,slash,expected", [
    ("2015-06-10", None, ("2015-06-10", "iso")),
    ("2015-06-10T00:00:00+00:00", None, ("2015-06-10", "iso")),
    ("2015-06-10T23:30:00Z", None, ("2015-06-10", "iso")),   # the date as written, no zone shift
    ("10/06/2015", "DD/MM/YYYY", ("2015-06-10", "DD/MM/YYYY")),
    ("6/10/2015", "MM/DD/YYYY", ("2015-06-10", "MM/DD/YYYY")),
    ("29/02/2016", "DD/MM/YYYY", ("2016-02-29", "DD/MM/YYYY")),
])
def test_dates(text, slash, expected):
    assert parse_date(text, slash) == expected


def test_partial_dates_only_when_allowed():
    assert parse_date("2014", allow_partial=True) == ("2014", "year")
    assert parse_date("2014-03", allow_partial=True) == ("2014-03", "month")
    with pytest.raises(SourceDataError):
        parse_date("2014")


@pytest.mark.parametrize("text,slash", [("10/06/2015", None), ("29/02/2015", "DD/MM/YYYY"),
                                        ("10-06-2015", "DD/MM/YYYY"), ("10/06/15", "DD/MM/YYYY"),
                                        ("2015-13-01", None), ("", None)])
def test_dates_refused(text, slash):
    with pytest.raises(SourceDataError) as e:
        parse_date(text, slash, path="/x")
    assert e.value.path == "/x"


def test_months_between_counts_the_end_day():
    assert months_between("2015-07-01", "2016-06-30") == 12
    assert months_between("2015-11-03", "2017-11-02") == 24
    assert months_between("2011-10-01", "2014-02-28") == 29


def test_match_key_is_the_library_s():
    from assoc.importers import match_key
    from assoc.importers.mapping import _python_match_key
    for name in ("HOLYOKE VISITiNG NURSE ASSOCIATION INC", "Département de Loire-Atlantique", "Théâtre  Régional"):
        assert match_key(name) == assoc.text_match_key(name)
    assert _python_match_key("HOLYOKE VISITiNG NURSE") == _python_match_key("Holyoke Visiting Nurse")


def test_rows_know_their_line():
    # The second record spans lines 3-4: the third starts on line 5.
    text = 'a;b\n1;"x"\n2;"y\nz"\n3;"w"\n'
    columns, rows = read_table(io.StringIO(text), ";")
    assert columns == ["a", "b"]
    assert [(r["a"], r.line) for r in rows] == [("1", 2), ("2", 3), ("3", 5)]


def test_detect_layouts(shared, tmp_path):
    from assoc.importers import detect
    assert detect(shared / "us-irs990" / "part010810_2009.csv") == "irs990"
    assert detect(shared / "us-irs990" / "panel10_2009_2020.csv") == "irs990"
    assert detect(shared / "fr-subventions" / "subventions_pays_de_la_loire.csv") == "scdl"
    assert detect(shared / "uk-360giving" / "lloyds_bank_foundation_grants.json") == "360giving"
    other = tmp_path / "other.csv"
    other.write_text("org_ein,tax_year,org_name_l1,f9_01_rev_tot_cy\n1,2019,X,5\n", encoding="utf-8")
    assert detect(other) == "irs990"  # header case restored
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(LayoutError):
        detect(other)

"""Bad input through the Python binding: every failure is an assoc.Error
subclass with a message and the JSON path of the offending value; nothing
crashes and no error comes back as a code."""
import decimal
import pickle

import pytest

import assoc
from conftest import minimal


def bad(**changes):
    """minimal() with year 0's second revenue line changed."""
    d = minimal()
    d["years"][0]["revenue"][1].update(changes)
    return d


def test_hierarchy():
    assert issubclass(assoc.ParseError, assoc.Error) and issubclass(assoc.ParseError, ValueError)
    assert issubclass(assoc.LabelError, assoc.ValidationError)
    assert issubclass(assoc.FieldTypeError, TypeError)
    assert issubclass(assoc.FieldNotFoundError, AttributeError)
    assert issubclass(assoc.FileError, OSError)
    assert issubclass(assoc.NotFoundError, LookupError)


def test_invalid_json_has_line_and_column():
    text = '{\n "format": "libassoc/1",\n "organisation": {,}\n}'
    with pytest.raises(assoc.ParseError) as e:
        assoc.loads(text)
    # The stray comma is on line 3; the parser stops at column 20 (the byte after "{,").
    assert (e.value.code, e.value.number, e.value.line) == ("EPARSE", -5, 3)
    assert e.value.column > 0
    assert "line 3" in str(e.value)


def test_invalid_utf8():
    doc = b'{"format":"libassoc/1","organisation":{"name":"\xff"}}'
    with pytest.raises(assoc.ParseError) as e:
        assoc.loads(doc)
    assert e.value.code == "EUTF8"
    org = assoc.from_dict(minimal())
    with pytest.raises(assoc.ParseError) as e:
        org.name = "bad \udcff surrogate"
    assert e.value.code == "EUTF8" and e.value.path == "/name"
    with pytest.raises(assoc.ParseError) as e:
        assoc.from_dict(minimal(name="\ud800"))
    assert e.value.path == "/name"


def test_unknown_label_lists_the_valid_ones():
    with pytest.raises(assoc.LabelError) as e:
        assoc.from_dict(bad(category="subsidy_moon"))
    assert e.value.path == "/years/0/revenue/1/category"
    assert "subsidy_commune" in e.value.message


def test_wrong_json_types():
    with pytest.raises(assoc.FieldTypeError) as e:
        assoc.from_dict(bad(amount="7000"))
    assert e.value.code == "ETYPE" and e.value.path == "/years/0/revenue/1/amount"


@pytest.mark.parametrize("value,cls", [
    ({1, 2}, assoc.FieldTypeError),
    (decimal.Decimal("1.5"), assoc.FieldTypeError),
    (object(), assoc.FieldTypeError),
    (float("nan"), assoc.ValidationError),
    (float("inf"), assoc.ValidationError),
])
def test_python_values_json_cannot_hold(value, cls):
    with pytest.raises(cls) as e:
        assoc.from_dict(bad(amount=value))
    assert e.value.path == "/years/0/revenue/1/amount"


def test_non_string_keys():
    d = minimal()
    d["years"][0][3] = 1
    with pytest.raises(assoc.FieldTypeError) as e:
        assoc.from_dict(d)
    assert e.value.path == "/years/0"


def test_out_of_domain_and_cross_field():
    with pytest.raises(assoc.ValidationError) as e:
        assoc.from_dict({"format": "libassoc/1", "organisation": minimal(scope="galactic")})
    assert e.value.path == "/scope"
    with pytest.raises(assoc.VersionError):
        assoc.from_dict({"format": "libassoc/9", "organisation": minimal()})
    alliance = {"id": "a", "family": "mecenat", "partners": [{"id": "p", "kind": "company"}],
                "contributions": [{"party": "q", "kind": "money", "value": 5}]}
    with pytest.raises(assoc.ReferenceError) as e:
        assoc.from_dict(minimal(alliances=[alliance]))
    assert e.value.path == "/alliances/0/contributions/0/party"
    with pytest.raises(assoc.ValidationError) as e:
        assoc.loads('{"format": "libassoc/1", "organisation": {}}')
    assert e.value.code == "EMISSING"


@pytest.mark.parametrize("path,value", [
    ("/years/0/balance/cash", "1500"),
    ("/years/0/balance/cash", True),
    ("/years/0/balance/cash", [1]),
    ("/name", 5),
    ("/name", b"bytes"),
    ("/priority_areas/qpv", 1),
    ("/years/0/expenses", 5),
    ("/years", {"year": 2023}),
])
def test_setters_refuse_wrong_python_types(path, value):
    org = assoc.from_dict(minimal())
    before = org.to_dict()
    with pytest.raises(assoc.FieldTypeError) as e:
        org.set(path, value)
    assert e.value.path == path
    assert org.to_dict() == before


def test_setters_check_domains():
    org = assoc.from_dict(minimal())
    with pytest.raises(assoc.ValidationError) as e:
        org.years[0].expenses.total = -5
    assert e.value.code == "EVALUE" and e.value.path == "/years/0/expenses/total"
    with pytest.raises(assoc.ValidationError) as e:
        org.years[0].currency = "EURO"
    assert e.value.code == "ECURRENCY"
    with pytest.raises(assoc.LabelError):
        org.scope = "everywhere"
    assert org.years[0].expenses.total == 9000


def test_missing_files_and_bad_arguments(tmp_path):
    with pytest.raises(assoc.FileError) as e:
        assoc.load(tmp_path / "absent.json")
    assert isinstance(e.value, OSError) and e.value.code == "EIO"
    with pytest.raises(assoc.FileError):
        list(assoc.read_jsonl(tmp_path / "absent.jsonl"))
    with pytest.raises(assoc.FieldTypeError):
        assoc.load(5)
    with pytest.raises(assoc.FieldTypeError):
        assoc.loads(5)
    with pytest.raises(assoc.FieldTypeError):
        assoc.from_dict([1, 2])
    org = assoc.from_dict(minimal())
    with pytest.raises(assoc.FieldTypeError):
        org.score(profile=5)
    with pytest.raises(TypeError):
        org.years["0"]
    # The low-level module checks its argument types too (SWIG): TypeError, not a crash.
    with pytest.raises(TypeError):
        org._c.set_number("/years/0/balance/cash", "x")
    with pytest.raises(assoc.InvalidArgumentError):
        org._c.get_number(None)


def test_errors_print_and_pickle():
    with pytest.raises(assoc.LabelError) as e:
        assoc.from_dict(bad(category="x"))
    err = e.value
    assert str(err).startswith("ELABEL at /years/0/revenue/1/category: ")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is assoc.LabelError
    assert (again.message, again.path, again.code, again.number) == (err.message, err.path, "ELABEL", -9)


def test_library_state_survives_errors():
    # A failure leaves nothing half-done: the next call works.
    for _ in range(3):
        with pytest.raises(assoc.Error):
            assoc.loads("{")
    assert assoc.from_dict(minimal()).name == "Les Amis du Quartier"

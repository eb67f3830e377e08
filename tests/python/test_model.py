"""Loading, reading, editing and saving organisations from Python.

Expected values are read by hand in examples/data/silver-connect.json.
"""
import copy
import io
import json
import pickle

import pytest

import assoc
from conftest import minimal


# ---- loading from every kind of source ------------------------------------

def test_load_path_str_and_pathlike(data):
    a = assoc.load(str(data / "silver-connect.json"))
    b = assoc.load(data / "silver-connect.json")
    assert a.to_dict() == b.to_dict()
    assert a.name == "Silver Connect Poitou"


def test_load_open_files_text_and_binary(data):
    with open(data / "silver-connect.json", encoding="utf-8") as f:
        a = assoc.load(f)
    with open(data / "silver-connect.json", "rb") as f:
        b = assoc.load(f)
    assert a.to_dict() == b.to_dict()


def test_loads_str_and_bytes(data):
    text = (data / "uk-charity.json").read_text(encoding="utf-8")
    assert assoc.loads(text).to_dict() == assoc.loads(text.encode("utf-8")).to_dict()


def test_from_dict_wrapped_and_bare():
    bare = minimal()
    a = assoc.from_dict(bare)
    b = assoc.from_dict({"format": "libassoc/1", "organisation": bare})
    assert a.to_dict() == b.to_dict()
    assert a.name == "Les Amis du Quartier"


def test_load_collection(data):
    orgs = assoc.load_collection(data / "collection.json")
    doc = json.loads((data / "collection.json").read_text(encoding="utf-8"))
    assert [o.name for o in orgs] == [o["name"] for o in doc["organisations"]]
    again = assoc.loads_collection(assoc.collection_to_json(orgs))
    assert [o.to_dict() for o in again] == [o.to_dict() for o in orgs]


def test_collection_refuses_duplicate_ids(silver):
    with pytest.raises(assoc.DuplicateError):
        assoc.collection_to_json([silver, silver.copy()])


# ---- reading every field back ---------------------------------------------

def test_read_fields(silver):
    # silver-connect.json, organisation and year 2022.
    assert silver.id.scheme == "siren" and silver.id.value == "912345672"
    assert silver.territory.departement == "86"
    assert silver.scope == "departemental"
    assert silver.priority_areas.qpv is True and silver.priority_areas.frr is False
    assert silver.priority_areas.digital_fragility == 6
    y = silver.years[0]
    assert y.year == 2022 and y.currency == "EUR"
    assert len(y.revenue) == 6
    assert y.revenue[0].category == "subsidy_departement"
    assert y.revenue[0].amount == 35000
    assert y.revenue[0].funder.public_level == "departement"
    assert y.revenue[1].restricted is True
    assert y.expenses.depreciation == 4000
    assert y.balance.net_fixed_assets == 12000
    assert y.people.civic_service.missions[0].weekly_hours == 24
    assert y.in_kind[0].kind == "volunteering"
    a = silver.alliances[0]
    assert a.family == "innovation_societale"
    assert a.partners[1].public_level == "commune"
    assert a.contributions[2].party == "ncp" and a.contributions[2].value == 20000
    assert a.practices.shared_governance is True


def test_absent_is_none_never_zero(silver):
    y = silver.years[0]
    # No total_revenue is declared in 2022; no skills sponsorship; joint_evaluation unknown.
    assert y.total_revenue is None
    assert y.people.skills_sponsorship.hours is None
    assert silver.alliances[0].practices.joint_evaluation is None
    assert y.revenue[2].funder.name is None


def test_numbers_are_int_when_whole(silver):
    assert isinstance(silver.years[0].year, int)
    # 2023: employees fte 2.5 stays a float.
    assert silver.years[1].people.employees.fte == 2.5


def test_get_by_path_and_item_access(silver):
    assert silver.get("/years/1/balance/cash") == 36000
    assert silver["name"] == silver.name
    assert silver.years[-1].year == 2024
    assert [y.year for y in silver.years] == [2022, 2023, 2024]
    assert [y.year for y in silver.years[1:]] == [2023, 2024]
    assert silver.year(2023).balance.cash == 36000
    with pytest.raises(KeyError):
        silver.year(1999)


def test_node_to_dict_and_dir(silver):
    assert silver.years[0].expenses.to_dict() == {
        "total": 88000, "program": 66000, "admin": 15000, "fundraising": 7000, "depreciation": 4000}
    assert "balance" in dir(silver.years[0])
    assert "cash" in silver.years[0].balance


def test_unknown_field_is_attribute_error(silver):
    with pytest.raises(AttributeError):
        silver.years[0].balance.bank
    with pytest.raises(assoc.FieldNotFoundError) as e:
        silver.years[0].nonsense
    assert e.value.path == "/years/0/nonsense"
    assert not hasattr(silver, "nonsense")
    with pytest.raises(IndexError):
        silver.years[3]


# ---- editing ----------------------------------------------------------------

def test_set_number_string_bool_and_unset(silver):
    y = silver.years[0]
    y.balance.cash = 12345.5
    assert y.balance.cash == 12345.5
    y.balance.cash = None
    assert y.balance.cash is None
    silver.name = "Silver Connect"
    assert silver.name == "Silver Connect"
    silver.alliances[0].practices.joint_evaluation = False
    assert silver.alliances[0].practices.joint_evaluation is False
    del silver.legal_form
    assert silver.legal_form is None


def test_vocabulary_labels_are_normalised(silver):
    # Any accepted label (French, any case, no accents) stores the identifier.
    silver.years[0].revenue[0].category = "MECENAT D'ENTREPRISE"
    assert silver.years[0].revenue[0].category == "corporate_patronage"
    silver.alliances[1].family = "Mécénat"
    assert silver.alliances[1].family == "mecenat"


def test_build_from_python_values():
    org = assoc.Organisation(id={"scheme": "rna", "value": "W751234567"}, name="Les Amis")
    i = org.years.append({"year": 2024, "currency": "EUR"})
    assert i == 0
    org.years[0].revenue.append({"category": "Subvention de la commune", "amount": 5000})
    org.years[0].revenue.extend([{"category": "cotisations", "amount": 1000}])
    org.years[0].expenses = {"total": 5500, "program": 4000}
    org.validate()
    assert org.to_dict()["years"][0]["revenue"][1]["category"] == "membership_dues"
    assert org.years[0].expenses.program == 4000
    # Assigning a dict replaces the object: fields not given become absent.
    org.years[0].expenses = {"total": 6000}
    assert org.years[0].expenses.program is None


def test_append_is_atomic(silver):
    rev = silver.years[0].revenue
    n = len(rev)
    with pytest.raises(assoc.LabelError) as e:
        rev.append({"category": "not a category", "amount": 10})
    assert e.value.path == f"/years/0/revenue/{n}/category"
    assert len(rev) == n
    with pytest.raises(assoc.ValidationError):
        rev.append({"category": "rent", "amount": float("inf")})
    assert len(rev) == n


def test_remove_and_replace_arrays(silver):
    rev = silver.years[0].revenue
    first = rev.pop(0)
    assert first["amount"] == 35000 and len(rev) == 5
    del rev[-1]
    assert len(rev) == 4
    rev.clear()
    assert len(rev) == 0
    silver.years[0].revenue = [{"category": "rent", "amount": 100}]
    assert silver.years[0].revenue.to_list() == [{"category": "rent", "amount": 100}]


def test_validate_reports_cross_field_rules(silver):
    silver.years.append({"year": 2022, "currency": "EUR"})
    with pytest.raises(assoc.DuplicateError) as e:
        silver.validate()
    assert e.value.path == "/years/3/year"


# ---- round trips ------------------------------------------------------------

def test_round_trip_json_and_dict(silver):
    again = assoc.loads(silver.to_json())
    assert again.to_dict() == silver.to_dict()
    assert assoc.from_dict(silver.to_dict()).to_json() == silver.to_json()
    doc = silver.to_dict(document=True)
    assert doc["format"] == assoc.FORMAT_ID
    assert json.loads(silver.to_json(bare=True)) == silver.to_dict()


def test_round_trip_is_exact_for_doubles():
    d = minimal()
    d["years"][0]["revenue"][0]["amount"] = 0.1 + 0.2  # 0.30000000000000004
    org = assoc.from_dict(d)
    assert assoc.loads(org.to_json()).years[0].revenue[0].amount == 0.1 + 0.2


def test_save_and_load(tmp_path, silver):
    p = tmp_path / "org.json"
    silver.save(p)
    assert assoc.load(p).to_dict() == silver.to_dict()
    silver.save(p, pretty=False, bare=True)
    assert "\n" not in p.read_text(encoding="utf-8").strip()
    assert assoc.load(p).to_dict() == silver.to_dict()


def test_copy_and_pickle_are_deep(silver):
    for other in (silver.copy(), copy.copy(silver), copy.deepcopy(silver), pickle.loads(pickle.dumps(silver))):
        assert other.to_dict() == silver.to_dict()
        other.name = "Other"
        assert silver.name == "Silver Connect Poitou"


def test_nodes_keep_the_organisation_alive(data):
    # A node outlives every reference to its organisation: it owns a reference to the C object.
    cash = assoc.load(data / "silver-connect.json").years[0].balance
    import gc
    gc.collect()
    assert cash.cash == 28000


def test_lenient_loading_keeps_warnings():
    d = minimal()
    d["colour"] = "blue"
    with pytest.raises(assoc.ValidationError) as e:
        assoc.from_dict(d)
    assert e.value.code == "EUNKNOWNKEY" and e.value.path == "/colour"
    org = assoc.from_dict(d, lenient=True)
    assert [p for _, p in org.warnings] == ["/colour"]


def test_name_key_and_match_key(silver):
    assert silver.name_key == assoc.text_match_key("SILVER connect poitou")


def test_vocabularies():
    assert "family" in assoc.vocabularies()
    terms = assoc.vocab_terms("stream")
    assert [t[0] for t in terms] == ["dues", "gifts", "private_earned", "public_contracts",
                                     "public_subsidies", "financial_other"]
    assert assoc.vocab_match("family", "Mécénat") == "mecenat"
    assert assoc.vocab_match("family", "MECENAT") == "mecenat"
    assert assoc.category_stream("crowdfunding") == "gifts"
    with pytest.raises(assoc.LabelError) as e:
        assoc.vocab_match("family", "charity")
    assert "mecenat" in e.value.message
    with pytest.raises(assoc.LabelError):
        assoc.vocab_terms("colours")

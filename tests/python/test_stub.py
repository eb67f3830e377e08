"""The .pyi stub and the docstrings: editors complete what exists, help() is useful."""
import ast
import inspect
import json
import pydoc

import assoc
from conftest import SRC

STUB = SRC / "bindings" / "python" / "assoc" / "__init__.pyi"
SCHEMA = SRC / "docs" / "libassoc-1.schema.json"


def stub_classes():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    classes, names = {}, set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
            classes[node.name] = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign)]
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, (ast.AnnAssign, ast.Assign)):
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                names.add(t.id)
    return classes, names


def test_stub_declares_every_public_name():
    _, names = stub_classes()
    missing = [n for n in assoc.__all__ if n not in names]
    assert not missing, f"missing from {STUB.name}: {missing}"


def test_stub_fields_follow_the_schema():
    # Each field class of the stub lists exactly the properties of its schema object.
    classes, _ = stub_classes()
    defs = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    pairs = {"Identifier": "identifier", "Territory": "territory", "Sector": "sector",
             "PriorityAreas": "priority_areas", "Funder": "funder", "RevenueLine": "revenue_line",
             "Expenses": "expenses", "Balance": "balance", "PeopleGroup": "people_group", "Mission": "mission",
             "CivicService": "civic_service", "Sponsor": "sponsor", "SkillsSponsorship": "skills_sponsorship",
             "People": "people", "InKind": "in_kind", "Year": "year", "Partner": "partner",
             "Contribution": "contribution", "Practices": "practices", "Alliance": "alliance",
             "Organisation": "organisation"}
    for cls, d in pairs.items():
        assert classes[cls] == list(defs[d]["properties"]), cls


def test_stub_fields_exist_at_run_time(silver):
    # What the stub promises, attribute access delivers (reading never raises).
    classes, _ = stub_classes()
    for field in classes["Organisation"]:
        getattr(silver, field)
    for field in classes["Year"]:
        getattr(silver.years[0], field)
    for field in classes["Alliance"]:
        getattr(silver.alliances[0], field)


def test_every_public_callable_has_a_docstring():
    for name in assoc.__all__:
        obj = getattr(assoc, name)
        if callable(obj):
            assert inspect.getdoc(obj), name
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and (callable(member) or isinstance(member, property)):
                        assert inspect.getdoc(member), f"{name}.{attr}"


def test_help_is_useful():
    text = pydoc.render_doc(assoc, renderer=pydoc.plaintext)
    for words in ("A first session", "read_jsonl", "not_computable", "JSON Pointer"):
        assert words in text
    # The low-level module's docstrings come from the doc comments of bindings/assoc.i (-doxygen).
    assert "caselessly" in assoc.core.vocab_match.__doc__
    assert "survival months" in assoc.core.Organisation.stress_remove_largest.__doc__

#!/usr/bin/python3
"""Validate the shipped examples against docs/libassoc-1.schema.json.

Every examples/data/*.json document and every line of examples/data/*.jsonl
(a bare organisation object) must be valid; and a set of bad documents must
be rejected, so that a schema accepting everything would fail this check.
Exit status: 0 when all is as expected, 1 otherwise.

Usage: check_examples.py [SOURCE_DIR]   (default: two levels above this file)
"""
import copy
import glob
import json
import os
import sys

import jsonschema

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SCHEMA_PATH = os.path.join(SRC, "docs", "libassoc-1.schema.json")


def validators():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    checker = cls.FORMAT_CHECKER
    document = cls(schema, format_checker=checker)
    # JSON Lines hold bare organisation objects: validate against the definition.
    org_schema = {"$schema": schema["$schema"], "$ref": "#/$defs/organisation", "$defs": schema["$defs"]}
    organisation = cls(org_schema, format_checker=checker)
    return document, organisation


def errors_of(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))


def pointer(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def check_examples(document, organisation):
    failures = 0
    count = 0
    for path in sorted(glob.glob(os.path.join(SRC, "examples", "data", "*.json"))):
        with open(path, encoding="utf-8") as f:
            instance = json.load(f)
        count += 1
        for e in errors_of(document, instance):
            print(f"FAIL {os.path.basename(path)}: {pointer(e)}: {e.message}")
            failures += 1
    for path in sorted(glob.glob(os.path.join(SRC, "examples", "data", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                count += 1
                for e in errors_of(organisation, json.loads(line)):
                    print(f"FAIL {os.path.basename(path)}:{n}: {pointer(e)}: {e.message}")
                    failures += 1
    if count < 5:
        print(f"FAIL only {count} example documents found under {SRC}/examples/data")
        failures += 1
    print(f"{count} example documents checked, {failures} errors")
    return failures


def base():
    return {
        "format": "libassoc/1",
        "organisation": {
            "id": {"scheme": "siren", "value": "912345672"},
            "name": "Asso",
            "territory": {"country": "FR", "region": "75", "departement": "86", "commune": "86194"},
            "years": [{"year": 2023, "currency": "EUR",
                       "revenue": [{"category": "membership_dues", "amount": 100}],
                       "people": {"civic_service": {"missions": [{"months": 6, "weekly_hours": 24}]}}}],
            "alliances": [{"id": "a", "family": "mecenat", "partners": [{"id": "p", "kind": "company"}]}],
        },
    }


def mutate(fn):
    doc = base()
    fn(doc["organisation"])
    return doc


# Each bad document must be rejected; the name says why.
BAD = {
    "format libassoc/2": dict(base(), format="libassoc/2"),
    "unknown key": mutate(lambda o: o.update(colour="blue")),
    "negative expenses": mutate(lambda o: o["years"][0].update(expenses={"total": -1})),
    "département 20": mutate(lambda o: o["territory"].update(departement="20")),
    "région 99": mutate(lambda o: o["territory"].update(region="99")),
    "commune 20004": mutate(lambda o: o["territory"].update(commune="20004")),
    "SIREN of 8 digits": mutate(lambda o: o["id"].update(value="91234567")),
    "unknown category": mutate(lambda o: o["years"][0]["revenue"][0].update(category="grants")),
    "missing amount": mutate(lambda o: o["years"][0]["revenue"][0].pop("amount")),
    "missing name": mutate(lambda o: o.pop("name")),
    "civic mission of 40 h/week":
        mutate(lambda o: o["years"][0]["people"]["civic_service"]["missions"][0].update(weekly_hours=40)),
    "year 2023.5": mutate(lambda o: o["years"][0].update(year=2023.5)),
    "alliance without partners": mutate(lambda o: o["alliances"][0].update(partners=[])),
    "partner named self": mutate(lambda o: o["alliances"][0]["partners"][0].update(id="self")),
    "date 2023/01/01": mutate(lambda o: o["alliances"][0].update(start="2023/01/01")),
    "currency euro": mutate(lambda o: o["years"][0].update(currency="euro")),
    "digital fragility 11": mutate(lambda o: o.update(priority_areas={"digital_fragility": 11})),
}


def check_bad(document):
    failures = 0
    good = base()
    for e in errors_of(document, good):
        print(f"FAIL the base of the bad documents is itself invalid: {pointer(e)}: {e.message}")
        failures += 1
    for name, doc in BAD.items():
        if not errors_of(document, copy.deepcopy(doc)):
            print(f"FAIL bad document accepted: {name}")
            failures += 1
    print(f"{len(BAD)} bad documents checked, {failures} errors")
    return failures


def main():
    document, organisation = validators()
    failures = check_examples(document, organisation) + check_bad(document)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

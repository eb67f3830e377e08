#!/usr/bin/env python3
"""Build an association from Python values, check it, save it, score it.

    python3 examples/python/build_model.py [OUTPUT.json]

SPDX-License-Identifier: CC0-1.0
To the extent possible under law, the libassoc authors have waived all
copyright and related or neighboring rights to this example: copy it freely.
"""
import sys
import tempfile

import assoc


def build():
    org = assoc.Organisation(
        id={"scheme": "rna", "value": "W751234567"},
        name="Les Jardins Partagés du Canal",
        territory={"country": "FR", "region": "11", "departement": "75", "commune": "75119"},
        scope="local",
    )
    org.years.append({"year": 2024, "currency": "EUR"})
    year = org.years[0]
    # Labels are matched caselessly, in French or English; identifiers are stored.
    year.revenue.append({"label": "Cotisations", "category": "Cotisations", "amount": 2400})
    year.revenue.append({"label": "Ville de Paris", "category": "Subvention de la commune", "amount": 6000,
                         "funder": {"name": "Ville de Paris", "kind": "public_authority",
                                    "public_level": "commune"}})
    year.revenue.append({"label": "Vente de plants", "category": "sales_goods", "amount": 1600})
    year.expenses = {"total": 9200, "program": 7600, "admin": 1600}
    year.balance.cash = 3100
    year.people.volunteers = {"headcount": 25, "hours": 1800}
    try:
        year.expenses.total = -1  # refused: expenses cannot be negative
    except assoc.ValidationError as e:
        print(f"refused as expected: {e}")
    org.validate()
    return org


def main(out):
    org = build()
    org.save(out)
    again = assoc.load(out)
    assert again.to_dict() == org.to_dict()
    report = again.score()
    for measure in ("revenue.public_share", "finance.months_of_cash", "hr.fte.volunteers", "score.overall"):
        r = report.find(measure, 2024)
        print(f"{measure:26} {'-' if r.value is None else f'{r.value:.3g}':>8}  {r.explanation}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(f"{tmp}/jardins.json")

#!/usr/bin/env python3
"""Load one association, print its three levers, territory and overall score
with their explanations, then a stress test.

    python3 examples/python/score_one.py [ORGANISATION.json]

SPDX-License-Identifier: CC0-1.0
To the extent possible under law, the libassoc authors have waived all
copyright and related or neighboring rights to this example: copy it freely.
"""
import pathlib
import sys

import assoc

LEVERS = [
    ("score.human_resources", "Lever 1 - human resources"),
    ("score.financing", "Lever 2 - financing"),
    ("score.alliances", "Lever 3 - alliances"),
    ("score.territory", "Territorial anchoring"),
    ("score.overall", "Overall"),
]


def main(path):
    try:
        org = assoc.load(path)
    except assoc.Error as e:  # a message and the JSON path of the offending value
        sys.exit(f"{path}: {e}")
    report = org.score()
    last = max(y.year for y in org.years)
    print(f"{org.name} - {last}")
    for measure, title in LEVERS:
        # Lever 3 is about the organisation's alliances as a whole (year 0).
        r = report.find(measure, last) or report.find(measure)
        shown = "not computable" if r.value is None else f"{r.value:.0f}/100"
        print(f"  {title:24} {shown:>15}  {r.explanation}")
    stress = org.stress_remove_largest(last)
    print(f"  Stress test: {stress.explanation}")


if __name__ == "__main__":
    default = pathlib.Path(__file__).resolve().parents[1] / "data" / "silver-connect.json"
    main(sys.argv[1] if len(sys.argv) > 1 else default)

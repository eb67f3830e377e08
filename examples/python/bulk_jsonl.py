#!/usr/bin/env python3
"""Score every organisation of a JSON Lines file, one at a time, and print a
table; with pandas installed, also the mean of each lever score.

    python3 examples/python/bulk_jsonl.py [ORGANISATIONS.jsonl]

SPDX-License-Identifier: CC0-1.0
To the extent possible under law, the libassoc authors have waived all
copyright and related or neighboring rights to this example: copy it freely.
"""
import pathlib
import sys

import assoc


def report_error(error):
    # A bad line is reported and reading goes on with the next one.
    print(f"line {error.line}: {error}", file=sys.stderr)


def main(path):
    orgs = assoc.read_jsonl(path, on_error=report_error)
    reports = []
    print(f"{'organisation':40} {'year':>4} {'overall':>8} {'cash (months)':>14}")
    for report in assoc.score_many(orgs, values_only=True):
        org = report.organisation
        year = max(y.year for y in org.years)
        overall = report.value("score.overall", year)
        months = report.value("finance.months_of_cash", year)
        print(f"{org.name:40} {year:>4} {'-' if overall is None else f'{overall:.1f}':>8} "
              f"{'-' if months is None else f'{months:.1f}':>14}")
        reports.append(report)
    try:
        df = assoc.to_dataframe(reports)
    except ImportError as e:
        print(f"(no table: {e})")
        return
    levers = df[df["measure"].str.startswith("score.")]
    print(levers.groupby("measure")["value"].mean().round(1).to_string())


if __name__ == "__main__":
    default = pathlib.Path(__file__).resolve().parents[1] / "data" / "organisations.jsonl"
    main(sys.argv[1] if len(sys.argv) > 1 else default)

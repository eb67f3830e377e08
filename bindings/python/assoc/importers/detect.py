"""Which importer reads a file: by name, or by looking at its header.

A CSV file is matched against the required columns of every tabular
mapping (Form 990 ``,``, SCDL ``;``); a JSON file with a ``grants`` array
is 360Giving. When nothing matches, the LayoutError lists, for each
layout, the columns it needed and did not find.
"""

import csv
import json
import os

from . import giving360, irs990, scdl
from .mapping import LayoutError, load_mapping

__all__ = ["IMPORTERS", "detect", "read_any"]

#: name -> module; every module has read(source, ...) and DEFAULT_MAPPING.
IMPORTERS = {
    "irs990": irs990,
    "scdl": scdl,
    "360giving": giving360,
}


def _csv_header(path, delimiter):
    with open(path, newline="", encoding="utf-8-sig") as f:
        try:
            return next(csv.reader(f, delimiter=delimiter))
        except StopIteration:
            return []


def detect(path):
    """The importer name for a file: "irs990", "scdl" or "360giving".
    Raises LayoutError naming what each layout lacked."""
    p = os.fspath(path)
    low = p.lower()
    if low.endswith(".json"):
        with open(p, encoding="utf-8-sig") as f:
            head = f.read(4096)
        if '"grants"' in head or head.lstrip().startswith("["):
            return "360giving"
        try:
            with open(p, encoding="utf-8-sig") as f:
                doc = json.load(f)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and "grants" in doc:
            return "360giving"
        raise LayoutError("360giving-1.3", [["grants"]], list(doc) if isinstance(doc, dict) else [])
    tried = []
    for name in ("irs990", "scdl"):
        mod = IMPORTERS[name]
        m = load_mapping(None, mod.DEFAULT_MAPPING)
        header = _csv_header(p, m.get("delimiter", ","))
        header, _ = m.normalise_header(header, iter(()))
        missing = m.missing_requirements(header)
        if not missing:
            return name
        tried.append((m.name, missing))
    # 360Giving as a spreadsheet export
    header = _csv_header(p, ",")
    g = load_mapping(None, giving360.DEFAULT_MAPPING)
    titles = set(g["spreadsheet_columns"].values())
    if "Identifier" in header and "Amount Awarded" in header and titles & set(header):
        return "360giving"
    best = min(tried, key=lambda t: len(t[1]))
    raise LayoutError(best[0], best[1], header)


def read_any(path, importer=None, **options):
    """Run the importer `importer` (or the detected one) on `path`."""
    name = importer or detect(path)
    if name not in IMPORTERS:
        raise ValueError("unknown importer %r (known: %s)" % (name, ", ".join(sorted(IMPORTERS))))
    return IMPORTERS[name].read(path, **options)

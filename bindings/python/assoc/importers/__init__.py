"""Importers of open data into libassoc organisations.

Each importer reads one source layout, driven by a versioned mapping file
in ``assoc/mappings/`` (the data file is the truth, docs/importers.md
explains it), and returns an :class:`ImportResult`: the organisations (as
"libassoc/1" dicts with ``read``, as :class:`assoc.Organisation` objects
with ``load``), one :class:`OrgReport` per organisation (lines mapped,
lines missing, the filer's inconsistencies, values dropped) and the rows
that could not be imported.

* :mod:`assoc.importers.irs990`  IRS Form 990 / 990-EZ, NCCS e-file tables
* :mod:`assoc.importers.scdl`    French SCDL "subventions" files
* :mod:`assoc.importers.giving360`  360Giving grants (JSON or spreadsheet)

An input whose columns do not match the layout raises :class:`LayoutError`
(a subclass of :class:`assoc.Error`), which lists every column needed and
not found. A value that cannot be read without guessing (an ambiguous
date) raises :class:`SourceDataError`.

>>> from assoc.importers import irs990
>>> result = irs990.read("part010810_2009.csv")      # doctest: +SKIP
>>> org, report = next(iter(result))                 # doctest: +SKIP
"""

from .mapping import (ImportResult, Issue, LayoutError, Mapping, OrgReport, SourceDataError, YearReport,
                      list_mappings, load_mapping, mapping_dir, match_key)
from . import irs990, scdl, giving360  # noqa: E402
from .detect import IMPORTERS, detect, read_any  # noqa: E402

__all__ = [
    "ImportResult", "Issue", "LayoutError", "Mapping", "OrgReport", "SourceDataError", "YearReport",
    "list_mappings", "load_mapping", "mapping_dir", "match_key", "irs990", "scdl", "giving360",
    "IMPORTERS", "detect", "read_any",
]

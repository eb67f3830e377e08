"""The small engine shared by the importers: mapping files, layout checks,
cells, import reports.

A mapping file (``assoc/mappings/<layout>-<vintage>.json``) is the truth
about how a source's columns become libassoc's model; the importers only
read it. This module loads those files, checks that a table has the
columns a layout needs (:class:`LayoutError` otherwise, naming every column
needed and not found), reads cells the way the sources mean them (an empty
cell or ``NA`` is *missing*, never zero) and collects the per-organisation
:class:`OrgReport` and the per-file :class:`ImportResult`.

Nothing here needs the C extension: the importers produce plain dicts in
the "libassoc/1" format, and only :meth:`ImportResult.to_organisations`
hands them to :func:`assoc.from_dict`.
"""

import csv
import json
import math
import os
import re
import unicodedata

__all__ = [
    "Mapping", "LayoutError", "SourceDataError", "Issue", "YearReport",
    "OrgReport", "ImportResult", "load_mapping", "mapping_dir",
    "list_mappings", "match_key", "read_table", "Row", "row_line",
]

MAPPING_FORMAT = "libassoc-mapping/1"


def _error_base():
    """assoc.Error when the bindings are importable, else Exception.

    Importing the package ``assoc`` may fail when the C extension is not
    built (a source checkout): the importers stay usable for dicts.
    """
    try:
        from .. import Error  # noqa: WPS433 (lazy on purpose)
        if isinstance(Error, type) and issubclass(Error, Exception):
            return Error
    except Exception:  # pragma: no cover - depends on the build
        pass
    return Exception


_Base = _error_base()


class _ImportErrorMixin:
    """Fields every assoc.Error carries, set without calling the base
    class's constructor (whose signature belongs to the bindings)."""

    code_name = "EIMPORT"

    def _init(self, message, path=""):
        Exception.__init__(self, message)
        self.message = message
        self.path = path
        self.code = self.code_name
        self.number = -1
        self.line = 0
        self.column = 0

    def __str__(self):
        if self.path:
            return "%s (at %s)" % (self.message, self.path)
        return self.message


class LayoutError(_ImportErrorMixin, _Base):
    """The table does not have the columns of the layout (unknown layout or
    vintage). ``missing`` lists, for each requirement not met, the column
    names any one of which would have met it; ``layout`` names the mapping."""

    code_name = "ELAYOUT"

    def __init__(self, layout, missing, found=None):
        self.layout = layout
        self.missing = [list(m) for m in missing]
        self.found = list(found or [])
        parts = []
        for req in self.missing:
            parts.append(" or ".join(req) if len(req) > 1 else req[0])
        message = ("unknown layout: the mapping %s needs the column%s %s, not found in the input"
                   % (layout, "s" if len(parts) > 1 else "", "; ".join(parts)))
        self._init(message)


class SourceDataError(_ImportErrorMixin, _Base):
    """A value the importer cannot read without guessing (an ambiguous
    date, a text where a number is required...). ``path`` points at it:
    a JSON Pointer into a JSON source, or ``row N, column C`` for tables."""

    code_name = "ESOURCE"

    def __init__(self, message, path=""):
        self._init(message, path)


# ---------------------------------------------------------------------------
# mapping files

def mapping_dir():
    """The folder of the mapping files installed with the package."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "mappings")


def list_mappings():
    """Names (file names without .json) of the installed mapping files."""
    d = mapping_dir()
    return sorted(f[:-5] for f in os.listdir(d) if f.endswith(".json"))


class Mapping:
    """A loaded mapping file: ``data`` is its JSON, ``name`` its file name
    without ``.json``, ``layout`` and ``vintage`` what it says it maps."""

    def __init__(self, data, name=None):
        if data.get("format") != MAPPING_FORMAT:
            raise ValueError("not a libassoc mapping file (format %r, expected %r)"
                             % (data.get("format"), MAPPING_FORMAT))
        self.data = data
        self.layout = data["layout"]
        self.vintage = data["vintage"]
        self.name = name or "%s-%s" % (self.layout, self.vintage)
        self.missing_tokens = frozenset(data.get("missing", [""]))

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        return self.data.get(key, default)

    def __repr__(self):
        return "<Mapping %s (layout %s, vintage %s)>" % (self.name, self.layout, self.vintage)

    # -- layout ------------------------------------------------------------
    def missing_requirements(self, columns):
        """The requirements (lists of alternative columns) that `columns` does not meet."""
        have = set(columns)
        out = []
        for req in self.data.get("required", []):
            alts = req["any_of"]
            if not any(c in have for c in alts):
                out.append(alts)
        return out

    def check_columns(self, columns):
        """Raise LayoutError unless every requirement is met by `columns`."""
        missing = self.missing_requirements(columns)
        if missing:
            raise LayoutError(self.name, missing, columns)

    def known_columns(self):
        """Every column name the mapping mentions (strings found in the file
        that look like column names are enough: the engine only uses them to
        restore the case of a header)."""
        names = set()

        def walk(x, key=None):
            if isinstance(x, dict):
                for k, v in x.items():
                    walk(v, k)
            elif isinstance(x, list):
                for v in x:
                    walk(v, key)
            elif isinstance(x, str) and key in ("column", "any_of", "alternatives", "columns", "total",
                                                  "parts", "assets", "liabilities", "net_assets", None):
                names.add(x)
        walk(self.data.get("required"))
        walk(self.data.get("identity"))
        walk(self.data.get("revenue"))
        walk(self.data.get("fields"))
        walk(self.data.get("checks"))
        cols = self.data.get("columns")
        if isinstance(cols, dict):
            names.update(v for v in cols.values() if isinstance(v, str))
        return names

    def normalise_header(self, columns, rows):
        """(columns, rows) with header names restored to the mapping's case
        when they differ only by case or surrounding spaces (extracts write
        org_ein for ORG_EIN). Rows are re-keyed lazily, only when needed."""
        have = set(columns)
        known = self.known_columns()
        by_key = {}
        for name in known:
            by_key.setdefault(name.strip().casefold(), name)
        rename = {}
        for c in columns:
            if c in known:
                continue
            target = by_key.get(str(c).strip().casefold())
            if target is not None and target != c and target not in have:
                rename[c] = target
        if not rename:
            return list(columns), rows

        def rekey():
            for r in rows:
                out = Row((rename.get(k, k), v) for k, v in r.items())
                out.line = getattr(r, "line", None)
                yield out
        return [rename.get(c, c) for c in columns], rekey()

    # -- cells ---------------------------------------------------------------
    def is_missing(self, value):
        """Empty cell, NA token, None or a float NaN (pandas) is missing."""
        if value is None:
            return True
        if isinstance(value, float):
            return math.isnan(value)
        if isinstance(value, str):
            return value.strip() in self.missing_tokens
        return False

    def text(self, row, column):
        """The stripped text of a cell, or None when missing or absent."""
        v = row.get(column)
        if self.is_missing(v):
            return None
        return str(v).strip()


def load_mapping(mapping, default=None):
    """A Mapping from a Mapping, a dict, a path to a JSON file, or the name
    of an installed mapping file (``irs990-nccs-efile-2009``); None gives
    the installed mapping named `default`."""
    if mapping is None:
        mapping = default
    if isinstance(mapping, Mapping):
        return mapping
    if isinstance(mapping, dict):
        return Mapping(mapping)
    if not isinstance(mapping, (str, os.PathLike)):
        raise TypeError("mapping must be a Mapping, a dict, a path or an installed mapping name")
    path = os.fspath(mapping)
    name = None
    if not os.path.exists(path):
        name = path[:-5] if path.endswith(".json") else path
        path = os.path.join(mapping_dir(), name + ".json")
        if not os.path.exists(path):
            raise ValueError("no mapping file %r (installed: %s)" % (mapping, ", ".join(list_mappings())))
    else:
        name = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        return Mapping(json.load(f), name)


# ---------------------------------------------------------------------------
# numbers and text

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text):
    """A finite float from a decimal text with a point ("1234", "-5",
    "250.0", "1e3"); None if the text is not such a number. Comma decimals
    and thousands separators are refused, not guessed."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        x = float(text)
        return x if math.isfinite(x) else None
    s = str(text).strip()
    if not _NUMBER.match(s):
        return None
    x = float(s)
    return x if math.isfinite(x) else None


def clean_number(x):
    """Integral floats as int (JSON writes 1500 rather than 1500.0)."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 2 ** 53:
        return int(x)
    return x


def _python_match_key(text):
    """Python twin of assoc_text_match_key(): NFKC, case folding, marks
    stripped, white space collapsed (used when the C module is absent)."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = unicodedata.normalize("NFC", s)
    return " ".join(s.split())


def match_key(text):
    """The library's caseless, accent-insensitive key of a name (the C
    function when the bindings expose it, its Python twin otherwise)."""
    global _C_MATCH_KEY
    if _C_MATCH_KEY is None:
        try:
            from .. import text_match_key as c_key  # noqa: WPS433
        except Exception:
            c_key = False
        _C_MATCH_KEY = c_key
    if _C_MATCH_KEY:
        return _C_MATCH_KEY(text)
    return _python_match_key(text)


_C_MATCH_KEY = None


# ---------------------------------------------------------------------------
# tables

class Row(dict):
    """A table row (dict keyed by column) that knows the line of the file
    where it starts (``line``; records may span several lines)."""

    __slots__ = ("line",)


def row_line(row, default):
    """The file line where `row` starts, else `default` (its ordinal)."""
    return getattr(row, "line", None) or default


def _csv_rows(reader, close=None):
    last = reader.line_num
    try:
        for r in reader:
            row = Row(r)
            row.line = last + 1
            last = reader.line_num
            yield row
    finally:
        if close:
            close()


def read_table(source, delimiter=",", encoding="utf-8-sig"):
    """(columns, rows) from a path, a text file object or an iterable of
    dicts (rows of csv.DictReader, pandas ``df.to_dict("records")``...).
    Rows are dicts keyed by column name (from files: :class:`Row` with the
    line where the record starts); reading is lazy for files."""
    if isinstance(source, (str, os.PathLike)):
        f = open(source, newline="", encoding=encoding)
        reader = csv.DictReader(f, delimiter=delimiter)
        columns = list(reader.fieldnames or [])
        return columns, _csv_rows(reader, f.close)
    if hasattr(source, "read"):
        reader = csv.DictReader(source, delimiter=delimiter)
        return list(reader.fieldnames or []), _csv_rows(reader)
    it = iter(source)
    try:
        first = next(it)
    except StopIteration:
        return [], iter(())
    if not isinstance(first, dict):
        raise TypeError("rows must be dicts keyed by column name")

    def chain():
        yield first
        for r in it:
            yield r
    return list(first.keys()), chain()


def source_name(source):
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", "<rows>")


# ---------------------------------------------------------------------------
# reports

class Issue:
    """Something the importer wants the user to know about one organisation
    (or one row of the file).

    kind     stable identifier, e.g. "functional_expenses_mismatch"
    severity "inconsistency" (the filer's figures disagree with each other),
             "dropped" (a value could not enter the model and was left
             missing), "skipped" (a row or record was not imported), or
             "note" (how a value was obtained)
    year     the fiscal year concerned, or None
    message  one English sentence with the numbers
    values   the numbers and names involved
    """

    __slots__ = ("kind", "severity", "year", "message", "values")

    def __init__(self, kind, severity, message, year=None, values=None):
        self.kind = kind
        self.severity = severity
        self.year = year
        self.message = message
        self.values = dict(values or {})

    def to_dict(self):
        d = {"kind": self.kind, "severity": self.severity, "message": self.message}
        if self.year is not None:
            d["year"] = self.year
        if self.values:
            d["values"] = self.values
        return d

    def __repr__(self):
        return "<Issue %s %s: %s>" % (self.severity, self.kind, self.message)


class YearReport:
    """What one year's figures came from.

    mapped       source lines/fields whose value was present (e.g. "1b", "expenses/total")
    missing      source lines/fields of the mapping that were empty or absent
    total_revenue           T as declared (None when absent)
    unattributed            R not attributed to any stream (None when not applicable)
    stream_split "complete", "incomplete" (rule 4: shares not computable),
                 "partial_source" (the source holds only some revenue: SCDL,
                 360Giving) or "unknown" (no total revenue)
    source_ref   where the figures come from (a return's URL, row numbers...)
    """

    __slots__ = ("year", "mapped", "missing", "total_revenue", "unattributed",
                 "stream_split", "source_ref", "streams")

    def __init__(self, year):
        self.year = year
        self.mapped = []
        self.missing = []
        self.total_revenue = None
        self.unattributed = None
        self.stream_split = "unknown"
        self.source_ref = None
        self.streams = {}

    def to_dict(self):
        d = {"year": self.year, "mapped": list(self.mapped), "missing": list(self.missing),
             "stream_split": self.stream_split}
        if self.total_revenue is not None:
            d["total_revenue"] = clean_number(self.total_revenue)
        if self.unattributed is not None:
            d["unattributed"] = clean_number(self.unattributed)
        if self.streams:
            d["streams"] = {k: clean_number(v) for k, v in self.streams.items()}
        if self.source_ref is not None:
            d["source_ref"] = self.source_ref
        return d


class OrgReport:
    """The import report of one organisation: per-year lines mapped and
    missing, the filer's inconsistencies, values dropped, notes."""

    def __init__(self, org_id, name, layout):
        self.id = org_id
        self.name = name
        self.layout = layout
        self.years = {}
        self.issues = []

    def year(self, year):
        if year not in self.years:
            self.years[year] = YearReport(year)
        return self.years[year]

    def add(self, kind, severity, message, year=None, **values):
        self.issues.append(Issue(kind, severity, message, year, values))

    # summaries ---------------------------------------------------------------
    @property
    def lines_mapped(self):
        """Number of source values mapped, over every year."""
        return sum(len(y.mapped) for y in self.years.values())

    @property
    def lines_missing(self):
        """(year, line) pairs of the mapping that were empty or absent."""
        return [(y.year, m) for y in sorted(self.years.values(), key=lambda y: y.year) for m in y.missing]

    @property
    def inconsistencies(self):
        return [i for i in self.issues if i.severity == "inconsistency"]

    @property
    def dropped(self):
        return [i for i in self.issues if i.severity == "dropped"]

    def issues_of(self, kind):
        return [i for i in self.issues if i.kind == kind]

    def to_dict(self):
        return {
            "id": self.id, "name": self.name, "layout": self.layout,
            "lines_mapped": self.lines_mapped,
            "lines_missing": len(self.lines_missing),
            "inconsistencies": len(self.inconsistencies),
            "years": [self.years[y].to_dict() for y in sorted(self.years)],
            "issues": [i.to_dict() for i in self.issues],
        }

    def __repr__(self):
        return ("<OrgReport %s %r: %d years, %d mapped, %d missing, %d inconsistencies>"
                % (self.id, self.name, len(self.years), self.lines_mapped,
                   len(self.lines_missing), len(self.inconsistencies)))


class ImportResult:
    """What an importer returns: organisations (libassoc/1 dicts, or
    assoc.Organisation objects after :meth:`to_organisations`), one
    :class:`OrgReport` per organisation in the same order, and the
    ``problems`` of the file (rows or records not imported, with why)."""

    def __init__(self, mapping, source=None):
        self.mapping = mapping
        self.source = source
        self.organisations = []
        self.reports = []
        self.problems = []

    def __len__(self):
        return len(self.organisations)

    def __iter__(self):
        return iter(zip(self.organisations, self.reports))

    def report_for(self, org_id):
        """The report of the organisation whose identifier value is `org_id`."""
        for r in self.reports:
            if r.id == org_id:
                return r
        raise KeyError(org_id)

    def organisation(self, org_id):
        """The organisation (dict or object) whose identifier value is `org_id`."""
        for o, r in zip(self.organisations, self.reports):
            if r.id == org_id:
                return o
        raise KeyError(org_id)

    def to_organisations(self):
        """Convert the dicts to assoc.Organisation objects (validated by the
        C library) in place; returns self."""
        from .. import from_dict  # noqa: WPS433 (needs the C module)
        self.organisations = [o if not isinstance(o, dict) else from_dict(o) for o in self.organisations]
        return self

    def write_jsonl(self, fp):
        """Write the organisations (dicts) as JSON Lines to a text file object."""
        for o in self.organisations:
            if not isinstance(o, dict):
                o = o.to_dict()
            fp.write(json.dumps(o, ensure_ascii=False, sort_keys=False))
            fp.write("\n")

    def summary(self):
        years = sum(len(r.years) for r in self.reports)
        return {
            "layout": self.mapping.name if self.mapping else None,
            "source": self.source,
            "organisations": len(self.organisations),
            "years": years,
            "lines_mapped": sum(r.lines_mapped for r in self.reports),
            "inconsistencies": sum(len(r.inconsistencies) for r in self.reports),
            "problems": len(self.problems),
        }

    def reports_to_dicts(self):
        return [r.to_dict() for r in self.reports]



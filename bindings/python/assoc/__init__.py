"""libassoc for Python: the socio-economic model of non-profit associations, computable.

An organisation (its years of accounts, people, in-kind contributions,
alliances and territory) is loaded from the JSON format "libassoc/1", edited
with plain attribute access, and scored: every measure comes back with its
value *and* its explanation. A measure whose inputs are missing is
``not_computable``: its value is ``None`` (never 0.0) and ``reason`` says why.

A first session::

    import assoc
    org = assoc.load("examples/data/silver-connect.json")
    org.name                        # 'Silver Connect Poitou'
    org.years[0].balance.cash       # 28000 (None when absent, never 0)
    report = org.score()
    r = report.find("revenue.streams.hhi", year=2023)
    r.value, r.explanation, r.inputs
    report.to_dataframe()           # with pandas installed

Loading: :func:`load` (a path or a file), :func:`loads` (JSON text),
:func:`from_dict`, :func:`read_jsonl` (one organisation at a time),
:func:`load_collection`. Scoring: :meth:`Organisation.score`,
:func:`score_many`, :class:`Profile`. Peers: :class:`Population`,
:func:`benchmark` (percentile ranks, z-scores, group quartiles),
:func:`tuckman_chang`. Errors: every failure raises a subclass
of :class:`Error` carrying ``message``, ``path`` (a JSON Pointer such as
``/years/2/revenue/4/amount``), ``code`` (e.g. ``"ELABEL"``), ``line`` and
``column``.
"""
from __future__ import annotations

import json as _json
import math as _math
import numbers as _numbers
import os as _os
from collections import namedtuple as _namedtuple
from collections.abc import Iterable as _Iterable, Mapping as _Mapping

from . import core as _core

__all__ = [
    "Error", "ParseError", "ValidationError", "FieldTypeError", "LabelError", "ReferenceError",
    "DuplicateError", "NotFoundError", "FieldNotFoundError", "AbsentError", "LimitError",
    "VersionError", "InvalidArgumentError", "FileError", "OutOfMemoryError",
    "Organisation", "Node", "ArrayNode", "Report", "Result", "ProfileEntry", "Profile", "JsonlReader",
    "load", "loads", "from_dict", "load_collection", "loads_collection", "collection_to_json",
    "save_collection", "read_jsonl", "score_many", "score_jsonl", "score_frame", "to_dataframe",
    "vocabularies", "vocab_terms", "vocab_match", "category_stream", "text_match_key",
    "measures", "measure_info", "concentration",
    "Population", "Benchmark", "PeerGroup", "BenchmarkMember", "TuckmanChang", "TuckmanChangMember",
    "TuckmanChangIndicator", "benchmark", "tuckman_chang", "GROUPING_DIMENSIONS",
    "FORMAT_ID", "PROFILE_FORMAT_ID", "__version__",
]

__version__ = _core.version_string()
FORMAT_ID = _core.FORMAT_ID
PROFILE_FORMAT_ID = _core.PROFILE_FORMAT_ID

# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


class Error(Exception):
    """Base class of every libassoc error.

    Attributes:
        message: an English sentence naming the offending value.
        path: JSON Pointer of the offending value (``""`` if none).
        code: stable identifier of the error, e.g. ``"EPARSE"``, ``"ELABEL"``.
        number: the C return code (negative).
        line, column: position in the input for parse errors (1-based), else 0;
            for JSON Lines, ``line`` is the line of the file.
    """

    def __init__(self, message, path="", code="ERROR", number=-1, line=0, column=0):
        super().__init__(message)
        self.message = message
        self.path = path
        self.code = code
        self.number = number
        self.line = line
        self.column = column

    def __str__(self):
        where = []
        if self.line:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        if self.path:
            where.append(self.path)
        return f"{self.code}{' at ' + ', '.join(where) if where else ''}: {self.message}"

    def __reduce__(self):
        return (_rebuild_error, (type(self), self.message, self.path, self.code, self.number,
                                 self.line, self.column))


def _rebuild_error(cls, message, path, code, number, line, column):
    return _make_error(cls, message, path, code, number, line, column)


class ParseError(Error, ValueError):
    """Malformed JSON (EPARSE, with line and column) or invalid UTF-8 (EUTF8)."""


class ValidationError(Error, ValueError):
    """A value breaks the format's rules: out of its domain, missing, a date, a currency, a territory code..."""


class FieldTypeError(ValidationError, TypeError):
    """A value has the wrong type for its field (ETYPE), in JSON or from Python."""


class LabelError(ValidationError):
    """A label names no term of its vocabulary (ELABEL); the message lists the valid identifiers."""


class ReferenceError(ValidationError):  # noqa: A001 - the name the domain uses
    """A reference to something that does not exist (EREF), e.g. a contribution's party."""


class DuplicateError(ValidationError):
    """A duplicate identifier (EDUPLICATE): two years with the same number, two alliances with one id..."""


class NotFoundError(Error, LookupError):
    """No such path, element, measure or override (ENOTFOUND)."""


class FieldNotFoundError(NotFoundError, AttributeError):
    """An attribute that names no field of the format."""


class AbsentError(Error, LookupError):
    """The value exists in the format but is absent (EABSENT)."""


class LimitError(Error, ValueError):
    """A documented size or nesting limit is exceeded (ELIMIT)."""


class VersionError(Error, ValueError):
    """Unsupported format identifier or version (EVERSION)."""


class InvalidArgumentError(Error, ValueError):
    """An invalid argument (EINVAL)."""


class FileError(Error, OSError):
    """A file could not be read or written (EIO)."""


class OutOfMemoryError(Error, MemoryError):
    """Memory ran out (ENOMEM)."""


_ERROR_CLASSES = {
    "EPARSE": ParseError, "EUTF8": ParseError,
    "ETYPE": FieldTypeError, "ELABEL": LabelError, "EREF": ReferenceError,
    "EDUPLICATE": DuplicateError,
    "EUNKNOWNKEY": ValidationError, "EVALUE": ValidationError, "EMISSING": ValidationError,
    "EDATE": ValidationError, "ECURRENCY": ValidationError, "ETERRITORY": ValidationError,
    "ENOTFOUND": NotFoundError, "EABSENT": AbsentError, "ELIMIT": LimitError,
    "EVERSION": VersionError, "EINVAL": InvalidArgumentError, "EIO": FileError,
    "ENOMEM": OutOfMemoryError,
}

_CODE_NUMBERS = {
    "ERROR": -1, "ENOMEM": -2, "EINVAL": -3, "EIO": -4, "EPARSE": -5, "EUTF8": -6, "ETYPE": -7,
    "EUNKNOWNKEY": -8, "ELABEL": -9, "EVALUE": -10, "EMISSING": -11, "EDUPLICATE": -12,
    "EREF": -13, "EDATE": -14, "ECURRENCY": -15, "ETERRITORY": -16, "ELIMIT": -17,
    "EVERSION": -18, "ENOTFOUND": -19, "EABSENT": -20,
}


def _make_error(cls, message, path="", code="ERROR", number=None, line=0, column=0):
    # Built field by field: OSError and MemoryError give their own meaning to
    # extra constructor arguments.
    exc = cls.__new__(cls, message)
    Error.__init__(exc, message, path, code, _CODE_NUMBERS.get(code, -1) if number is None else number,
                   line, column)
    return exc


def _error(code, message, path=""):
    return _make_error(_ERROR_CLASSES.get(code, Error), message, path, code)


def _error_factory(number, code, message, path, line, column):
    """Called by the C extension for every failure: build the matching exception."""
    return _make_error(_ERROR_CLASSES.get(code, Error), message, path, code, number, line, column)


_core._set_error_factory(_error_factory)


def _type_error(path, expected, value):
    return _error("ETYPE", f"{path or 'the value'} must be {expected}, not {type(value).__name__} {value!r:.60}",
                  path)


# --------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------


def _number(v):
    """A number read from the model: int when whole (as JSON gives it), float otherwise, None if absent."""
    if v is None:
        return None
    if v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    return v


def _utf8(text, path):
    """`text` if it can be encoded as UTF-8 (no lone surrogates), else EUTF8 naming the path."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise _error("EUTF8", f"{path or 'the text'} is not valid Unicode: {e.reason} at character {e.start}",
                     path) from None
    return text


def _escape(segment):
    return str(segment).replace("~", "~0").replace("/", "~1")


def _unescape(segment):
    return segment.replace("~1", "/").replace("~0", "~")


def _walk(tree, path):
    """Follow a JSON Pointer into a decoded document; None when absent."""
    for seg in path.split("/")[1:] if path else []:
        seg = _unescape(seg)
        if isinstance(tree, list):
            i = int(seg)
            tree = tree[i] if 0 <= i < len(tree) else None
        elif isinstance(tree, dict):
            tree = tree.get(seg)
        else:
            return None
    return tree


def _plain(value, path):
    """Check that `value` can be written as JSON; returns it with nodes turned into dicts.

    Raises FieldTypeError / ValidationError naming the JSON path of the
    offending value (a set, a non-finite float, a non-string key...).
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _utf8(value, path)
    if isinstance(value, Node):
        return value.to_dict()
    if isinstance(value, _numbers.Integral):
        return int(value)
    if isinstance(value, _numbers.Real):
        v = float(value)
        if not _math.isfinite(v):
            raise _error("EVALUE", f"{path or 'the value'} must be a finite number, not {v!r}", path)
        return v
    if isinstance(value, _Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise _type_error(path, "an object with string keys", k)
            out[k] = _plain(v, f"{path}/{_escape(k)}")
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}/{i}") for i, v in enumerate(value)]
    raise _type_error(path, "a JSON value (None, bool, number, str, dict or list)", value)


# --------------------------------------------------------------------------
# The model: attribute access through JSON Pointer paths
# --------------------------------------------------------------------------


def _kind(c, path):
    try:
        return c.kind(path)
    except NotFoundError as e:
        raise _make_error(FieldNotFoundError, e.message, e.path or path, e.code, e.number) from None


def _read(c, path):
    kind = _kind(c, path)
    if kind == "number":
        return _number(c.get_number(path))
    if kind == "string":
        return c.get_string(path)
    if kind == "bool":
        return c.get_bool(path)
    if kind == "array":
        return ArrayNode(c, path)
    return Node(c, path)


def _write(c, path, value):
    """Store a Python value at `path` through the library's checked setters."""
    kind = _kind(c, path)
    if value is None:
        c.unset(path)
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, _numbers.Real):
            raise _type_error(path, "a number", value)
        c.set_number(path, float(value))
    elif kind == "string":
        if not isinstance(value, str):
            raise _type_error(path, "a string", value)
        c.set_string(path, _utf8(value, path))
    elif kind == "bool":
        if not isinstance(value, bool):
            raise _type_error(path, "True or False", value)
        c.set_bool(path, value)
    elif kind == "array":
        if isinstance(value, (str, bytes, _Mapping)) or not isinstance(value, _Iterable):
            raise _type_error(path, "a list", value)
        items = [_plain(v, f"{path}/{i}") for i, v in enumerate(value)]
        for i in range(c.count(path) - 1, -1, -1):
            c.remove(path, i)
        for item in items:
            _append(c, path, item)
    else:
        if isinstance(value, Node):
            value = value.to_dict()
        if not isinstance(value, _Mapping):
            raise _type_error(path, "a dict", value)
        value = _plain(value, path)
        current = _walk(_json.loads(c.to_json(_core.WRITE_BARE)), path) or {}
        for key in current:
            if key not in value:
                c.unset(f"{path}/{_escape(key)}")
        for key, v in value.items():
            _write(c, f"{path}/{_escape(key)}", v)


def _append(c, path, value):
    """Append an element to the array at `path` and fill it; removed again on failure."""
    i = c.append(path)
    item = f"{path}/{i}"
    try:
        if isinstance(value, Node):
            value = value.to_dict()
        if isinstance(value, _Mapping):
            if _kind(c, item) != "object":
                raise _type_error(item, "a scalar", value)
            for key, v in value.items():
                if not isinstance(key, str):
                    raise _type_error(item, "a dict with string keys", key)
                _write(c, f"{item}/{_escape(key)}", v)
        else:
            _write(c, item, value)
    except BaseException:
        c.remove(path, i)
        raise
    return i


class Node:
    """A place inside an organisation: an object of the format, read and written by attribute.

    ``node.field`` returns a number (``int`` when whole), a string, a bool,
    ``None`` when the field is absent (never 0), a :class:`Node` for an
    object, or an :class:`ArrayNode` for an array. ``node.field = value``
    stores it through the library's setters, which check the type and domain
    (``None`` makes the field absent). ``node["field"]`` works too.
    Unknown fields raise :class:`FieldNotFoundError` (an ``AttributeError``).
    """

    __slots__ = ("_c", "_p")

    def __init__(self, c, path):
        object.__setattr__(self, "_c", c)
        object.__setattr__(self, "_p", path)

    @property
    def path(self):
        """JSON Pointer of this node inside the organisation (``""`` for the organisation)."""
        return self._p

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return _read(self._c, f"{self._p}/{_escape(name)}")

    def __setattr__(self, name, value):
        if name.startswith("_") or name in type(self).__dict__ or name == "path":
            object.__setattr__(self, name, value)
            return
        _write(self._c, f"{self._p}/{_escape(name)}", value)

    def __delattr__(self, name):
        self._c.unset(f"{self._p}/{_escape(name)}")

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise TypeError(f"field names are strings, not {type(key).__name__}")
        return _read(self._c, f"{self._p}/{_escape(key)}")

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError(f"field names are strings, not {type(key).__name__}")
        _write(self._c, f"{self._p}/{_escape(key)}", value)

    def __delitem__(self, key):
        self._c.unset(f"{self._p}/{_escape(key)}")

    def __contains__(self, key):
        d = self.to_dict()
        return key in d

    def to_dict(self):
        """The fields present here, as plain Python values (absent fields are left out)."""
        tree = _walk(_json.loads(self._c.to_json(_core.WRITE_BARE)), self._p)
        return tree if tree is not None else {}

    def keys(self):
        """Names of the fields present here."""
        return list(self.to_dict().keys())

    def __dir__(self):
        return sorted(set(object.__dir__(self)) | set(self.keys()))

    def __repr__(self):
        return f"<assoc.Node {self._p or '/'} {self.to_dict()!r:.200}>"


class ArrayNode:
    """An array of the format (years, revenue lines, alliances...): a mutable sequence of nodes.

    ``len()``, indexing (negative too), iteration, ``del a[i]``,
    ``append(dict)`` (returns the new index; nothing is added if a field is
    refused), ``extend()``, ``clear()`` and ``to_list()``.
    """

    __slots__ = ("_c", "_p")

    def __init__(self, c, path):
        self._c = c
        self._p = path

    @property
    def path(self):
        """JSON Pointer of the array."""
        return self._p

    def __len__(self):
        return self._c.count(self._p)

    def _index(self, i):
        n = len(self)
        if not isinstance(i, int) or isinstance(i, bool):
            raise TypeError(f"array indices are integers, not {type(i).__name__}")
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"index {i} out of range for {self._p} ({n} elements)")
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return _read(self._c, f"{self._p}/{self._index(i)}")

    def __setitem__(self, i, value):
        _write(self._c, f"{self._p}/{self._index(i)}", value)

    def __delitem__(self, i):
        self._c.remove(self._p, self._index(i))

    def __iter__(self):
        for i in range(len(self)):
            yield _read(self._c, f"{self._p}/{i}")

    def append(self, value):
        """Append an element (a dict for arrays of objects) and return its index."""
        return _append(self._c, self._p, _plain(value, f"{self._p}/-"))

    def extend(self, values):
        """Append every element of `values`."""
        for v in values:
            self.append(v)

    def pop(self, i=-1):
        """Remove element `i` and return it as a dict."""
        i = self._index(i)
        value = self[i]
        value = value.to_dict() if isinstance(value, Node) else value
        self._c.remove(self._p, i)
        return value

    def clear(self):
        """Remove every element."""
        for i in range(len(self) - 1, -1, -1):
            self._c.remove(self._p, i)

    def to_list(self):
        """The elements as plain Python values."""
        tree = _walk(_json.loads(self._c.to_json(_core.WRITE_BARE)), self._p)
        return tree if tree is not None else []

    to_dict = to_list

    def __repr__(self):
        return f"<assoc.ArrayNode {self._p} ({len(self)} elements)>"


def _wrap_org(c):
    org = Organisation.__new__(Organisation)
    Node.__init__(org, c, "")
    return org


class Organisation(Node):
    """One organisation (association) with its years and alliances.

    ``Organisation()`` is empty; keyword arguments set fields, e.g.
    ``Organisation(name="Les Amis", id={"scheme": "rna", "value": "W751234567"})``.
    Build one from a file, text or dict with :func:`load`, :func:`loads`,
    :func:`from_dict`. Fields are read and written by attribute (see :class:`Node`)::

        org.years.append({"year": 2024, "currency": "EUR"})
        org.years[-1].revenue.append({"category": "mecenat", "amount": 5000})

    Setters check each value; :meth:`validate` checks the cross-field rules
    (required fields, unique ids, references, dates, currencies).
    """

    __slots__ = ()

    def __init__(self, **fields):
        Node.__init__(self, _core.Organisation(), "")
        for key, value in fields.items():
            _write(self._c, f"/{_escape(key)}", value)

    # ---- conversions ------------------------------------------------------

    def to_dict(self, document=False):
        """The organisation as a dict (the "libassoc/1" keys); `document`: wrapped in
        ``{"format": "libassoc/1", "organisation": ...}``."""
        return _json.loads(self._c.to_json(0 if document else _core.WRITE_BARE))

    def to_json(self, pretty=False, bare=False):
        """A "libassoc/1" document (``bare``: the organisation object alone). Numbers round-trip exactly."""
        return self._c.to_json((_core.WRITE_PRETTY if pretty else 0) | (_core.WRITE_BARE if bare else 0))

    def save(self, path, pretty=True, bare=False):
        """Write the document to the file at `path` (str or os.PathLike)."""
        self._c.save(_os.fspath(path), (_core.WRITE_PRETTY if pretty else 0) | (_core.WRITE_BARE if bare else 0))

    def validate(self):
        """Check the cross-field rules of the format; raises the first violation."""
        self._c.validate()
        return self

    def copy(self):
        """A deep copy."""
        return _wrap_org(self._c.clone())

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    def __reduce__(self):
        return (_from_document, (self.to_json(),))

    # ---- reading and writing by path --------------------------------------

    def get(self, path):
        """The value at a JSON Pointer, e.g. ``org.get("/years/0/balance/cash")``."""
        return _read(self._c, path)

    def set(self, path, value):
        """Store `value` at a JSON Pointer (``None`` makes it absent)."""
        _write(self._c, path, value)

    def year(self, number):
        """The year node whose ``year`` is `number` (e.g. 2023); KeyError if there is none."""
        years = self.years
        for i in range(len(years)):
            if self._c.get_number(f"/years/{i}/year") == number:
                return years[i]
        raise KeyError(f"no year {number} in this organisation")

    @property
    def name_key(self):
        """Caseless, accent-insensitive match key of the name (None without a name)."""
        return self._c.name_key()

    @property
    def warnings(self):
        """Warnings recorded while loading (unknown keys in lenient mode): list of (message, path)."""
        return [(self._c.warning_message(i), self._c.warning_path(i)) for i in range(self._c.warning_count())]

    # ---- scoring ------------------------------------------------------------

    def score(self, profile=None, year=0, values_only=False):
        """Compute every measure (per year, per alliance, across years, territory, composites).

        Args:
            profile: a :class:`Profile`, a path to a profile file, or None for the built-in default.
            year: 0 for every year, else only that fiscal year (and the org-level measures).
            values_only: skip explanation sentences, inputs and contributions (faster, for bulk).
        Returns:
            a :class:`Report`.
        """
        profile = Profile._coerce(profile)
        rep = self._c.score(profile._c if profile else None, int(year),
                            _core.SCORE_VALUES_ONLY if values_only else 0)
        return Report(rep, self, profile)

    def measure(self, measure, year=0, subject=None, profile=None):
        """Compute one measure for one year (0: org-level) and subject (an alliance id); a :class:`Result`."""
        profile = Profile._coerce(profile)
        return Result(self._c.measure(measure, int(year), subject, profile._c if profile else None), None)

    def stress_remove_largest(self, year, level="funders", profile=None):
        """Stress test: the largest funder (``"funders"``) or stream (``"streams"``) disappears in
        `year`, expenses kept. The result's value is the survival in months."""
        profile = Profile._coerce(profile)
        return Result(self._c.stress_remove_largest(int(year), level, profile._c if profile else None), None)

    def stress_stream_drop(self, year, stream, share, profile=None):
        """Stress test: revenue stream `stream` (e.g. ``"public_subsidies"``) falls by `share` (0..1) in `year`."""
        profile = Profile._coerce(profile)
        return Result(self._c.stress_stream_drop(int(year), stream, float(share),
                                                 profile._c if profile else None), None)

    def logit(self, year, beta0, coefficients, profile=None):
        """Logistic model over this organisation's report; see :meth:`Report.logit`."""
        return self.score(profile).logit(year, beta0, coefficients)

    def __repr__(self):
        c = self._c
        name = c.get_string("/name")
        try:
            ident = f" ({c.get_string('/id/scheme')} {c.get_string('/id/value')})"
        except Error:
            ident = ""
        return f"<assoc.Organisation {name!r}{ident}, {c.count('/years')} years, {c.count('/alliances')} alliances>"


def _from_document(text):
    return loads(text)


# --------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------


class Profile:
    """A scoring profile "libassoc-profile/1": constants (with date and source), band tables,
    weights and per-territory overrides. Immutable.

    ``Profile.default()`` is the built-in profile; ``Profile.load(path)``,
    ``Profile.loads(text)`` and ``Profile.from_dict(d)`` read others.
    """

    __slots__ = ("_c",)

    def __init__(self, c):
        self._c = c

    @classmethod
    def default(cls):
        """The built-in default profile (identical to docs/profile-default.json)."""
        return cls(_core.Profile.builtin())

    @classmethod
    def load(cls, path):
        """Load a profile file."""
        return cls(_core.Profile.load(_os.fspath(path)))

    @classmethod
    def loads(cls, text):
        """Load a profile from JSON text."""
        return cls(_core.Profile.from_json(_text(text)))

    @classmethod
    def from_dict(cls, d):
        """Load a profile from a dict."""
        return cls.loads(_json.dumps(_plain(d, ""), allow_nan=False))

    @classmethod
    def _coerce(cls, profile):
        if profile is None or isinstance(profile, Profile):
            return profile
        if isinstance(profile, (str, _os.PathLike)):
            return cls.load(profile)
        if isinstance(profile, _Mapping):
            return cls.from_dict(profile)
        raise _type_error("", "a Profile, a path or None", profile)

    @property
    def id(self):
        """The profile's identifier, e.g. "libassoc-default"."""
        return self._c.id()

    @property
    def version(self):
        """The profile's version, e.g. "2026.1"."""
        return self._c.version()

    def constant(self, key, org=None):
        """Value of constant `key` (e.g. ``"fte_hours"``) for `org`'s territory, or the base value."""
        return self._c.constant(key, org._c if org is not None else None)

    def constant_origin(self, key, org=None):
        """``"base"`` or the name of the territory override that sets constant `key` for `org`."""
        return self._c.constant_origin(key, org._c if org is not None else None)

    def to_json(self, pretty=False):
        """The profile in canonical JSON."""
        return self._c.to_json(_core.WRITE_PRETTY if pretty else 0)

    def to_dict(self):
        """The profile as a dict."""
        return _json.loads(self._c.to_json())

    def __repr__(self):
        return f"<assoc.Profile {self.id} {self.version}>"


# --------------------------------------------------------------------------
# Results and reports
# --------------------------------------------------------------------------

ProfileEntry = _namedtuple("ProfileEntry", "key value origin")
ProfileEntry.__doc__ = "A profile entry applied by a result: key, value, origin (\"base\" or an override's name)."


class Result:
    """One computed measure and its explanation.

    ``value`` is None when the status is ``"not_computable"`` (never 0.0);
    ``reason`` then says why. ``inputs`` and ``contributions`` are dicts
    (an input that was missing is None).
    """

    __slots__ = ("_c", "_owner")

    def __init__(self, c, owner):
        self._c = c          # the C result, owned by itself or borrowed from `owner`
        self._owner = owner  # the Report that owns a borrowed result: kept alive with it

    measure = property(lambda self: self._c.measure(), doc="Measure identifier, e.g. \"revenue.streams.hhi\".")
    year = property(lambda self: self._c.year(),
                    doc="Fiscal year the result is about, or 0 for measures across years or per alliance.")
    subject = property(lambda self: self._c.subject(), doc="An alliance id for per-alliance results, else None.")
    status = property(lambda self: self._c.status(), doc="\"ok\", \"partial\" or \"not_computable\".")
    value = property(lambda self: self._c.value(), doc="The value; None when not computable (never 0.0).")
    label = property(lambda self: self._c.label(),
                     doc="A categorical outcome (the group setting a dependence rate, an alliance's logic...).")
    unit = property(lambda self: self._c.unit(), doc="\"ratio\", \"share\", \"months\", \"points\", \"count\"...")
    coverage = property(lambda self: self._c.coverage(), doc="Share of the inputs actually known, in [0, 1].")
    formula = property(lambda self: self._c.formula(), doc="The formula in words.")
    formula_id = property(lambda self: self._c.formula_id(), doc="Formula identifier, e.g. \"hhi\".")
    explanation = property(lambda self: self._c.explanation(),
                           doc="A plain-English sentence explaining the value (or why there is none).")
    reason = property(lambda self: self._c.reason(), doc="Why the result is not computable or partial; None when ok.")
    source = property(lambda self: self._c.source_ref(), doc="The bibliographic source of the formula.")
    source_tag = property(lambda self: self._c.source_tag(),
                          doc="\"V\" (read in the source), \"S\" (secondary) or \"own\" (libassoc's own).")

    @property
    def computable(self):
        """False when the status is not_computable."""
        return self._c.status() != "not_computable"

    @property
    def inputs(self):
        """Inputs used, name -> value (None for an input that was missing)."""
        c = self._c
        return {c.input_name(i): c.input_value(i) for i in range(c.input_count())}

    @property
    def contributions(self):
        """Per-component contributions (shares of an index, weighted points of a composite)."""
        c = self._c
        return {c.contribution_name(i): c.contribution_value(i) for i in range(c.contribution_count())}

    @property
    def profile_entries(self):
        """Profile entries applied: a list of :class:`ProfileEntry` (key, value, origin)."""
        c = self._c
        return [ProfileEntry(c.profile_entry_key(i), c.profile_entry_value(i), c.profile_entry_origin(i))
                for i in range(c.profile_entry_count())]

    def to_dict(self):
        """The result as a dict, with the keys of the JSON report."""
        return _json.loads(self._c.to_json())

    def to_json(self, pretty=False):
        """The result as a JSON object."""
        return self._c.to_json(_core.WRITE_PRETTY if pretty else 0)

    def __repr__(self):
        where = f" {self.year}" if self.year else ""
        if self.subject:
            where += f" [{self.subject}]"
        shown = "not computable" if self.value is None else f"{self.value:.6g}"
        return f"<assoc.Result {self.measure}{where}: {shown} ({self.status})>"


class Report:
    """Every measure computed for one organisation: a sequence of :class:`Result`.

    ``report.find(measure, year=0, subject=None)`` picks one result,
    ``report.value(...)`` its value; ``to_dict()``/``to_json()`` give the JSON
    report, ``text()`` a readable summary, ``to_dataframe()`` a pandas table.
    """

    __slots__ = ("_c", "_org", "_profile", "_results")

    def __init__(self, c, org, profile):
        self._c = c
        self._org = org          # kept alive: the report may refer to it
        self._profile = profile  # idem (territory override names belong to the profile)
        self._results = None

    @property
    def organisation(self):
        """The :class:`Organisation` scored."""
        return self._org

    @property
    def profile(self):
        """The :class:`Profile` used (the built-in default when None was given)."""
        return self._profile if self._profile is not None else Profile.default()

    @property
    def results(self):
        """Every :class:`Result`, in the report's order."""
        if self._results is None:
            c = self._c
            self._results = [Result(c.get(i), self) for i in range(c.count())]
        return self._results

    def __len__(self):
        return self._c.count()

    def __iter__(self):
        return iter(self.results)

    def __getitem__(self, i):
        return self.results[i]

    def find(self, measure, year=0, subject=None):
        """The result for `measure`, `year` (0 for org-level measures) and `subject`, or None."""
        r = self._c.find(measure, int(year), subject)
        return Result(r, self) if r is not None else None

    def value(self, measure, year=0, subject=None):
        """The value of one result; None when not computable or not in the report."""
        r = self.find(measure, year, subject)
        return r.value if r is not None else None

    @property
    def territory_override(self):
        """Name of the profile's territory override applied to this organisation, or None."""
        return self._c.territory_override()

    def to_dict(self):
        """The report as a dict (the keys of the JSON report)."""
        return _json.loads(self._c.to_json())

    def to_json(self, pretty=False):
        """The report as a JSON document."""
        return self._c.to_json(_core.WRITE_PRETTY if pretty else 0)

    def text(self):
        """A readable summary: the three levers, territory and composite, with explanations."""
        return self._c.to_text()

    def logit(self, year, beta0, coefficients):
        """Logistic model p = 1 / (1 + exp(-(beta0 + sum beta_i x_i))), x_i the value of measure
        name_i for `year`. `coefficients`: a dict {measure: beta} or (measure, beta) pairs. No
        default coefficients are shipped. Not computable when any x_i is."""
        return Result(self._c.logit(int(year), float(beta0), coefficients), None)

    def to_dataframe(self):
        """The results as a pandas DataFrame (one row per result); see :func:`to_dataframe`."""
        return to_dataframe([self])

    def __repr__(self):
        return f"<assoc.Report {self._org.name!r}: {len(self)} results>"


# --------------------------------------------------------------------------
# Loading and saving
# --------------------------------------------------------------------------


def _text(data):
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return _utf8(data, "")
    raise _type_error("", "JSON text (str or bytes)", data)


def load(source, lenient=False):
    """Load one organisation from a path (str or os.PathLike) or an open file.

    The document may be wrapped (``{"format": "libassoc/1", "organisation": ...}``)
    or the bare organisation object; it is validated fully. `lenient` turns
    unknown keys into :attr:`Organisation.warnings` instead of errors.
    """
    if hasattr(source, "read"):
        return loads(source.read(), lenient)
    if not isinstance(source, (str, _os.PathLike)):
        raise _type_error("", "a path or a file", source)
    return _wrap_org(_core.Organisation.load(_os.fspath(source), 1 if lenient else 0))


def loads(text, lenient=False):
    """Load one organisation from JSON text (str or bytes)."""
    return _wrap_org(_core.Organisation.from_json(_text(text), 1 if lenient else 0))


def from_dict(d, lenient=False):
    """Load one organisation from a dict (a document or the bare organisation), validated like a file.

    Python values that JSON cannot hold (sets, NaN, objects...) raise
    :class:`FieldTypeError` / :class:`ValidationError` naming their path.
    """
    if not isinstance(d, _Mapping):
        raise _type_error("", "a dict", d)
    return loads(_json.dumps(_plain(d, ""), allow_nan=False, ensure_ascii=False), lenient)


def _collection(c):
    return [_wrap_org(c.get(i)) for i in range(c.count())]


def load_collection(source, lenient=False):
    """Load a collection document (``"organisations": [...]``) from a path or file: a list of Organisations."""
    if hasattr(source, "read"):
        return loads_collection(source.read(), lenient)
    return _collection(_core.Collection.load(_os.fspath(source), 1 if lenient else 0))


def loads_collection(text, lenient=False):
    """Load a collection document from JSON text: a list of Organisations."""
    return _collection(_core.Collection.from_json(_text(text), 1 if lenient else 0))


def collection_to_json(orgs, pretty=False):
    """Write organisations as one collection document (identifiers must be unique)."""
    c = _core.Collection()
    for org in orgs:
        if not isinstance(org, Organisation):
            raise _type_error("", "an Organisation", org)
        c.add(org._c)
    return c.to_json(_core.WRITE_PRETTY if pretty else 0)


def save_collection(orgs, path, pretty=True):
    """Write organisations as one collection document to the file at `path`."""
    text = collection_to_json(orgs, pretty)
    with open(_os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)


class JsonlReader:
    """Organisations read from JSON Lines, one at a time (memory bounded by the longest line).

    An iterator; also a context manager that closes the file. An error in a
    line raises it (``error.line`` is the line number) unless `on_error` is
    given: then ``on_error(error)`` is called and reading goes on with the next
    line. After an error raised, calling ``next()`` again goes on too.
    """

    def __init__(self, source, lenient=False, on_error=None):
        self._on_error = on_error
        self._lenient = 1 if lenient else 0
        self._line = 0
        if isinstance(source, (str, _os.PathLike)):
            self._c = _core.JsonlReader.open(_os.fspath(source), self._lenient)
            self._lines = None
        elif isinstance(source, (bytes, bytearray)):
            self._c = _core.JsonlReader.from_string(bytes(source), self._lenient)
            self._lines = None
        elif isinstance(source, _Iterable):
            self._c = None
            self._lines = iter(source)
        else:
            raise _type_error("", "a path, a file or an iterable of lines", source)

    @property
    def line(self):
        """1-based number of the line last read."""
        return self._c.line() if self._c is not None else self._line

    def _next_line(self):
        for text in self._lines:
            self._line += 1
            if isinstance(text, (bytes, bytearray)):
                text = bytes(text)
                blank = not text.strip()
            elif isinstance(text, str):
                blank = not text.strip()
            else:
                raise _type_error("", "lines of text", text)
            if blank:
                continue
            try:
                return loads(text, self._lenient)
            except Error as e:
                # Positions are relative to the line: say which line of the input.
                e.column = e.column if e.line else 0
                e.line = self._line
                raise
        return None

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            try:
                if self._c is not None:
                    c = self._c.next()
                    org = _wrap_org(c) if c is not None else None
                else:
                    org = self._next_line() if self._lines is not None else None
            except Error as e:
                if self._on_error is None:
                    raise
                self._on_error(e)
                continue
            if org is None:
                self.close()
                raise StopIteration
            return org

    def close(self):
        """Release the input (the file is closed)."""
        if self._c is not None:
            self._c.close()
        self._lines = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def read_jsonl(source, lenient=False, on_error=None):
    """Iterate over the organisations of a JSON Lines input, one at a time.

    `source`: a path, an open file (text or binary), bytes, or any iterable of
    lines. Blank lines are skipped. See :class:`JsonlReader` for errors.
    """
    return JsonlReader(source, lenient, on_error)


# --------------------------------------------------------------------------
# Bulk scoring and tables
# --------------------------------------------------------------------------


def score_many(orgs, profile=None, year=0, values_only=False):
    """Score organisations one at a time and yield their :class:`Report` s.

    `orgs`: any iterable of Organisations, dicts or JSON texts, e.g.
    ``read_jsonl(path)``. The profile is loaded once.
    """
    profile = Profile._coerce(profile)
    for org in orgs:
        if isinstance(org, _Mapping):
            org = from_dict(org)
        elif isinstance(org, (str, bytes)):
            org = loads(org)
        elif not isinstance(org, Organisation):
            raise _type_error("", "an Organisation, a dict or JSON text", org)
        yield org.score(profile, year, values_only)


def score_jsonl(source, profile=None, year=0, format="jsonl", threads=0, explain=False, lenient=False):
    """Score a whole JSON Lines input in one call into the C library.

    `source`: bytes or str holding JSON Lines, or a path. Returns the output
    text: one JSON report per input line (``format="jsonl"``; with
    ``explain=True`` full reports with sentences) or CSV, one row per
    organisation-year and one column per measure (``format="csv"``). A bad
    line gives an error record (line, code, path, message) in its place.
    `threads` > 0 scores on that many C threads, without the GIL.
    """
    if isinstance(source, _os.PathLike) or (isinstance(source, str) and "\n" not in source
                                             and not source.lstrip().startswith("{")):
        with open(source, "rb") as f:
            source = f.read()
    formats = {"jsonl": 0, "csv": 1}
    if format not in formats:
        raise ValueError("format must be 'jsonl' or 'csv', not %r" % (format,))
    profile = Profile._coerce(profile)
    return _core.score_jsonl(source, formats[format], int(threads), int(bool(explain)), int(year),
                             profile._c if profile else None, int(bool(lenient)))


def score_frame(source, profile=None, year=0, threads=0, lenient=False):
    """:func:`score_jsonl` as a pandas DataFrame: one row per organisation-year,
    one column per measure (NaN when not computable), then ``line`` and ``error``."""
    import io
    pandas = _pandas("score_frame")
    return pandas.read_csv(io.StringIO(score_jsonl(source, profile, year, "csv", threads, False, lenient)),
                           dtype={"organisation": str})


def _pandas(who):
    """pandas, imported only when a table is asked for: the rest of libassoc does not need it."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise ImportError(f"{who} needs pandas (Debian: apt install python3-pandas; "
                          "elsewhere: pip install pandas)") from e
    return pandas


_COLUMNS = ["organisation", "name", "measure", "year", "subject", "status", "value", "unit", "label",
            "coverage", "reason"]


def to_dataframe(reports):
    """One row per result of each report, as a pandas DataFrame.

    Columns: organisation (identifier value), name, measure, year (an integer;
    <NA> for org-level results), subject, status, value (NaN when not computable),
    unit, label, coverage, reason. Needs pandas (Debian: python3-pandas);
    the rest of libassoc does not.
    """
    pandas = _pandas("assoc.to_dataframe")
    if isinstance(reports, Report):
        reports = [reports]
    rows = []
    for rep in reports:
        c = rep._org._c
        ident = c.get_string("/id/value") if c.kind("/id") == "object" else None
        name = c.get_string("/name")
        for r in rep.results:
            rc = r._c
            v = rc.value()
            rows.append((ident, name, rc.measure(), rc.year() or None, rc.subject(), rc.status(),
                         float("nan") if v is None else v, rc.unit(), rc.label(), rc.coverage(), rc.reason()))
    df = pandas.DataFrame.from_records(rows, columns=_COLUMNS)
    df["year"] = df["year"].astype("Int64")  # org-level results: <NA>, not a float NaN
    return df


# --------------------------------------------------------------------------
# Peer benchmarking (docs/benchmarking.md)
# --------------------------------------------------------------------------

GROUPING_DIMENSIONS = ("year", "sector", "size", "country", "region", "departement", "commune")


def _grouping(grouping):
    """A grouping as the extension takes it: dimension names joined by '|' (None: the whole population)."""
    if grouping is None or isinstance(grouping, str):
        return grouping
    if isinstance(grouping, _Iterable):
        dims = list(grouping)
        for d in dims:
            if not isinstance(d, str):
                raise _type_error("", "a grouping dimension name (str)", d)
        return "|".join(dims)
    raise _type_error("", "a grouping: a dimension name, a list of names or None", grouping)


def _profile_c(profile):
    profile = Profile._coerce(profile)
    return profile._c if profile is not None else None


class _Record:
    """A read-only record decoded from the library's JSON: attributes, ``to_dict()``, equality."""

    __slots__ = ()
    _fields = ()

    def __init__(self, d):
        for f in self._fields:
            object.__setattr__(self, f, d.get(f))

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def to_dict(self):
        """The record as a dict (``None`` for a missing value, never 0)."""
        return {f: getattr(self, f) for f in self._fields}

    def __eq__(self, other):
        return type(other) is type(self) and other.to_dict() == self.to_dict()

    def __repr__(self):
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"assoc.{type(self).__name__}({shown})"


class Population:
    """Organisation-years to compare with each other (a peer group is a subset of it).

    ``pop.add(org, year, report=None)`` copies the organisation's identifier,
    its group keys (sector, territory, the year's revenue and currency) and
    the value of every measure of `report` about that year (None: scored
    with the default profile). ``pop.add_values(id, year, {measure: value})``
    adds a member given by value. ``len(pop)`` counts the members;
    :meth:`benchmark` and :meth:`tuckman_chang` rank them.
    """

    __slots__ = ("_c",)

    def __init__(self):
        self._c = _core.Population()

    def add(self, org, year, report=None):
        """Add the organisation-year (`org`, `year`); DuplicateError if this identifier and year are present."""
        if not isinstance(org, Organisation):
            raise _type_error("", "an Organisation", org)
        if report is not None and not isinstance(report, Report):
            raise _type_error("", "a Report or None", report)
        self._c.add(org._c, int(year), report._c if report is not None else None)

    def add_values(self, id, year, values, *, sector=None, country=None, region=None,  # noqa: A002
                   departement=None, commune=None, currency=None, revenue=None):
        """Add a member given by value: `values` maps measure identifiers to numbers (None: missing).

        The keyword arguments are its group keys (None when unknown): sector
        ("scheme:code"), country, region, departement, commune, currency and
        the year's revenue.
        """
        if not isinstance(values, _Mapping):
            raise _type_error("", "a dict {measure: value}", values)
        pairs = []
        for name, v in values.items():
            if not isinstance(name, str):
                raise _type_error("/measures", "a measure identifier (str)", name)
            if v is None:
                continue  # missing is not zero: the member simply has no value
            if isinstance(v, bool) or not isinstance(v, _numbers.Real):
                raise _type_error(f"/values/{_escape(name)}", "a number or None", v)
            pairs.append((name, float(v)))
        if revenue is not None and (isinstance(revenue, bool) or not isinstance(revenue, _numbers.Real)):
            raise _type_error("/revenue", "a number or None", revenue)
        self._c.add_values(_utf8(id, "/id") if isinstance(id, str) else id, int(year), pairs, sector, country,
                           region, departement, commune, currency,
                           float("nan") if revenue is None else float(revenue))

    def __len__(self):
        return self._c.count()

    @property
    def members(self):
        """(identifier, year) of every member, in the order they were added."""
        c = self._c
        return [(c.member_id(i), c.member_year(i)) for i in range(c.count())]

    def benchmark(self, measure, grouping=None, profile=None):
        """Rank `measure` within the groups of `grouping`: see :func:`benchmark`."""
        return benchmark(self, measure, grouping, profile)

    def tuckman_chang(self, grouping=None, profile=None):
        """Tuckman & Chang flags: see :func:`tuckman_chang`."""
        return tuckman_chang(self, grouping, profile)

    def __repr__(self):
        return f"<assoc.Population: {len(self)} organisation-years>"


class PeerGroup(_Record):
    """A group of a benchmark: ``key`` ("sector=naf:94.99Z|region=FR:84", "all"), ``status``
    ("ranked" or "group_too_small"), ``n`` (members with a value: the ranked sample),
    ``members`` (all members), ``min``, ``q1``, ``median``, ``q3``, ``max`` (type-7 quantiles),
    ``winsor_low``, ``winsor_high``, ``mean`` and ``sd`` of the winsorised values. The
    statistics are None for a group too small to be ranked."""

    _fields = ("key", "status", "n", "members", "min", "q1", "median", "q3", "max", "winsor_low",
               "winsor_high", "mean", "sd")
    __slots__ = _fields


class BenchmarkMember(_Record):
    """A member of a benchmark: ``id``, ``year``, ``status`` ("ranked", "not_computable",
    "no_group", "group_too_small"), ``value``, ``winsorised``, ``percentile`` (mid-rank, 0..100),
    ``z`` (winsorised z-score), ``group`` (its :class:`PeerGroup`, None when a group key is
    missing) and, from its group, ``median``, ``q1``, ``q3`` and ``group_size`` (values ranked).
    Every missing value is None, never 0."""

    _fields = ("id", "year", "status", "value", "winsorised", "percentile", "z", "group", "median", "q1", "q3",
               "group_size")
    __slots__ = _fields

    def __init__(self, d, groups):
        g = groups.get(d.get("group"))
        d = dict(d, group=g)
        if g is not None:
            d.update(median=g.median, q1=g.q1, q3=g.q3, group_size=g.n)
        super().__init__(d)

    def to_dict(self):
        """The member as a flat dict: its group's key (not the object) and the group's quartiles and size."""
        d = super().to_dict()
        d["group"] = self.group.key if self.group is not None else None
        return d


class Benchmark:
    """One measure ranked within the groups of a population (:func:`benchmark`).

    A sequence of :class:`BenchmarkMember` (the population's order), with
    ``measure``, ``grouping`` (dimension names), ``parameters`` (winsorising
    quantiles, minimum group size, size-band edges) and ``groups``
    (:class:`PeerGroup`). ``member(id, year=None)`` finds one member,
    ``group(key)`` one group; ``to_dict()``/``to_json()`` give the library's
    JSON, ``to_dataframe()`` a pandas table.
    """

    __slots__ = ("_d", "groups", "members")

    def __init__(self, data):
        self._d = data
        self.groups = [PeerGroup(g) for g in data["groups"]]
        by_key = {g.key: g for g in self.groups}
        self.members = [BenchmarkMember(m, by_key) for m in data["members"]]

    @classmethod
    def _from_json(cls, text):
        return cls(_json.loads(text))

    @property
    def measure(self):
        """The measure ranked."""
        return self._d["measure"]

    @property
    def grouping(self):
        """The dimensions of the grouping (empty: the whole population)."""
        return list(self._d["grouping"])

    @property
    def parameters(self):
        """winsor_low, winsor_high, min_group_size (and size_band_edges when grouped by size)."""
        return dict(self._d["parameters"])

    @property
    def definitions(self):
        """The definitions used (quantile, percentile, winsorised, z), in words."""
        return dict(self._d["definitions"])

    def __len__(self):
        return len(self.members)

    def __iter__(self):
        return iter(self.members)

    def __getitem__(self, i):
        return self.members[i]

    def member(self, id, year=None):  # noqa: A002
        """The member `id` (of `year` when given), or None."""
        for m in self.members:
            if m.id == id and (year is None or m.year == year):
                return m
        return None

    def group(self, key):
        """The group whose key is `key`, or None."""
        for g in self.groups:
            if g.key == key:
                return g
        return None

    def to_dict(self):
        """The benchmark as a dict (the keys of its JSON form; null for missing values)."""
        return _json.loads(_json.dumps(self._d))

    def to_json(self, pretty=False):
        """The benchmark as a JSON document."""
        return _json.dumps(self._d, indent=2 if pretty else None, ensure_ascii=False)

    def to_dataframe(self):
        """One row per member (the columns of :meth:`BenchmarkMember.to_dict`), as a pandas DataFrame;
        missing values are NaN."""
        pandas = _pandas("Benchmark.to_dataframe")
        df = pandas.DataFrame.from_records([m.to_dict() for m in self.members],
                                           columns=list(BenchmarkMember._fields))
        for col in ("value", "winsorised", "percentile", "z", "median", "q1", "q3"):
            df[col] = df[col].astype("float64")
        df["group_size"] = df["group_size"].astype("Int64")
        return df

    def __repr__(self):
        return f"<assoc.Benchmark {self.measure} by {'|'.join(self.grouping) or 'all'}: " \
               f"{len(self)} members, {len(self.groups)} groups>"


def benchmark(population, measure, grouping=None, profile=None):
    """Rank `measure` within the groups of `population` (docs/benchmarking.md).

    Args:
        population: a :class:`Population`.
        measure: a measure identifier, e.g. "finance.months_of_cash".
        grouping: dimension names (a list, or a str joined by '|'), among
            :data:`GROUPING_DIMENSIONS`; None or "all": the whole population.
        profile: a :class:`Profile`, a path or None (the built-in default):
            winsorising quantiles, minimum group size, size-band edges.
    Returns:
        a :class:`Benchmark`: per member the percentile rank, z-score and
        status, per group its size, median and quartiles.
    """
    if not isinstance(population, Population):
        raise _type_error("", "a Population", population)
    c = _core.Benchmark(population._c, measure, _grouping(grouping), _profile_c(profile))
    return Benchmark._from_json(c.to_json())


class TuckmanChangIndicator(_Record):
    """One indicator of one member: ``measure``, ``flag`` ("flagged", "not_flagged",
    "not_computable", "no_group", "group_too_small"), the continuous ``value``, its
    ``percentile`` and ``z``, the ``threshold`` it was compared with, and its ``group`` key."""

    _fields = ("measure", "flag", "value", "percentile", "z", "threshold", "group")
    __slots__ = _fields


class TuckmanChangMember(_Record):
    """A member's flags: ``id``, ``year``, ``flagged`` (indicators flagged), ``decided``
    (indicators with a definite answer: "1 of 2" is not "1 of 4") and ``indicators``, a dict
    measure -> :class:`TuckmanChangIndicator`."""

    _fields = ("id", "year", "flagged", "decided", "indicators")
    __slots__ = _fields

    def __init__(self, d):
        inds = {k: TuckmanChangIndicator(dict(v, measure=k)) for k, v in d["indicators"].items()}
        super().__init__(dict(d, indicators=inds))

    def to_dict(self):
        """The member as a dict, its indicators as dicts."""
        d = super().to_dict()
        d["indicators"] = {k: v.to_dict() for k, v in self.indicators.items()}
        return d


class TuckmanChang:
    """Tuckman & Chang (1991) worst-quintile flags (:func:`tuckman_chang`).

    A sequence of :class:`TuckmanChangMember`; ``indicators`` describes the
    four indicators (measure, worst side, threshold quantile);
    ``benchmark(measure)`` gives the full :class:`Benchmark` of one of them
    (quartiles, group sizes). The flag count alone predicts distress poorly:
    the continuous values stay beside the flags.
    """

    __slots__ = ("_c", "_d", "members")

    def __init__(self, c):
        self._c = c
        self._d = _json.loads(c.to_json())
        self.members = [TuckmanChangMember(m) for m in self._d["members"]]

    @property
    def indicators(self):
        """The four indicators: dicts with measure, worst ("lowest"/"highest"), threshold_quantile."""
        return [dict(i) for i in self._d["indicators"]]

    @property
    def grouping(self):
        """The dimensions of the grouping (empty: the whole population, as Tuckman & Chang)."""
        return list(self._d["grouping"])

    def benchmark(self, measure):
        """The :class:`Benchmark` of one indicator (by measure identifier)."""
        for k, ind in enumerate(self._d["indicators"]):
            if ind["measure"] == measure:
                return Benchmark._from_json(self._c.benchmark_json(k))
        valid = ", ".join(i["measure"] for i in self._d["indicators"])
        raise _error("ENOTFOUND", f"'{measure}' is not a Tuckman & Chang indicator; valid: {valid}")

    def __len__(self):
        return len(self.members)

    def __iter__(self):
        return iter(self.members)

    def __getitem__(self, i):
        return self.members[i]

    def member(self, id, year=None):  # noqa: A002
        """The member `id` (of `year` when given), or None."""
        for m in self.members:
            if m.id == id and (year is None or m.year == year):
                return m
        return None

    def to_dict(self):
        """The flags as a dict (the keys of the library's JSON)."""
        return _json.loads(_json.dumps(self._d))

    def to_json(self, pretty=False):
        """The flags as a JSON document."""
        return _json.dumps(self._d, indent=2 if pretty else None, ensure_ascii=False)

    def to_dataframe(self):
        """One row per member and indicator: id, year, flagged, decided, measure, flag, value,
        percentile, z, threshold, group (missing values NaN)."""
        pandas = _pandas("TuckmanChang.to_dataframe")
        cols = ["id", "year", "flagged", "decided"] + list(TuckmanChangIndicator._fields)
        rows = []
        for m in self.members:
            for ind in m.indicators.values():
                rows.append([m.id, m.year, m.flagged, m.decided] + [getattr(ind, f) for f in ind._fields])
        df = pandas.DataFrame.from_records(rows, columns=cols)
        for col in ("value", "percentile", "z", "threshold"):
            df[col] = df[col].astype("float64")
        return df

    def __repr__(self):
        return f"<assoc.TuckmanChang: {len(self)} members>"


def tuckman_chang(population, grouping=None, profile=None):
    """Flag each member in the worst quintile of its group on Tuckman & Chang's four indicators
    (equity to revenue, revenue concentration, administrative share, operating margin).

    `grouping` and `profile` as in :func:`benchmark` (Tuckman & Chang used the
    whole population, the default). Returns a :class:`TuckmanChang`.
    """
    if not isinstance(population, Population):
        raise _type_error("", "a Population", population)
    return TuckmanChang(_core.TuckmanChang(population._c, _grouping(grouping), _profile_c(profile)))


# --------------------------------------------------------------------------
# Vocabularies, measures, indices
# --------------------------------------------------------------------------


def vocabularies():
    """Names of the controlled vocabularies: "stream", "category", "mode", "family"..."""
    names = []
    i = 0
    while True:
        try:
            names.append(_core.vocab_name(i))
        except NotFoundError:
            return names
        i += 1


def vocab_terms(vocab):
    """The terms of a vocabulary: a list of (identifier, English label, French label)."""
    return [(_core.vocab_id(vocab, t), _core.vocab_label_en(vocab, t), _core.vocab_label_fr(vocab, t))
            for t in range(_core.vocab_size(vocab))]


def vocab_match(vocab, label):
    """The identifier `label` names in `vocab`, caselessly and ignoring accents
    (``vocab_match("family", "Mécénat") == "mecenat"``); LabelError if none."""
    return _core.vocab_match(vocab, label)


def category_stream(category):
    """The revenue stream ("dues", "gifts", ...) a category belongs to."""
    return _core.category_stream(category)


def text_match_key(text):
    """Caseless, accent-insensitive match key of a text: two names match when their keys are equal."""
    return _core.text_match_key(text)


def measures():
    """Identifiers of every measure the library computes."""
    return [_core.measure_id(i) for i in range(_core.measure_count())]


def measure_info(measure):
    """Static description of a measure: dict with unit, formula, source_tag, source_ref."""
    return {"unit": _core.measure_unit(measure), "formula": _core.measure_formula(measure),
            "source_tag": _core.measure_source_tag(measure), "source_ref": _core.measure_source_ref(measure)}


def concentration(amounts, k=None):
    """Concentration indices of a list of amounts (formulas.md §1.2).

    `k` is the number of groups in the classification (default: len(amounts);
    zeros count). Returns a dict: total, hhi, hhi_normalised, equivalent_number,
    entropy, evenness, max_share, max_index, clamped (None for an index that
    is not computable, e.g. the normalised HHI with fewer than 2 groups).
    Raises ValidationError (EVALUE) when the positive total is 0.
    """
    amounts = [_plain(a, f"/{i}") for i, a in enumerate(amounts)]
    for i, a in enumerate(amounts):
        if isinstance(a, bool) or not isinstance(a, (int, float)):
            raise _type_error(f"/{i}", "a number", a)
    c = _core.concentration(amounts, len(amounts) if k is None else int(k))
    out = {}
    for key in ("total", "hhi", "hhi_normalised", "equivalent_number", "entropy", "evenness", "max_share"):
        v = getattr(c, key)
        out[key] = None if _math.isnan(v) else v
    out["max_index"] = c.max_index
    out["clamped"] = c.clamped
    return out

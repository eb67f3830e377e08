"""Dates as the sources write them, read without guessing.

ISO 8601 is the norm (``2015-06-10``, ``2015-06-10T00:00:00+00:00``);
``DD/MM/YYYY`` exists in the wild (UK and French publishers). A slash date
is read only in the convention the caller (or the mapping file) declares:
``"DD/MM/YYYY"`` or ``"MM/DD/YYYY"``; with none declared it is an error,
because 06/10/2015 is the 6th of October in London and June 10th in New
York. Two-digit years, month names and anything else are errors too. The
calendar date is taken as written: no time-zone conversion.
"""

import datetime
import re

from .mapping import SourceDataError

__all__ = ["parse_date", "SLASH_FORMATS"]

SLASH_FORMATS = ("DD/MM/YYYY", "MM/DD/YYYY")

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text, slash_format=None, allow_partial=False, path=""):
    """Read a date; returns ``(iso, how)`` where iso is "YYYY-MM-DD" (or
    "YYYY"/"YYYY-MM" when `allow_partial` and the text is a bare year or
    month) and how is "iso", "year", "month" or the slash format used.

    Raises SourceDataError (with `path`) for anything it cannot read
    without guessing: unknown forms, impossible calendar dates, slash dates
    without a declared convention.
    """
    if slash_format is not None and slash_format not in SLASH_FORMATS:
        raise ValueError("slash_format must be one of %s or None" % ", ".join(SLASH_FORMATS))
    s = str(text).strip()
    m = _ISO.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return _check(y, mo, d, s, path), "iso"
    if allow_partial:
        m = _YEAR.match(s)
        if m:
            return m.group(1), "year"
        m = _ISO_MONTH.match(s)
        if m:
            mo = int(m.group(2))
            if not 1 <= mo <= 12:
                raise SourceDataError("impossible date %r: month %d" % (s, mo), path)
            return s, "month"
    m = _SLASH.match(s)
    if m:
        if slash_format is None:
            raise SourceDataError(
                "ambiguous date %r: day/month order unknown (declare slash dates as DD/MM/YYYY or MM/DD/YYYY)" % s,
                path)
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d, mo = (a, b) if slash_format == "DD/MM/YYYY" else (b, a)
        return _check(y, mo, d, s, path, slash_format), slash_format
    expected = "ISO 8601 (YYYY-MM-DD)"
    if allow_partial:
        expected += ", YYYY-MM, YYYY"
    if slash_format:
        expected += " or " + slash_format
    raise SourceDataError("unrecognised date %r: expected %s" % (s, expected), path)


def _check(y, mo, d, s, path, how="ISO 8601"):
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        raise SourceDataError("impossible date %r (read as %s: year %d, month %d, day %d)" % (s, how, y, mo, d),
                              path) from None


def months_between(start, end):
    """Whole and fractional months from ISO date `start` to `end` (inclusive
    of the end day: 2015-07-01..2016-06-30 is 12 months)."""
    a = datetime.date.fromisoformat(start)
    b = datetime.date.fromisoformat(end) + datetime.timedelta(days=1)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    days = b.day - a.day
    return months + days / 30.4375

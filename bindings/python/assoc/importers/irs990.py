"""IRS Form 990 / 990-EZ returns from NCCS e-file tables.

The mapping is ``mappings/irs990-nccs-efile-2009.json``, which follows
``formulas.md`` section 6 exactly (see docs/importers.md):

* one organisation per EIN (zero-padded to 9 digits), one year per tax
  year; names are compared with the library's caseless key and a name that
  really changes is reported;
* revenue lines per Part VIII line, in the category the mapping names;
  rule 1: with the contributions total (1h), gifts also take
  max(0, 1h - the 1a-1f lines present); rule 2: total revenue T is line
  12A, else Part I line 12; rule 3: with 1h present the remainder
  R = T - the six streams goes to financial_other; without 1h R is
  *unattributed*; rule 4: an unattributed R above 1 % of T makes the
  stream split incomplete;
* T is stored as the year's ``total_revenue`` and only attributed lines go
  to ``revenue``: an unattributed remainder shows as the gap between the
  two and in the import report (``YearReport.unattributed``);
* an empty cell is missing, never zero; a value outside the model's domain
  (a negative cash total...) is left missing and reported.

Use :func:`read` for dicts, :func:`load` for assoc.Organisation objects.
"""

from collections import OrderedDict

from .mapping import (ImportResult, Issue, OrgReport, clean_number, load_mapping,
                      match_key, parse_number, read_table, row_line, source_name)

__all__ = ["DEFAULT_MAPPING", "read", "load", "rows_to_dicts", "STREAMS"]

DEFAULT_MAPPING = "irs990-nccs-efile-2009"

#: The six streams of formulas.md section 1.1, in the library's order.
STREAMS = ("dues", "gifts", "private_earned", "public_contracts", "public_subsidies", "financial_other")

# Model fields that must be >= 0 (lib/schema.c); a negative source value is
# left missing and reported rather than refused with the whole organisation.
_NONNEG = {"expenses/total", "expenses/program", "expenses/admin", "expenses/fundraising",
           "expenses/depreciation", "balance/assets", "balance/liabilities", "balance/cash",
           "balance/net_fixed_assets", "people/employees/headcount", "people/volunteers/headcount"}


def read(source, mapping=None, duplicates=None):
    """Import a CSV file (path or text file object) or an iterable of row
    dicts. Returns an ImportResult whose organisations are dicts.

    duplicates: policy for two returns of one EIN and tax year: None for
    the mapping's ("latest_return_id"), "first", "last" (file order) or
    "error" (raise SourceDataError).
    """
    m = load_mapping(mapping, DEFAULT_MAPPING)
    columns, rows = read_table(source, m.get("delimiter", ","))
    return rows_to_dicts(rows, columns=columns, mapping=m, duplicates=duplicates,
                         source=source_name(source))


def load(source, mapping=None, duplicates=None):
    """Like :func:`read`, with the organisations as assoc.Organisation objects."""
    return read(source, mapping, duplicates).to_organisations()


def rows_to_dicts(rows, columns=None, mapping=None, duplicates=None, source=None):
    """Import rows (dicts keyed by column) of one layout. `columns` is the
    table's header (taken from the first row when None). Raises
    LayoutError when a required column is absent."""
    m = load_mapping(mapping, DEFAULT_MAPPING)
    rows = iter(rows)
    if columns is None:
        first = next(rows, None)
        columns = list(first.keys()) if first is not None else []
        rows = _prepend(first, rows) if first is not None else rows
    columns, rows = m.normalise_header(columns, rows)
    m.check_columns(columns)
    result = ImportResult(m, source)
    returns = _collect(rows, m, result)
    policy = duplicates or m["duplicates"]["policy"]
    for ein, per_year in returns.items():
        org, rep = _organisation(ein, per_year, m, policy, set(columns))
        result.organisations.append(org)
        result.reports.append(rep)
    return result


def _prepend(first, rest):
    yield first
    for r in rest:
        yield r


# ---------------------------------------------------------------------------
# rows -> returns grouped by EIN and year

def _collect(rows, m, result):
    """OrderedDict ein -> {year: [ (row_number, row), ... ]} in file order."""
    ident = m["identity"]
    out = OrderedDict()
    for i, row in enumerate(rows, start=2):  # line 1 is the header
        n = row_line(row, i)
        ein = _ein(m.text(row, ident["id"]["column"]), ident["id"].get("digits", 9))
        year_text = m.text(row, ident["year"]["column"])
        year = _year(year_text)
        if ein is None or year is None:
            what = "EIN %r" % m.text(row, ident["id"]["column"]) if ein is None else "tax year %r" % year_text
            result.problems.append(Issue("row_skipped", "skipped",
                                         "line %d not imported: %s is not usable" % (n, what),
                                         values={"line": n}))
            continue
        out.setdefault(ein, {}).setdefault(year, []).append((n, row))
    return out


def _ein(text, digits):
    if text is None:
        return None
    t = text.replace("-", "").strip()
    if t.endswith(".0"):  # a number that went through a float
        t = t[:-2]
    if not t.isdigit() or len(t) > digits:
        return None
    return t.zfill(digits)


def _year(text):
    if text is None:
        return None
    t = text[:-2] if text.endswith(".0") else text
    if not t.isdigit() or len(t) != 4:
        return None
    y = int(t)
    return y if 1900 <= y <= 2100 else None


def _object_id(url):
    """The IRS object id (digits of the XML file name), or None."""
    if not url:
        return None
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    digits = "".join(ch for ch in tail.split("_", 1)[0] if ch.isdigit())
    return int(digits) if digits else None


def _choose(entries, m, policy, rep, year):
    """One return among several for the same EIN and year."""
    if len(entries) == 1:
        return entries[0]
    id_col = m["identity"]["return_id"]["column"]
    if policy == "error":
        from .mapping import SourceDataError
        raise SourceDataError("%d returns for EIN %s and tax year %d (lines %s)"
                              % (len(entries), rep.id, year, ", ".join(str(n) for n, _ in entries)))
    if policy == "first":
        kept = entries[0]
    elif policy == "last":
        kept = entries[-1]
    else:  # latest_return_id
        def key(entry):
            oid = _object_id(m.text(entry[1], id_col))
            return (oid is not None, oid or 0, entry[0])
        kept = max(entries, key=key)
    others = [e for e in entries if e is not kept]
    rep.add("duplicate_return", "inconsistency",
            "%d returns for tax year %d: kept line %d (%s), set aside line%s %s (policy %s)"
            % (len(entries), year, kept[0], m.text(kept[1], id_col) or "no return id",
               "s" if len(others) > 1 else "", ", ".join("%d (%s)" % (n, m.text(r, id_col)) for n, r in others),
               policy),
            year=year, kept_line=kept[0], set_aside_lines=[n for n, _ in others])
    return kept


# ---------------------------------------------------------------------------
# one organisation

def _name(row, m):
    spec = m["identity"]["name"]
    parts = []
    for i, col in enumerate(spec["columns"]):
        t = m.text(row, col)
        if not t:
            continue
        if i > 0 and any(t.upper().startswith(p) for p in spec.get("not_continuation_prefixes", [])):
            continue
        parts.append(t)
    return " ".join(parts) if parts else None


def _organisation(ein, per_year, m, policy, columns):
    ident = m["identity"]
    rep = OrgReport(ein, None, m.name)
    chosen = {}
    for year in sorted(per_year):
        chosen[year] = _choose(per_year[year], m, policy, rep, year)
    # The latest year's name and state describe the organisation today.
    names = [(y, _name(chosen[y][1], m)) for y in sorted(chosen)]
    names = [(y, n) for y, n in names if n]
    name = names[-1][1] if names else "EIN %s" % ein
    if not names:
        rep.add("name_missing", "note", "no name in any return: named after the EIN")
    keys = OrderedDict()
    for y, n in names:
        keys.setdefault(match_key(n), (y, n))
    if len(keys) > 1:
        rep.add("name_changed", "note",
                "the name changes across years (beyond case and accents): %s"
                % "; ".join("%d %r" % (y, n) for y, n in keys.values()),
                names={str(y): n for y, n in keys.values()})
    rep.name = name
    territory = {"country": ident["country"]}
    region_spec = ident.get("region")
    if region_spec and region_spec["column"] in columns:
        for y in sorted(chosen, reverse=True):
            st = m.text(chosen[y][1], region_spec["column"])
            if st:
                territory["region"] = region_spec.get("prefix", "") + st.upper()
                break
    org = OrderedDict()
    org["id"] = {"scheme": ident["id"]["scheme"], "value": ein}
    org["name"] = name
    org["territory"] = territory
    org["years"] = [_year_dict(y, chosen[y], m, rep, columns) for y in sorted(chosen)]
    return org, rep


def _num(row, column, m, rep, year, what):
    """A cell as a number; None when missing; a text that is not a number
    is reported and treated as missing (never as zero)."""
    t = m.text(row, column)
    if t is None:
        return None
    x = parse_number(t)
    if x is None:
        rep.add("not_a_number", "dropped", "%s (%s) is %r, not a number: left missing" % (what, column, t),
                year=year, column=column, text=t)
    return x


def _year_dict(year, entry, m, rep, columns):
    n, row = entry
    ident = m["identity"]
    yr = rep.year(year)
    yr.source_ref = m.text(row, ident["return_id"]["column"]) if ident["return_id"]["column"] in columns else "line %d" % n
    rtype = m.text(row, ident["return_type"]["column"]) if ident["return_type"]["column"] in columns else None
    y = OrderedDict()
    y["year"] = year
    y["currency"] = ident["currency"]
    lines, total = _revenue(row, m, rep, yr, year)
    if total is not None:
        y["total_revenue"] = clean_number(total)
    if lines:
        y["revenue"] = lines
    for path, value in _fields(row, m, rep, yr, year):
        _put(y, path, clean_number(value))
    _checks(row, m, rep, year)
    notes = ["Form %s return (NCCS e-file)" % rtype if rtype else "Form 990 return (NCCS e-file)"]
    if yr.source_ref:
        notes.append(yr.source_ref)
    if yr.stream_split == "incomplete":
        notes.append("revenue not attributable to streams in this layout: %s of total revenue %s "
                     "unattributed (formulas.md section 6 rule 4)"
                     % (_money(yr.unattributed), _money(yr.total_revenue)))
    y["note"] = "; ".join(notes)
    if rtype and rtype.upper() not in ("990", "990EZ", "990-EZ"):
        rep.add("return_type", "note",
                "Form %s: this layout maps Form 990 and 990-EZ columns; the return's own figures are not in them" % rtype,
                year=year, return_type=rtype)
    return y


def _money(x):
    return "n/a" if x is None else "%s" % format(clean_number(x), ",")


def _put(d, path, value):
    parts = path.split("/")
    for p in parts[:-1]:
        d = d.setdefault(p, OrderedDict())
    d[parts[-1]] = value


# ---------------------------------------------------------------------------
# revenue: formulas.md section 6 rules 1-4

def _revenue(row, m, rep, yr, year):
    spec = m["revenue"]
    streams = OrderedDict((s, None) for s in STREAMS)
    lines = []
    parts_present = 0.0
    parts_sum = 0.0

    def add_stream(stream, amount):
        streams[stream] = (streams[stream] or 0.0) + amount

    for ln in spec["lines"]:
        v = _num(row, ln["column"], m, rep, year, "line %s" % ln["line"])
        if v is None:
            yr.missing.append(ln["line"])
            continue
        yr.mapped.append(ln["line"])
        add_stream(ln["stream"], v)
        if ln.get("contribution_part"):
            parts_present += 1
            parts_sum += v
        if v != 0:
            lines.append(_line(ln["label"], ln["category"], v))
    ct = spec["contributions_total"]
    h = _num(row, ct["column"], m, rep, year, "line %s" % ct["line"])
    if h is None:
        yr.missing.append(ct["line"])
    else:
        yr.mapped.append(ct["line"])
        rest = h - parts_sum
        if rest < 0:
            rep.add("contributions_below_parts", "inconsistency",
                    "line 1h (%s) is below the sum of lines 1a-1f present (%s): nothing more attributed to gifts"
                    % (_money(h), _money(parts_sum)), year=year, line_1h=clean_number(h),
                    parts=clean_number(parts_sum))
        elif rest > 0:
            r = ct["remainder"]
            add_stream(r["stream"], rest)
            lines.append(_line(r["label"], r["category"], rest))
            rep.add("contributions_remainder", "note",
                    "rule 1: %s of contributions not itemised on lines 1a-1f (1h %s) attributed to gifts"
                    % (_money(rest), _money(h)), year=year, amount=clean_number(rest))
    total = None
    for alt in spec["total"]["alternatives"]:
        total = _num(row, alt["column"], m, rep, year, "total revenue (%s)" % alt["line"])
        if total is not None:
            yr.mapped.append(alt["line"])
            break
    if total is None:
        yr.missing.append("12A")
    yr.total_revenue = total
    rem = spec["remainder"]
    attributed = sum(v for v in streams.values() if v is not None)
    if total is None:
        yr.stream_split = "unknown"
        rep.add("total_revenue_missing", "note",
                "no total revenue (line 12A nor Part I line 12): stream shares rest on the lines present only",
                year=year)
    else:
        r = total - attributed
        eps = 1e-9 * max(1.0, abs(total))
        if h is not None:
            yr.unattributed = 0.0
            yr.stream_split = "complete"
            if abs(r) > eps:
                w = rem["with_contributions_total"]
                add_stream(w["stream"], r)
                lines.append(_line(w["label"], w["category"], r))
                rep.add("remainder_to_financial_other", "note" if r > 0 else "inconsistency",
                        "rule 3: remainder R = %s (total %s minus the lines present) attributed to financial_other"
                        % (_money(r), _money(total)), year=year, remainder=clean_number(r))
        else:
            yr.unattributed = r if abs(r) > eps else 0.0
            tol = rem["unattributed_tolerance"]
            if abs(r) > tol * abs(total) or (total == 0 and abs(r) > eps):
                yr.stream_split = "incomplete"
                rep.add("stream_split_incomplete", "note",
                        "rule 4: %s of total revenue %s (%.1f %%) is not attributable to streams in this layout "
                        "(no line 1h): every stream-share measure is not computable"
                        % (_money(r), _money(total), 100.0 * r / total if total else float("inf")),
                        year=year, unattributed=clean_number(r), total_revenue=clean_number(total))
            else:
                yr.stream_split = "complete"
                if abs(r) > eps:
                    rep.add("small_unattributed", "note",
                            "rule 4: %s of total revenue %s unattributed (within %g %%)"
                            % (_money(r), _money(total), 100 * tol), year=year, unattributed=clean_number(r))
    yr.streams = OrderedDict((k, v) for k, v in streams.items() if v is not None)
    return lines, total


def _line(label, category, amount):
    return OrderedDict([("label", label), ("category", category), ("amount", clean_number(amount))])


# ---------------------------------------------------------------------------
# expenses, balance sheet, people

def _fields(row, m, rep, yr, year):
    for f in m["fields"]:
        value, used = None, None
        for alt in f["alternatives"]:
            got = [(c, _num(row, c, m, rep, year, f["path"])) for c in alt]
            got = [(c, v) for c, v in got if v is not None]
            if got:
                value = sum(v for _, v in got)
                used = [c for c, _ in got]
                break
        if value is None:
            yr.missing.append(f["path"])
            continue
        if f["path"] in _NONNEG and value < 0:
            rep.add("negative_value", "dropped",
                    "%s = %s (%s) is negative where the model needs >= 0: left missing"
                    % (f["path"], _money(value), " + ".join(used)), year=year, field=f["path"],
                    value=clean_number(value))
            yr.missing.append(f["path"])
            continue
        yr.mapped.append(f["path"])
        yield f["path"], value


def _checks(row, m, rep, year):
    checks = m.get("checks", {})
    fe = checks.get("functional_expenses")
    if fe:
        total = parse_number(m.text(row, fe["total"]) or "")
        parts = [parse_number(m.text(row, c) or "") for c in fe["parts"]]
        if total is not None and all(p is not None for p in parts):
            s = sum(parts)
            if abs(s - total) > fe["tolerance"]:
                rep.add("functional_expenses_mismatch", "inconsistency",
                        "functional expenses do not add up: program %s + management %s + fundraising %s = %s, "
                        "total expenses %s (difference %s)"
                        % (_money(parts[0]), _money(parts[1]), _money(parts[2]), _money(s), _money(total),
                           _money(s - total)),
                        year=year, program=clean_number(parts[0]), admin=clean_number(parts[1]),
                        fundraising=clean_number(parts[2]), total=clean_number(total),
                        difference=clean_number(s - total))
    rt = checks.get("revenue_totals")
    if rt:
        vals = [(c, parse_number(m.text(row, c) or "")) for c in rt["columns"]]
        vals = [(c, v) for c, v in vals if v is not None]
        if len(vals) == 2 and abs(vals[0][1] - vals[1][1]) > rt["tolerance"]:
            rep.add("revenue_totals_mismatch", "inconsistency",
                    "total revenue differs between %s (%s) and %s (%s)"
                    % (vals[0][0], _money(vals[0][1]), vals[1][0], _money(vals[1][1])), year=year,
                    **{c: clean_number(v) for c, v in vals})
    bs = checks.get("balance_sheet")
    if bs:
        a, l, na = (parse_number(m.text(row, bs[k]) or "") for k in ("assets", "liabilities", "net_assets"))
        if a is not None and l is not None and na is not None and abs(a - l - na) > bs["tolerance"]:
            rep.add("balance_sheet_mismatch", "inconsistency",
                    "assets %s - liabilities %s = %s, but net assets are %s"
                    % (_money(a), _money(l), _money(a - l), _money(na)), year=year,
                    assets=clean_number(a), liabilities=clean_number(l), net_assets=clean_number(na))

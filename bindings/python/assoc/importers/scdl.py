"""French SCDL "subventions" files (subsidy awards published by public bodies).

The mapping is ``mappings/scdl-subventions-2018.json``; docs/importers.md
explains it. In short:

* one organisation per beneficiary SIREN (a SIRET gives its first 9
  digits; any other identifier is not guessed: the award is skipped and
  reported), one year per year of ``dateConvention`` (a bare year or a
  date), one public-subsidy revenue line per award, of amount
  ``montant x pourcentageSubvention``;
* the funder is identified by its SIREN (SIRET -> first 9 digits); its
  public level and territory come from the SIREN's INSEE block (22 +
  département for a departmental council...) and from its name (the
  words "département", "région"... and the name of a département, matched
  caselessly and without accents); the two are cross-checked and any
  disagreement is reported;
* the result is a *partial* model: only public subsidies from the
  publishers of the file are known, so ``total_revenue`` is left absent,
  every year says ``"revenue_complete": false`` (the library then computes
  the funder level over the recorded subsidies and refuses every share of
  the whole revenue) and every year's report says
  ``stream_split = "partial_source"``;
* in-kind awards ("aide en nature") are not imported (the SCDL does not
  say what was given): they are listed in the reports.
"""

import re
from collections import OrderedDict

from .dates import parse_date
from .mapping import (ImportResult, Issue, OrgReport, SourceDataError, clean_number, load_mapping,
                      match_key, parse_number, read_table, row_line, source_name)

__all__ = ["DEFAULT_MAPPING", "read", "load", "rows_to_dicts", "resolve_funder", "siren_of", "luhn_valid"]

DEFAULT_MAPPING = "scdl-subventions-2018"


def read(source, mapping=None, slash_dates=None, on_error="raise"):
    """Import an SCDL file (path or text file object, ';'-separated) or an
    iterable of row dicts. Returns an ImportResult of dicts.

    slash_dates: convention of dates written with slashes (None: the
    mapping's, "DD/MM/YYYY"). on_error: "raise" (SourceDataError on a date
    that cannot be read without guessing) or "skip" (skip the award, report it).
    """
    m = load_mapping(mapping, DEFAULT_MAPPING)
    columns, rows = read_table(source, m.get("delimiter", ";"))
    return rows_to_dicts(rows, columns=columns, mapping=m, slash_dates=slash_dates, on_error=on_error,
                         source=source_name(source))


def load(source, mapping=None, slash_dates=None, on_error="raise"):
    """Like :func:`read`, with assoc.Organisation objects."""
    return read(source, mapping, slash_dates, on_error).to_organisations()


# ---------------------------------------------------------------------------
# identifiers

def luhn_valid(digits):
    """The Luhn check that SIREN and SIRET numbers carry."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def siren_of(text):
    """The SIREN of a SIREN (9 digits) or SIRET (14 digits), spaces allowed;
    None for anything else (never padded or truncated by guess)."""
    if text is None:
        return None
    t = re.sub(r"\s", "", str(text))
    if not t.isdigit():
        return None
    if len(t) == 14:
        return t[:9]
    if len(t) == 9:
        return t
    return None


# ---------------------------------------------------------------------------
# funders

def _words(text):
    """Match key with punctuation as spaces: "Côte-d'Or" -> "cote d or"."""
    k = match_key(text)
    return " ".join(re.sub(r"[^\w]+", " ", k).split())


class _FunderResolver:
    def __init__(self, m):
        f = m["funder"]
        self.m = m
        self.levels = f["siren_levels"]
        self.name_levels = [(e["level"], [_words(k) for k in e["keywords"]]) for e in f["name_levels"]]
        self.categories = f["category_by_level"]
        self.deps = m["departements"]
        self.dep_regions = m["departement_regions"]
        self.dep_names = sorted(((_words(n), code) for code, n in self.deps.items()),
                                key=lambda p: -len(p[0]))
        self.cache = {}

    def dep_from_siren(self, siren):
        code = siren[2:4]
        if code == "97":
            code = siren[2:5]
        return code if code in self.deps and code != "20" else None

    def deps_in_name(self, name):
        """Départements named in `name`: longest names first, overlapping
        shorter ones ("Loire" inside "Loire-Atlantique") ignored."""
        w = " " + _words(name) + " "
        found, taken = [], []
        for key, code in self.dep_names:
            start = w.find(" " + key + " ")
            while start >= 0:
                span = (start, start + len(key) + 2)
                if not any(a < span[1] and span[0] < b for a, b in taken):
                    taken.append(span)
                    if code not in found:
                        found.append(code)
                start = w.find(" " + key + " ", start + 1)
        return found

    def level_from_name(self, name):
        w = " " + _words(name) + " "
        for level, keys in self.name_levels:
            if any((" " + k + " ") in w for k in keys):
                return level
        return None

    def resolve(self, name, id_text):
        key = (name, id_text)
        if key not in self.cache:
            self.cache[key] = resolve_funder(name, id_text, self)
        return self.cache[key]


def resolve_funder(name, id_text, resolver):
    """(funder dict, category, notes) for a funder name and SIRET/SIREN.
    notes are (kind, severity, message) triples for the report."""
    notes = []
    funder = OrderedDict()
    siren = siren_of(id_text)
    if siren is None and id_text:
        notes.append(("funder_id_invalid", "dropped",
                      "funder id %r is neither a SIRET nor a SIREN: funder identified by name only" % id_text))
    if siren is not None:
        funder["id"] = {"scheme": resolver.m["funder"]["scheme"], "value": siren}
        if not luhn_valid(siren):
            notes.append(("funder_siren_checksum", "inconsistency",
                          "funder SIREN %s (from %s) fails the Luhn check: kept as published" % (siren, id_text)))
    if name:
        funder["name"] = name
    funder["kind"] = resolver.m["funder"]["kind"]
    level_siren = resolver.levels.get(siren[:2]) if siren else None
    level_name = resolver.level_from_name(name) if name else None
    level = level_siren or level_name
    if level_siren and level_name and level_siren != level_name:
        notes.append(("funder_level_mismatch", "inconsistency",
                      "funder %r: its SIREN %s says %s, its name says %s; the SIREN is kept"
                      % (name, siren, level_siren, level_name)))
    dep = None
    dep_siren = resolver.dep_from_siren(siren) if level_siren else None
    if level in ("departement", "commune", "intercommunality"):
        named = resolver.deps_in_name(name) if name and level == "departement" else []
        if len(named) > 1:
            notes.append(("funder_departement_ambiguous", "note",
                          "funder %r names several départements (%s)" % (name, ", ".join(named))))
        dep_name = named[0] if len(named) == 1 else None
        if dep_siren and dep_name and dep_siren != dep_name:
            notes.append(("funder_departement_mismatch", "inconsistency",
                          "funder %r: its SIREN %s says département %s, its name says %s; the SIREN is kept"
                          % (name, siren, dep_siren, dep_name)))
        dep = dep_siren or dep_name
    territory = OrderedDict([("country", resolver.m["country"])])
    if level == "region" and dep_siren:
        territory["region"] = resolver.dep_regions[dep_siren]
    elif dep:
        territory["region"] = resolver.dep_regions[dep]
        territory["departement"] = dep
    if level:
        funder["public_level"] = level
    funder["territory"] = territory
    if level is None:
        notes.append(("funder_level_unknown", "note",
                      "public level of funder %r (%s) not derivable from its SIREN or name: subsidy_other_public"
                      % (name, id_text)))
    category = resolver.categories.get(level or "unknown", resolver.categories["unknown"])
    return funder, category, notes


# ---------------------------------------------------------------------------
# rows

def _nature(text, m):
    """(cash, in_kind) booleans of a nature cell; (None, None) if unknown;
    ("missing", False) for an empty cell."""
    if text is None:
        return "missing", False
    spec = m["nature"]
    cash_words = {_words(w) for w in spec["cash"]}
    kind_words = {_words(w) for w in spec["in_kind"]}
    cash = kind = False
    for part in text.split(spec["separator"]):
        w = _words(part)
        if not w:
            continue
        if w in cash_words:
            cash = True
        elif w in kind_words:
            kind = True
        else:
            return None, None
    return cash, kind


def rows_to_dicts(rows, columns=None, mapping=None, slash_dates=None, on_error="raise", source=None):
    """Import SCDL rows (dicts keyed by column). LayoutError when a column
    the layout needs is absent."""
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    m = load_mapping(mapping, DEFAULT_MAPPING)
    rows = iter(rows)
    if columns is None:
        first = next(rows, None)
        columns = list(first.keys()) if first is not None else []
        if first is not None:
            rows = _chain(first, rows)
    columns, rows = m.normalise_header(columns, rows)
    m.check_columns(columns)
    slash = slash_dates or m.get("slash_dates")
    col = m["columns"]
    resolver = _FunderResolver(m)
    result = ImportResult(m, source)
    benef = OrderedDict()  # siren -> {"rows": [...], "report": OrgReport}

    def problem(kind, message, n, **values):
        result.problems.append(_issue(kind, "skipped", "line %d: %s" % (n, message), line=n, **values))

    for i, row in enumerate(rows, start=2):  # line 1 is the header
        n = row_line(row, i)
        bid_text = m.text(row, col["beneficiary_id"])
        bname = m.text(row, col["beneficiary_name"])
        siren = siren_of(bid_text)
        if siren is None:
            problem("beneficiary_id_invalid",
                    "beneficiary %r has id %r, neither a SIREN nor a SIRET: award not imported" % (bname, bid_text),
                    n, name=bname, id=bid_text)
            continue
        entry = benef.get(siren)
        if entry is None:
            entry = benef[siren] = {"awards": [], "report": OrgReport(siren, bname, m.name), "names": []}
        rep = entry["report"]

        def skip(kind, message, **values):
            rep.add(kind, "skipped", "line %d: %s" % (n, message), line=n, **values)
            problem(kind, message, n, beneficiary=siren, **values)

        date_text = m.text(row, col["date"])
        if date_text is None:
            skip("date_missing", "no dateConvention: award not imported (its year is unknown)")
            continue
        try:
            iso, how = parse_date(date_text, slash, allow_partial=True,
                                  path="line %d, column %s" % (n, col["date"]))
        except SourceDataError as e:
            if on_error == "raise":
                raise
            skip("date_unreadable", e.message, text=date_text)
            continue
        year = int(iso[:4])
        amount_text = m.text(row, col["amount"])
        montant = parse_number(amount_text) if amount_text is not None else None
        if montant is None:
            skip("amount_missing" if amount_text is None else "amount_unreadable",
                 "montant %r is not a number: award not imported" % amount_text if amount_text is not None
                 else "no montant: award not imported (missing is not zero)", text=amount_text)
            continue
        cash, in_kind = _nature(m.text(row, col["nature"]), m) if col["nature"] in columns else ("missing", False)
        if cash == "missing":
            # nature is required by the SCDL; nearly every award is cash.
            rep.add("nature_missing", "note", "line %d: nature empty: the award is taken as cash" % n,
                    year=year, line=n)
            cash = True
        if cash is None:
            skip("nature_unknown", "nature %r is neither cash nor in kind: award not imported"
                 % m.text(row, col["nature"]))
            continue
        funder_name = m.text(row, col["funder_name"])
        funder_id = m.text(row, col["funder_id"])
        if in_kind:
            detail = m.text(row, col.get("in_kind_detail", "")) if col.get("in_kind_detail") in columns else None
            estimate = m.text(row, col.get("in_kind_estimate", "")) if col.get("in_kind_estimate") in columns else None
            rep.add("in_kind_not_imported", "note",
                    "line %d: in-kind part of an award from %s not imported%s%s"
                    % (n, funder_name, " (%s)" % detail if detail else "",
                       ", estimated %s EUR" % estimate if estimate else ""),
                    year=year, line=n, detail=detail, estimate=estimate)
            if not cash:
                continue
        share_text = m.text(row, col["share"]) if col["share"] in columns else None
        share = 1.0
        if share_text is None:
            rep.add("share_missing", "note",
                    "line %d: pourcentageSubvention empty: the whole montant %s is taken as this beneficiary's"
                    % (n, amount_text), year=year, line=n)
        else:
            s = parse_number(share_text)
            if s is None or s < 0 or s > 100:
                skip("share_unreadable", "pourcentageSubvention %r is not a share: award not imported" % share_text)
                continue
            if s > 1:
                rep.add("share_percent", "note",
                        "line %d: pourcentageSubvention %s is above 1: read as a percentage (%s %%)"
                        % (n, share_text, share_text), year=year, line=n, share=share_text)
                s = s / 100.0
            share = s
        amount = montant * share
        funder, category, notes = resolver.resolve(funder_name, funder_id)
        for kind, severity, message in notes:
            if all(i.message != message for i in rep.issues_of(kind)):
                rep.add(kind, severity, message, year=year)
        purpose = m.text(row, col["purpose"]) if col.get("purpose") in columns else None
        label = purpose[:1000] if purpose else "Subsidy from %s" % (funder_name or funder_id)
        line = OrderedDict([("label", label), ("category", category), ("amount", clean_number(round(amount, 2)))])
        line["funder"] = funder
        entry["awards"].append((year, n, line, how))
        if bname:
            entry["names"].append((year, n, bname))

    for siren, entry in benef.items():
        if not entry["awards"]:
            continue
        org, rep = _organisation(siren, entry, m)
        result.organisations.append(org)
        result.reports.append(rep)
    return result


def _chain(first, rest):
    yield first
    for r in rest:
        yield r


def _issue(kind, severity, message, **values):
    return Issue(kind, severity, message, None, values)


def _organisation(siren, entry, m):
    rep = entry["report"]
    names = sorted(entry["names"])
    name = names[-1][2] if names else "SIREN %s" % siren
    variants = OrderedDict()
    for y, n, nm in names:
        variants.setdefault(match_key(nm), nm)
    if len(variants) > 1:
        rep.add("name_variants", "note", "the beneficiary's name is written %d ways: %s"
                % (len(variants), "; ".join(repr(v) for v in variants.values())))
    rep.name = name
    years = OrderedDict()
    for year, n, line, how in sorted(entry["awards"], key=lambda a: (a[0], a[1])):
        years.setdefault(year, []).append((n, line, how))
    org = OrderedDict()
    org["id"] = {"scheme": m["beneficiary"]["scheme"], "value": siren}
    org["name"] = name
    org["territory"] = {"country": m["country"]}
    org["years"] = []
    for year, lines in years.items():
        yr = rep.year(year)
        yr.stream_split = "partial_source"
        yr.mapped = ["line %d" % n for n, _, _ in lines]
        yr.source_ref = "lines %s" % ", ".join(str(n) for n, _, _ in lines)
        yr.streams = {"public_subsidies": sum(line["amount"] for _, line, _ in lines)}
        y = OrderedDict()
        y["year"] = year
        y["currency"] = m["currency"]
        # Only the subsidies of the file's publishers: not the whole revenue.
        y["revenue_complete"] = False
        y["revenue"] = [line for _, line, _ in lines]
        y["note"] = ("SCDL subsidy data: only the public subsidies published by their funders are known; "
                     "the organisation's other revenue, expenses and balance sheet are not in the data")
        org["years"].append(y)
    return org, rep

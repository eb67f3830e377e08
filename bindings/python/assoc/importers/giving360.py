"""360Giving grants (JSON ``{"grants": [...]}`` or the flattened spreadsheet).

The mapping is ``mappings/360giving-1.3.json``; docs/importers.md explains
it. In short:

* one organisation per recipient org-id (``GB-CHC-1136419``, scheme
  ``org_id``), one year per year of the *award date*: the whole amount
  counts in the year the grant was awarded, not spread over its planned
  period; one ``foundation_grants`` revenue line per grant, with the funder;
* each grant is also an alliance with the funder (one alliance per grant,
  id = the grant's id): family and partner kind from the mapping's funder
  table (the Lloyds Bank Foundation, a corporate foundation: ``mecenat``,
  ``foundation``), a money contribution from the funder, start and end
  from ``plannedDates``; the library derives multi-year (>= 24 months) from
  the dates, and the importer reports any grant whose stated duration
  disagrees with its dates;
* ISO 8601 dates are read as written; DD/MM/YYYY is accepted because the
  mapping declares it (override with ``slash_dates``); anything ambiguous
  raises SourceDataError with the JSON Pointer of the value, or, with
  ``on_error="skip"``, skips the grant and reports it;
* the result is a partial model (grant income only): ``total_revenue`` is
  absent, every year says ``"revenue_complete": false`` (the library then
  computes the funder level over the recorded grants and refuses every share
  of the whole revenue) and each year's report says
  ``stream_split = "partial_source"``.
"""

import json
import os
import re
from collections import OrderedDict

from .dates import months_between, parse_date
from .mapping import (ImportResult, Issue, LayoutError, OrgReport, SourceDataError, clean_number,
                      load_mapping, match_key, parse_number, read_table, source_name)

__all__ = ["DEFAULT_MAPPING", "read", "load", "grants_to_dicts", "rows_to_grants"]

DEFAULT_MAPPING = "360giving-1.3"


def read(source, mapping=None, slash_dates=None, on_error="raise", funder_kind=None, funder_family=None):
    """Import a 360Giving JSON file (path, file object or the parsed
    ``{"grants": [...]}``/list of grants) or a flattened CSV (path ending in
    .csv). Returns an ImportResult of dicts.

    funder_kind / funder_family override the mapping's funder table for
    every funder (e.g. "foundation" / "inter_association").
    """
    m = load_mapping(mapping, DEFAULT_MAPPING)
    name = source_name(source) if not isinstance(source, (dict, list)) else "<grants>"
    if isinstance(source, (str, os.PathLike)) and os.fspath(source).lower().endswith(".csv"):
        columns, rows = read_table(source, ",")
        grants = rows_to_grants(rows, columns, m)
        base = "/rows"
    else:
        if isinstance(source, (str, os.PathLike)):
            with open(source, encoding="utf-8-sig") as f:
                doc = json.load(f)
        elif hasattr(source, "read"):
            doc = json.load(source)
        else:
            doc = source
        grants = doc.get("grants") if isinstance(doc, dict) else doc
        if not isinstance(grants, list):
            raise LayoutError(m.name, [["grants"]], list(doc) if isinstance(doc, dict) else [])
        base = "/grants"
    return grants_to_dicts(grants, mapping=m, slash_dates=slash_dates, on_error=on_error,
                           funder_kind=funder_kind, funder_family=funder_family, source=name, base=base)


def load(source, **kw):
    """Like :func:`read`, with assoc.Organisation objects."""
    return read(source, **kw).to_organisations()


def rows_to_grants(rows, columns, mapping=None):
    """Grants (nested dicts as in the JSON) from flattened spreadsheet rows."""
    m = load_mapping(mapping, DEFAULT_MAPPING)
    titles = m["spreadsheet_columns"]
    have = set(columns)
    missing = []
    for req in m["required"]:
        key = req["any_of"][0]
        cols = [t for p, t in titles.items() if p.split("/")[0] == key]
        if not any(c in have for c in cols):
            missing.append(cols)
    if missing:
        raise LayoutError(m.name, missing, columns)
    grants = []
    for row in rows:
        g = {}
        for path, title in titles.items():
            v = row.get(title)
            if m.is_missing(v):
                continue
            _set_path(g, path, v.strip() if isinstance(v, str) else v)
        grants.append(g)
    return grants


def _set_path(d, path, value):
    parts = path.split("/")
    cur = d
    for i, p in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if nxt.isdigit():
            lst = cur.setdefault(p, [])
            idx = int(nxt)
            while len(lst) <= idx:
                lst.append({})
            cur = lst[idx]
        elif p.isdigit():
            continue
        else:
            cur = cur.setdefault(p, {})
    cur[parts[-1]] = value


# ---------------------------------------------------------------------------

class _Context:
    def __init__(self, m, slash, on_error, funder_kind, funder_family, result, base):
        self.m = m
        self.slash = slash
        self.on_error = on_error
        self.funder_kind = funder_kind
        self.funder_family = funder_family
        self.result = result
        self.base = base
        self.orgs = OrderedDict()  # org id -> {"grants": [...], "report": OrgReport}


def grants_to_dicts(grants, mapping=None, slash_dates=None, on_error="raise", funder_kind=None,
                    funder_family=None, source=None, base="/grants"):
    """Import a list of grants (dicts of the 360Giving JSON schema)."""
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    m = load_mapping(mapping, DEFAULT_MAPPING)
    keys = set()
    for g in grants:
        if isinstance(g, dict):
            keys.update(g.keys())
    if grants:  # an empty file is no evidence of another layout
        m.check_columns(keys)
    result = ImportResult(m, source)
    ctx = _Context(m, slash_dates or m.get("slash_dates"), on_error, funder_kind, funder_family, result, base)
    for i, g in enumerate(grants):
        _grant(ctx, i, g)
    for org_id, entry in ctx.orgs.items():
        if entry["grants"]:
            org, rep = _organisation(ctx, org_id, entry)
            result.organisations.append(org)
            result.reports.append(rep)
    return result


def _first(g, key):
    v = g.get(key)
    if isinstance(v, list):
        return v[0] if v and isinstance(v[0], dict) else None
    return v if isinstance(v, dict) else None


def _text(m, v):
    if m.is_missing(v):
        return None
    return str(v).strip()


def _grant(ctx, i, g):
    m = ctx.m
    path = "%s/%d" % (ctx.base, i)
    if not isinstance(g, dict):
        ctx.result.problems.append(Issue("grant_skipped", "skipped", "%s is not an object: skipped" % path))
        return
    gid = _text(m, g.get("id"))
    recipient = _first(g, "recipientOrganization") or {}
    rid_raw = _text(m, recipient.get("id"))
    rid = re.sub(r"\s+", "", rid_raw) if rid_raw else None
    rname = _text(m, recipient.get("name"))
    if not rid:
        ctx.result.problems.append(Issue("recipient_id_missing", "skipped",
                                         "%s: grant %s has no recipient id: not imported" % (path, gid),
                                         values={"path": path, "grant": gid, "recipient": rname}))
        return
    entry = ctx.orgs.get(rid)
    if entry is None:
        entry = ctx.orgs[rid] = {"grants": [], "report": OrgReport(rid, rname, m.name), "names": []}
    rep = entry["report"]
    if rid != rid_raw:
        rep.add("recipient_id_spaces", "note", "%s/recipientOrganization/0/id %r: white space removed" % (path, rid_raw))

    def skip(kind, message, **values):
        rep.add(kind, "skipped", "%s: %s" % (path, message), path=path, grant=gid, **values)
        ctx.result.problems.append(Issue(kind, "skipped", "%s: %s" % (path, message),
                                         values=dict(path=path, grant=gid, recipient=rid, **values)))

    def date(value, where, required):
        if m.is_missing(value):
            if required:
                skip("date_missing", "no %s: grant not imported" % where)
            return None, None
        try:
            return parse_date(value, ctx.slash, path="%s/%s" % (path, where))
        except SourceDataError as e:
            if ctx.on_error == "raise":
                raise
            skip("date_unreadable", e.message, text=str(value))
            return False, None

    if not gid:
        skip("grant_id_missing", "grant without an id: not imported")
        return
    amount = parse_number(g.get("amountAwarded")) if not m.is_missing(g.get("amountAwarded")) else None
    if amount is None:
        skip("amount_missing", "amountAwarded %r is not a number: grant not imported" % (g.get("amountAwarded"),))
        return
    currency = _text(m, g.get("currency"))
    if not currency:
        skip("currency_missing", "no currency: grant not imported")
        return
    award, how = date(g.get("awardDate"), "awardDate", True)
    if not award:
        return
    planned = _first(g, "plannedDates") or {}
    start, how_s = date(planned.get("startDate"), "plannedDates/0/startDate", False)
    end, how_e = date(planned.get("endDate"), "plannedDates/0/endDate", False)
    if start is False or end is False:
        return
    if start and end and end < start:
        skip("dates_reversed", "planned end %s before start %s: grant not imported" % (end, start))
        return
    for h in (how, how_s, how_e):
        if h in ("DD/MM/YYYY", "MM/DD/YYYY"):
            rep.add("slash_date", "note", "%s: a date written %s was read as %s (declared convention)"
                    % (path, h, h), path=path)
            break
    duration = parse_number(planned.get("duration")) if planned.get("duration") is not None else None
    if start and end and duration is not None:
        span = months_between(start, end)
        tol = m["alliance"]["duration_tolerance_months"]
        if abs(span - duration) > tol:
            limit = m["alliance"]["multi_year_months"]
            flip = (duration >= limit) != (span >= limit - 1e-9)
            rep.add("duration_mismatch", "inconsistency",
                    "%s: planned duration %s months but the dates %s..%s span %.1f months%s"
                    % (path, clean_number(duration), start, end, span,
                       " (multi-year by the dates, which the library uses, but not by the duration)"
                       if flip and span >= limit - 1e-9 else
                       " (multi-year by the duration but not by the dates, which the library uses)" if flip else ""),
                    path=path, duration=clean_number(duration), months=round(span, 2))
    funder = _first(g, "fundingOrganization") or {}
    entry["grants"].append({
        "path": path, "id": gid, "title": _text(m, g.get("title")), "amount": amount, "currency": currency.upper(),
        "award": award, "start": start, "end": end, "duration": duration,
        "funder_id": _text(m, funder.get("id")), "funder_name": _text(m, funder.get("name")),
        "programme": _text(m, (_first(g, "grantProgramme") or {}).get("title")),
    })
    if rname:
        entry["names"].append((award, rname))


def _funder_profile(ctx, funder_id, rep):
    m = ctx.m
    prof = None
    how = None
    if funder_id and funder_id in m["funders"]:
        prof, how = m["funders"][funder_id], "listed in the mapping"
    elif funder_id:
        for prefix, p in m["funder_prefixes"].items():
            if funder_id.startswith(prefix + "-"):
                prof, how = p, "from its register %s" % prefix
                break
    if prof is None:
        prof, how = m["funder_default"], "default"
    prof = dict(prof)
    if ctx.funder_kind:
        prof["kind"], how = ctx.funder_kind, "set by the caller"
    if ctx.funder_family:
        prof["family"], how = ctx.funder_family, "set by the caller"
    return prof, how


def _country(org_id):
    prefix = org_id.split("-", 1)[0]
    if len(prefix) == 2 and prefix.isalpha() and prefix.isupper() and not prefix.startswith("X"):
        return prefix
    return None


def _organisation(ctx, org_id, entry):
    m = ctx.m
    rep = entry["report"]
    names = sorted(entry["names"])
    name = names[-1][1] if names else org_id
    variants = OrderedDict()
    for _, nm in names:
        variants.setdefault(match_key(nm), nm)
    if len(variants) > 1:
        rep.add("name_variants", "note", "the recipient's name is written %d ways: %s"
                % (len(variants), "; ".join(repr(v) for v in variants.values())))
    rep.name = name
    org = OrderedDict()
    org["id"] = {"scheme": m["recipient"]["scheme"], "value": org_id}
    org["name"] = name
    country = _country(org_id) if m["recipient"].get("country_from_prefix") else None
    if country:
        org["territory"] = {"country": country}
    grants = sorted(entry["grants"], key=lambda x: (x["award"], x["path"]))
    years = OrderedDict()
    for gr in grants:
        years.setdefault(int(gr["award"][:4]), []).append(gr)
    org["years"] = []
    alliances = []
    for year, grs in years.items():
        currency = grs[0]["currency"]
        kept = []
        for gr in grs:
            if gr["currency"] != currency:
                rep.add("currency_mixed", "skipped",
                        "%s: grant %s in %s while the year %d is in %s (one currency per year): not imported"
                        % (gr["path"], gr["id"], gr["currency"], year, currency), year=year)
                continue
            kept.append(gr)
        yr = rep.year(year)
        yr.stream_split = "partial_source"
        yr.mapped = [gr["id"] for gr in kept]
        yr.source_ref = ", ".join(gr["path"] for gr in kept)
        yr.streams = {"gifts": clean_number(sum(gr["amount"] for gr in kept))}
        # Grants of the file's funders only: not the whole revenue.
        y = OrderedDict([("year", year), ("currency", currency), ("revenue_complete", False)])
        y["revenue"] = [_line(ctx, gr, rep) for gr in kept]
        y["note"] = ("360Giving grants, counted in the year of their award date (not spread over the grant "
                     "period); the organisation's other revenue, expenses and balance sheet are not in the data")
        org["years"].append(y)
        alliances.extend(_alliance(ctx, gr, rep) for gr in kept)
    if alliances:
        org["alliances"] = alliances
    return org, rep


def _funder(ctx, gr, rep):
    fid = gr["funder_id"]
    prof, how = _funder_profile(ctx, fid, rep)
    if how not in ("listed in the mapping", "set by the caller") and not rep.issues_of("funder_kind_assumed"):
        rep.add("funder_kind_assumed", "note",
                "funder %s (%s): kind %s and alliance family %s %s" % (gr["funder_name"], fid, prof["kind"],
                                                                     prof["family"], how))
    f = OrderedDict()
    if fid:
        f["id"] = {"scheme": "org_id", "value": re.sub(r"\s+", "", fid)}
    if gr["funder_name"]:
        f["name"] = gr["funder_name"]
    f["kind"] = prof["kind"]
    if prof.get("public_level"):
        f["public_level"] = prof["public_level"]
    country = _country(fid) if fid else None
    if country:
        f["territory"] = {"country": country}
    return f, prof


def _line(ctx, gr, rep):
    funder, _ = _funder(ctx, gr, rep)
    label = gr["title"] or "Grant %s" % gr["id"]
    line = OrderedDict([("label", label[:1000]), ("category", ctx.m["revenue"]["category"]),
                        ("amount", clean_number(gr["amount"]))])
    line["funder"] = funder
    return line


def _alliance(ctx, gr, rep):
    funder, prof = _funder(ctx, gr, rep)
    partner_id = funder.get("id", {}).get("value") or "funder"
    partner = OrderedDict([("id", partner_id)])
    if "name" in funder:
        partner["name"] = funder["name"]
    partner["kind"] = funder["kind"]
    if "public_level" in funder:
        partner["public_level"] = funder["public_level"]
    if "id" in funder:
        partner["identifier"] = funder["id"]
    if "territory" in funder:
        partner["territory"] = funder["territory"]
    a = OrderedDict([("id", gr["id"])])
    name = gr["title"] or "Grant %s" % gr["id"]
    if gr["programme"]:
        name += " (%s)" % gr["programme"]
    a["name"] = name[:1000]
    a["family"] = prof["family"]
    if gr["start"]:
        a["start"] = gr["start"]
    if gr["end"]:
        a["end"] = gr["end"]
    a["currency"] = gr["currency"]
    a["partners"] = [partner]
    a["contributions"] = [OrderedDict([("party", partner_id), ("kind", ctx.m["alliance"]["contribution_kind"]),
                                       ("value", clean_number(gr["amount"])),
                                       ("description", "grant awarded %s" % gr["award"])])]
    return a

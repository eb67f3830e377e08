"""``python3 -m assoc``: score or import a whole file of organisations.

Commands::

    python3 -m assoc score INPUT... [--from FORMAT] [--csv OUT] [--jsonl OUT]
    python3 -m assoc import INPUT... [--from FORMAT] [-o OUT.jsonl] [--report OUT.jsonl]
    python3 -m assoc mappings

INPUT is JSON Lines of "libassoc/1" organisations (one per line), a
"libassoc/1" document (one organisation or a collection), or an
importer's input: a Form 990 NCCS e-file CSV, an SCDL subsidies CSV, a
360Giving JSON file. ``--from auto`` (the default) tells them apart by the
extension and the header; an unknown layout is an error that lists the
columns it needed and did not find.

``score`` writes one row per organisation-year: the organisation's
identifier, name, the year, and one column per measure (empty when the
measure is not computable; ``--status`` adds a ``<measure>:status`` column).
Measures across years (``trend.*``) and organisation-level measures repeat
on each row of their organisation; per-alliance measures (``alliance.*``)
are not in the table. JSON Lines rows carry every value with its status and
reason. Without --csv or --jsonl the CSV goes to standard output.

A progress bar goes to standard error when it is a terminal (``--progress``
/ ``--no-progress`` force it). A summary of the import (organisations,
years, inconsistencies found, rows skipped) goes to standard error unless
``--quiet``. Exit status: 0 success, 1 some records could not be scored
(each reported on standard error), 2 unusable input or usage error.
"""

import argparse
import csv
import json
import sys
import time

FORMATS = ("auto", "jsonl", "json", "irs990", "scdl", "360giving")


# ---------------------------------------------------------------------------
# progress

class Progress:
    """A one-line progress bar on a stream (stderr); silent when disabled."""

    def __init__(self, enabled, total=None, label="organisations", stream=None, width=30):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = total
        self.label = label
        self.width = width
        self.count = 0
        self.start = time.monotonic()
        self.last = 0.0

    def step(self, n=1):
        self.count += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and (self.total is None or self.count < self.total):
            return
        self.last = now
        self._draw(now)

    def _draw(self, now):
        elapsed = now - self.start
        if self.total:
            done = min(1.0, self.count / self.total)
            bar = "#" * int(done * self.width)
            text = "\r[%-*s] %d/%d %s %.1fs" % (self.width, bar, self.count, self.total, self.label, elapsed)
        else:
            text = "\r%d %s %.1fs" % (self.count, self.label, elapsed)
        self.stream.write(text)
        self.stream.flush()

    def close(self):
        if self.enabled and self.count:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


def _progress_enabled(args):
    if args.progress is not None:
        return args.progress
    return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()


# ---------------------------------------------------------------------------
# inputs

class RecordError(Exception):
    """A record that could not be read or scored: where and why."""

    def __init__(self, where, error):
        super().__init__("%s: %s" % (where, error))
        self.where = where
        self.error = error


def _guess_format(path):
    low = path.lower()
    if low.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if low.endswith(".json"):
        with open(path, encoding="utf-8-sig") as f:
            try:
                doc = json.load(f)
            except ValueError:
                return "json"  # the C loader reports the parse error with its line
        if isinstance(doc, list) or (isinstance(doc, dict) and "grants" in doc):
            return "360giving"
        return "json"
    from .importers import detect
    return detect(path)


def _importer_options(args, fmt):
    opts = {}
    if args.mapping:
        opts["mapping"] = args.mapping
    if fmt in ("scdl", "360giving"):
        if args.slash_dates:
            opts["slash_dates"] = args.slash_dates
        opts["on_error"] = "skip" if args.skip_bad_dates else "raise"
    return opts


def iter_inputs(paths, fmt, args, stats, reports_out=None):
    """Yield (where, org-or-dict-or-RecordError, total_hint) for every input record."""
    import assoc
    from .importers import IMPORTERS
    for path in paths:
        f = fmt if fmt != "auto" else _guess_format(path)
        stats.setdefault("formats", []).append((path, f))
        if f == "jsonl":
            with open(path, encoding="utf-8-sig") as fp:
                for n, line in enumerate(fp, start=1):
                    if not line.strip():
                        continue
                    where = "%s:%d" % (path, n)
                    try:
                        yield where, assoc.loads(line), None
                    except assoc.Error as e:
                        yield where, RecordError(where, e), None
        elif f == "json":
            try:
                orgs = assoc.load_collection(path)
            except assoc.Error as e:
                yield path, RecordError(path, e), None
                continue
            for i, org in enumerate(orgs):
                yield "%s#/organisations/%d" % (path, i), org, len(orgs)
        elif f in IMPORTERS:
            result = IMPORTERS[f].read(path, **_importer_options(args, f))
            _account(result, stats, path)
            if reports_out is not None:
                _write_reports(result, reports_out, path)
            n = len(result.organisations)
            for d, rep in result:
                yield "%s [%s %s]" % (path, d["id"]["scheme"], d["id"]["value"]), d, n
        else:
            raise ValueError("unknown input format %r" % f)


def _account(result, stats, path):
    s = result.summary()
    for k in ("organisations", "years", "inconsistencies", "problems"):
        stats[k] = stats.get(k, 0) + s[k]
    incomplete = sum(1 for r in result.reports for y in r.years.values() if y.stream_split == "incomplete")
    stats["incomplete"] = stats.get("incomplete", 0) + incomplete
    stats.setdefault("layouts", []).append((path, s["layout"]))


def _write_reports(result, fp, path):
    for rep in result.reports:
        d = rep.to_dict()
        d["source"] = path
        fp.write(json.dumps(d, ensure_ascii=False) + "\n")
    for p in result.problems:
        d = p.to_dict()
        d["source"] = path
        fp.write(json.dumps(d, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# scoring

def select_measures(spec):
    """Measure ids from a comma-separated list (a trailing * matches a prefix);
    None gives every measure except the per-alliance ones (alliance.*)."""
    import assoc
    every = assoc.measures()
    if not spec:
        return [m for m in every if not m.startswith("alliance.")]
    out = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        if part.endswith("*"):
            hit = [m for m in every if m.startswith(part[:-1])]
        else:
            hit = [m for m in every if m == part]
        if not hit:
            raise ValueError("no measure matches %r" % part)
        out.extend(m for m in hit if m not in out)
    return out


def org_rows(org, report, measures):
    """One dict per year of `org`: identifier, name, year and measure results."""
    d = org.to_dict() if not isinstance(org, dict) else org
    ident = d.get("id") or {}
    by_year = {}
    org_level = {}
    wanted = set(measures)
    for r in report.results:
        if r.subject is not None or r.measure not in wanted:
            continue
        entry = (r.value, r.status, r.reason)
        if r.year:
            by_year.setdefault(r.year, {})[r.measure] = entry
        else:
            org_level[r.measure] = entry
    years = [y["year"] for y in d.get("years", [])]
    rows = []
    for y in years:
        values = dict(org_level)
        values.update(by_year.get(y, {}))
        rows.append({"scheme": ident.get("scheme"), "id": ident.get("value"), "name": d.get("name"),
                     "year": y, "values": values})
    return rows


def _fmt(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


class Writers:
    def __init__(self, args, measures):
        self.measures = measures
        self.status = args.status
        self.csv_fp = self.jsonl_fp = None
        self.close_fps = []
        csv_target = args.csv
        if not args.csv and not args.jsonl:
            csv_target = "-"
        if csv_target:
            self.csv_fp = self._open(csv_target)
            self.csv = csv.writer(self.csv_fp, lineterminator="\n")
            header = ["id_scheme", "id", "name", "year"]
            for m in measures:
                header.append(m)
                if self.status:
                    header.append(m + ":status")
            self.csv.writerow(header)
        if args.jsonl:
            self.jsonl_fp = self._open(args.jsonl)

    def _open(self, target):
        if target == "-":
            return sys.stdout
        fp = open(target, "w", encoding="utf-8", newline="")
        self.close_fps.append(fp)
        return fp

    def write(self, row):
        if self.csv_fp is not None:
            out = [row["scheme"], row["id"], row["name"], row["year"]]
            for m in self.measures:
                v = row["values"].get(m)
                out.append(_fmt(v[0]) if v else "")
                if self.status:
                    out.append(v[1] if v else "")
            self.csv.writerow(out)
        if self.jsonl_fp is not None:
            measures = {}
            for m in self.measures:
                v = row["values"].get(m)
                if v is None:
                    continue
                e = {"value": v[0], "status": v[1]}
                if v[2]:
                    e["reason"] = v[2]
                measures[m] = e
            self.jsonl_fp.write(json.dumps({"id_scheme": row["scheme"], "id": row["id"], "name": row["name"],
                                            "year": row["year"], "measures": measures},
                                           ensure_ascii=False) + "\n")

    def close(self):
        for fp in self.close_fps:
            fp.close()
        if sys.stdout in (self.csv_fp, self.jsonl_fp):
            sys.stdout.flush()


def cmd_score(args):
    import assoc
    measures = select_measures(args.measures)
    profile = assoc.Profile.load(args.profile) if args.profile else None
    stats = {}
    failures = 0
    rows_written = 0
    reports_fp = open(args.import_report, "w", encoding="utf-8") if args.import_report else None
    writers = Writers(args, measures)
    progress = Progress(_progress_enabled(args))
    try:
        for where, item, total in iter_inputs(args.inputs, args.fmt, args, stats, reports_fp):
            if total is not None and progress.total is None:
                progress.total = total
            try:
                if isinstance(item, RecordError):
                    raise item
                org = assoc.from_dict(item) if isinstance(item, dict) else item
                report = org.score(profile, values_only=True)
                for row in org_rows(item if isinstance(item, dict) else org, report, measures):
                    writers.write(row)
                    rows_written += 1
            except (assoc.Error, RecordError) as e:
                failures += 1
                err = e.error if isinstance(e, RecordError) else e
                sys.stderr.write("%sassoc: %s: %s\n" % ("\n" if progress.enabled and progress.count else "",
                                                       where, err))
                if args.strict:
                    return 1
            progress.step()
    finally:
        progress.close()
        writers.close()
        if reports_fp:
            reports_fp.close()
    if not args.quiet:
        _summary(stats, progress.count, rows_written, failures)
    return 1 if failures else 0


def _summary(stats, orgs, rows, failures):
    parts = ["assoc: %d organisations, %d organisation-years scored" % (orgs - failures, rows)]
    if failures:
        parts.append("%d could not be scored" % failures)
    if "organisations" in stats:
        parts.append("import: %d years, %d inconsistencies reported, %d years with revenue not attributable "
                     "to streams, %d rows skipped" % (stats["years"], stats["inconsistencies"],
                                                     stats.get("incomplete", 0), stats["problems"]))
    sys.stderr.write("; ".join(parts) + "\n")


def cmd_import(args):
    from .importers import IMPORTERS
    out = sys.stdout if args.output in (None, "-") else open(args.output, "w", encoding="utf-8")
    reports_fp = open(args.report, "w", encoding="utf-8") if args.report else None
    stats = {}
    try:
        for path in args.inputs:
            fmt = args.fmt if args.fmt != "auto" else _guess_format(path)
            if fmt not in IMPORTERS:
                raise ValueError("%s is %s, not an importer's input" % (path, fmt))
            result = IMPORTERS[fmt].read(path, **_importer_options(args, fmt))
            _account(result, stats, path)
            result.write_jsonl(out)
            if reports_fp:
                _write_reports(result, reports_fp, path)
    finally:
        if out is not sys.stdout:
            out.close()
        if reports_fp:
            reports_fp.close()
    if not args.quiet:
        sys.stderr.write("assoc: imported %d organisations, %d years; %d inconsistencies reported, %d years with "
                         "revenue not attributable to streams, %d rows skipped\n"
                         % (stats.get("organisations", 0), stats.get("years", 0), stats.get("inconsistencies", 0),
                            stats.get("incomplete", 0), stats.get("problems", 0)))
    return 0


def cmd_mappings(args):
    from .importers import list_mappings, load_mapping
    for name in list_mappings():
        m = load_mapping(name)
        sys.stdout.write("%s\tlayout %s, vintage %s: %s\n" % (name, m.layout, m.vintage, m.get("title", "")))
    return 0


# ---------------------------------------------------------------------------

def build_parser():
    p = argparse.ArgumentParser(prog="python3 -m assoc",
                                description="Score or import a whole file of organisations with libassoc.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp):
        sp.add_argument("inputs", nargs="+", metavar="INPUT", help="input files")
        sp.add_argument("--from", dest="fmt", choices=FORMATS, default="auto",
                        help="input format (default: auto, from the extension and the header)")
        sp.add_argument("--mapping", help="mapping file or installed mapping name for an importer")
        sp.add_argument("--slash-dates", choices=("DD/MM/YYYY", "MM/DD/YYYY"),
                        help="how to read dates written with slashes (SCDL, 360Giving; default DD/MM/YYYY)")
        sp.add_argument("--skip-bad-dates", action="store_true",
                        help="skip (and report) a record whose date cannot be read, instead of stopping")
        sp.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")

    s = sub.add_parser("score", help="score every organisation-year; write CSV and/or JSON Lines")
    common(s)
    s.add_argument("--csv", metavar="OUT", help="write the table as CSV ('-' for standard output)")
    s.add_argument("--jsonl", metavar="OUT", help="write one JSON object per organisation-year")
    s.add_argument("--measures", metavar="LIST",
                   help="comma-separated measure ids, a trailing * matching a prefix (default: all but alliance.*)")
    s.add_argument("--status", action="store_true", help="add a <measure>:status column after each measure")
    s.add_argument("--profile", metavar="FILE", help="scoring profile (default: the built-in one)")
    s.add_argument("--import-report", metavar="OUT", help="write the importers' reports as JSON Lines")
    s.add_argument("--strict", action="store_true", help="stop at the first record that cannot be scored")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="show a progress bar on standard error (default: when it is a terminal)")
    g.add_argument("--no-progress", dest="progress", action="store_false")
    s.set_defaults(func=cmd_score)

    i = sub.add_parser("import", help="convert an importer's input to libassoc/1 JSON Lines")
    common(i)
    i.add_argument("-o", "--output", help="JSON Lines output (default: standard output)")
    i.add_argument("--report", metavar="OUT", help="write the import reports as JSON Lines")
    i.set_defaults(func=cmd_import)

    m = sub.add_parser("mappings", help="list the installed mapping files")
    m.set_defaults(func=cmd_mappings)
    return p


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    import assoc
    try:
        return args.func(args)
    except BrokenPipeError:  # pragma: no cover - e.g. | head
        return 0
    except (assoc.Error, OSError, ValueError) as e:
        # LayoutError and SourceDataError are assoc.Error subclasses: the
        # input is unusable as a whole.
        sys.stderr.write("assoc: %s\n" % e)
        return 2


if __name__ == "__main__":
    sys.exit(main())

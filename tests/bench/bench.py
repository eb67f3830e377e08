#!/usr/bin/env python3
"""Python side of the libassoc benchmark (issue 6, docs/performance.md).

Scores the same JSON Lines records three ways and prints the ratios:

  (i)   libassoc's bulk path, one call into the C library per batch: the
        binding's bulk function when it exists (``assoc.score_jsonl``),
        else ``assoc_batch_memory_to_string`` reached through ctypes in the
        libassoc the binding loaded (the same C call, one crossing);
  (i')  ``assoc.score_many`` -- the binding's current per-organisation path,
        for comparison (one crossing per organisation and per measure read);
  (ii)  a straightforward pure-Python implementation of three measures over
        ``json.loads``: revenue stream HHI, months of cash, program ratio;
  (iii) the same three measures with pandas.

Only the three measures are compared, although (i) computes every measure
of the catalogue and validates every record. ``--check`` (ctest
bench.python.tiny) fails unless all ways give the same values for every
organisation-year of the synthetic corpus (within 1e-9), never on speed.

    PYTHONPATH=build/bindings/python python3 tests/bench/bench.py \\
        --corpus-tool build/tests/assoc_bench --records 10000 [--input x.jsonl]

``--export-990 FILE`` converts the real Form 990 sample of ../shared/data
(when present) to JSON Lines with the Python importer, for both benchmarks.
"""

import argparse
import csv
import ctypes
import datetime
import io
import json
import math
import os
import subprocess
import sys
import time

import assoc

MEASURES = ("revenue.streams.hhi", "finance.months_of_cash", "finance.program_ratio")


def stream_table():
    """category id -> stream id, from the library's vocabulary (outside the timings)."""
    return {c[0]: assoc.category_stream(c[0]) for c in assoc.vocab_terms("category")}


# --------------------------------------------------------------------------
# (i) the bulk path
# --------------------------------------------------------------------------


class _Options(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("threads", ctypes.c_uint), ("format", ctypes.c_int),
                ("flags", ctypes.c_uint), ("year", ctypes.c_int), ("profile", ctypes.c_void_p),
                ("load", ctypes.c_void_p)]


class _Stats(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("records", ctypes.c_size_t), ("ok", ctypes.c_size_t),
                ("failed", ctypes.c_size_t), ("rows", ctypes.c_size_t), ("bytes_in", ctypes.c_uint64),
                ("bytes_out", ctypes.c_uint64)]


def _libassoc():
    """The libassoc the binding loaded (by soname: already in the process)."""
    try:
        return ctypes.CDLL("libassoc.so.0")
    except OSError:
        with open("/proc/self/maps") as maps:
            for line in maps:
                if "libassoc.so" in line:
                    return ctypes.CDLL(line.split()[-1])
        raise


def ctypes_batch(data, threads, csv_format=True):
    """assoc_batch_memory_to_string over `data` (bytes): the output text and the counts."""
    lib = _libassoc()
    fn = lib.assoc_batch_memory_to_string
    fn.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(_Stats),
                   ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_Options)]
    fn.restype = ctypes.c_int
    opts = _Options(1, threads, 1 if csv_format else 0, 0, 0, None, None)
    stats = _Stats(1)
    out, n = ctypes.c_void_p(), ctypes.c_size_t()
    rc = fn(ctypes.byref(out), ctypes.byref(n), ctypes.byref(stats), data, len(data), ctypes.byref(opts))
    if rc != 0:
        raise RuntimeError("assoc_batch_memory_to_string failed: %d" % rc)
    try:
        text = ctypes.string_at(out, n.value).decode("utf-8")
    finally:
        lib.assoc_free(out)
    return text, stats


def bulk(data, threads):
    """(i): {(org, year): (hhi, months, program)} from one call, and how it was called."""
    fn = getattr(assoc, "score_jsonl", None)
    if fn is not None:
        text = fn(data, format="csv", threads=threads)
        how = "assoc.score_jsonl (one call per batch)"
    else:
        text, _ = ctypes_batch(data, threads)
        how = "ctypes -> assoc_batch_memory_to_string (one call per batch; no binding entry point yet)"
    rows = csv.reader(io.StringIO(text))
    header = next(rows)
    col = {name: i for i, name in enumerate(header)}
    io_, iy, ie = col["organisation"], col["year"], col["error"]
    ih, im, ip = (col[m] for m in MEASURES)
    out = {}
    for r in rows:
        if r[ie]:
            continue
        out[(r[io_], int(r[iy]))] = tuple(float(r[i]) if r[i] else None for i in (ih, im, ip))
    return out, how


def per_org(lines):
    """(i'): the binding's score_many, one organisation at a time."""
    out = {}
    for rep in assoc.score_many(assoc.read_jsonl(lines, on_error=lambda e: None), values_only=True):
        ident = rep.organisation.get("/id/value")
        for r in rep.results:
            if r.measure == MEASURES[0]:
                out.setdefault((ident, r.year), [None, None, None])[0] = r.value
            elif r.measure == MEASURES[1]:
                out.setdefault((ident, r.year), [None, None, None])[1] = r.value
            elif r.measure == MEASURES[2]:
                out.setdefault((ident, r.year), [None, None, None])[2] = r.value
    return {k: tuple(v) for k, v in out.items()}


# --------------------------------------------------------------------------
# (ii) pure Python
# --------------------------------------------------------------------------


def pure_python(lines, streams):
    """The three measures, as formulas.md defines them, over json.loads."""
    out = {}
    for line in lines:
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError:
            continue
        ident = d.get("id", {}).get("value")
        for y in d.get("years", ()):
            by_stream = {}
            for rev in y.get("revenue", ()):
                a = rev.get("amount")
                if a is not None and a > 0:
                    s = streams.get(rev.get("category"))
                    by_stream[s] = by_stream.get(s, 0.0) + a
            total = sum(by_stream.values())
            hhi = sum((v / total) ** 2 for v in by_stream.values()) if total > 0 else None
            e = y.get("expenses", {})
            cash = y.get("balance", {}).get("cash")
            spent = e.get("total")
            months = None
            if cash is not None and spent is not None:
                monthly = (spent - (e.get("depreciation") or 0.0)) / 12.0
                months = cash / monthly if monthly > 0 else None
            prog = e.get("program")
            program = prog / spent if prog is not None and spent is not None and spent > 0 else None
            out[(ident, y.get("year"))] = (hhi, months, program)
    return out


# --------------------------------------------------------------------------
# (iii) pandas
# --------------------------------------------------------------------------


def with_pandas(lines, streams):
    import pandas as pd  # imported once before the timings (main)
    recs = []
    for line in lines:
        if line.strip():
            try:
                recs.append(json.loads(line))
            except ValueError:
                pass
    years = pd.json_normalize(recs, record_path="years", meta=[["id", "value"]])
    for c in ("expenses.total", "expenses.program", "expenses.depreciation", "balance.cash"):
        if c not in years:
            years[c] = float("nan")
    keys = ["id.value", "year"]
    rev = years[keys + ["revenue"]].explode("revenue").dropna(subset=["revenue"])
    lines_df = pd.json_normalize(rev["revenue"].tolist())
    lines_df.index = rev.index
    rev = pd.concat([rev[keys], lines_df[["category", "amount"]]], axis=1)
    rev["stream"] = rev["category"].map(streams)
    rev["pos"] = rev["amount"].clip(lower=0)
    by_stream = rev.groupby(keys + ["stream"])["pos"].sum()
    total = by_stream.groupby(level=[0, 1]).sum()
    share = by_stream / total.reindex(by_stream.index.droplevel(2)).to_numpy()
    hhi = (share ** 2).groupby(level=[0, 1]).sum().where(total > 0)
    y = years.set_index(keys)
    monthly = (y["expenses.total"] - y["expenses.depreciation"].fillna(0)) / 12
    months = (y["balance.cash"] / monthly).where(monthly > 0)
    program = (y["expenses.program"] / y["expenses.total"]).where(y["expenses.total"] > 0)
    frame = pd.DataFrame({"hhi": hhi.reindex(y.index), "months": months, "program": program})
    return {(k[0], int(k[1])): tuple(None if pd.isna(v) else float(v) for v in row)
            for k, row in zip(frame.index, frame.itertuples(index=False))}


# --------------------------------------------------------------------------
# running
# --------------------------------------------------------------------------


def timed(fn, *args):
    t0 = time.perf_counter()
    res = fn(*args)
    return res, time.perf_counter() - t0


def agree(a, b, tol=1e-9):
    """Organisation-years whose three values differ (None must meet None)."""
    bad = []
    for k in set(a) | set(b):
        x, y = a.get(k), b.get(k)
        if x is None or y is None:
            bad.append(k)
            continue
        for u, v in zip(x, y):
            if (u is None) != (v is None) or (u is not None and abs(u - v) > tol * max(1.0, abs(v))):
                bad.append(k)
                break
    return bad


def corpus_paths(tool, sizes, directory, seed):
    cmd = [tool, "--sizes", ",".join(str(s) for s in sizes), "--dir", directory, "--seed", str(seed),
           "--generate-only", "--quiet"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()


def export_990(path):
    """The Form 990 sample as JSON Lines, or None when ../shared/data is absent."""
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get("ASSOC_SHARED_DIR", os.path.join(here, "..", "..", "..", "shared"))
    src = os.path.join(shared, "data", "us-irs990", "part010810_2009.csv")
    if not os.path.exists(src):
        print("skipped: %s is absent (the real 990 sample)" % src, file=sys.stderr)
        return None
    from assoc.importers import irs990
    result = irs990.read(src)
    with open(path, "w", encoding="utf-8") as fp:
        result.write_jsonl(fp)
    print("wrote %d organisations of %s to %s" % (len(result), src, path), file=sys.stderr)
    return path


def run_one(name, path, args, streams):
    with open(path, "rb") as f:
        data = f.read()
    lines = data.decode("utf-8").splitlines()
    records = sum(1 for ln in lines if ln.strip())
    res = {"name": name, "records": records, "bytes": len(data), "ways": {}}
    results = {}
    ways = [("i", "libassoc bulk, 1 thread", lambda: bulk(data, 0)),
            ("i2", "libassoc bulk, %d threads" % args.threads, lambda: bulk(data, args.threads)),
            ("ii", "pure Python (json.loads)", lambda: (pure_python(lines, streams), None)),
            ("iii", "pandas", lambda: (with_pandas(lines, streams), None))]
    if not args.no_per_org:
        ways.insert(2, ("i_per_org", "assoc.score_many (per organisation)", lambda: (per_org(lines), None)))
    for key, label, fn in ways:
        (values, how), seconds = timed(fn)
        results[key] = values
        res["ways"][key] = {"label": label, "seconds": seconds, "records_per_s": records / seconds,
                            "org_years": len(values)}
        if how:
            res["ways"][key]["how"] = how
        if not args.quiet:
            print("  %-40s %8.2f s" % (label, seconds), file=sys.stderr)
    w = res["ways"]
    res["ratios"] = {"i/ii": w["i"]["records_per_s"] / w["ii"]["records_per_s"],
                     "i/iii": w["i"]["records_per_s"] / w["iii"]["records_per_s"],
                     "i2/ii": w["i2"]["records_per_s"] / w["ii"]["records_per_s"],
                     "i2/iii": w["i2"]["records_per_s"] / w["iii"]["records_per_s"]}
    res["disagreements"] = {k: len(agree(results["i"], results[k])) for k in results if k != "i"}
    return res


def print_table(res):
    print("\n%s: %d records, %.1f MB" % (res["name"], res["records"], res["bytes"] / 1e6))
    print("  %-40s %12s %9s %12s" % ("way", "records/s", "seconds", "org-years"))
    for key, w in res["ways"].items():
        print("  %-40s %12.0f %9.2f %12d" % (w["label"], w["records_per_s"], w["seconds"], w["org_years"]))
    print("  ratios: " + "   ".join("%s %.3f" % kv for kv in res["ratios"].items()))
    print("  bulk path: " + res["ways"]["i"].get("how", ""))
    print("  organisation-years disagreeing with (i): " + ", ".join(
        "%s %d" % kv for kv in res["disagreements"].items()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, action="append", help="synthetic corpus size (repeatable)")
    ap.add_argument("--input", action="append", default=[], help="a JSON Lines file to score too")
    ap.add_argument("--corpus-tool", default="assoc_bench", help="the C benchmark, which writes the corpora")
    ap.add_argument("--dir", default="bench-corpus")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-per-org", action="store_true", help="skip (i'), the per-organisation path")
    ap.add_argument("--export-990", metavar="FILE", help="convert the real 990 sample to FILE and score it too")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    sizes = args.records or ([] if args.input or args.export_990 else [10000])
    corpora = []
    if sizes:
        for size, path in zip(sizes, corpus_paths(args.corpus_tool, sizes, args.dir, args.seed)):
            corpora.append(("synthetic-%d" % size, path))
    for path in args.input:
        corpora.append((os.path.basename(path), path))
    if args.export_990 and export_990(args.export_990):
        corpora.append((os.path.basename(args.export_990), args.export_990))
    streams = stream_table()
    import pandas  # noqa: F401 -- its import time is not part of (iii)
    bulk(b"", 0)  # the library's one-time set-up (built-in profile) is not part of (i) either
    report = {"benchmark": "bench.py", "libassoc": assoc.VERSION if hasattr(assoc, "VERSION") else "",
              "python": sys.version.split()[0], "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
              "cpus": os.cpu_count(), "corpora": []}
    failed = False
    for name, path in corpora:
        if not args.quiet:
            print("%s (%s):" % (name, path), file=sys.stderr)
        res = run_one(name, path, args, streams)
        report["corpora"].append(res)
        print_table(res)
        if args.check:
            # Real data may hold what the naive versions get wrong (an
            # unattributed revenue remainder): agreement is required of the
            # synthetic corpus only.
            for key, n in (res["disagreements"].items() if name.startswith("synthetic") else ()):
                if n:
                    print("check failed: %d organisation-years of %s differ between (i) and %s"
                          % (n, name, key), file=sys.stderr)
                    failed = True
            if not all(w["org_years"] > 0 and math.isfinite(w["records_per_s"]) for w in res["ways"].values()):
                print("check failed: a way produced nothing for %s" % name, file=sys.stderr)
                failed = True
    if report["corpora"]:
        print("\ntargets: bulk >= 10 x pure Python, >= 3 x pandas")
        for res in report["corpora"]:
            r = res["ratios"]
            print("  %-24s i/ii %.3f %s   i/iii %.3f %s" % (
                res["name"], r["i/ii"], "met" if r["i/ii"] >= 10 else "MISSED",
                r["i/iii"], "met" if r["i/iii"] >= 3 else "MISSED"))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

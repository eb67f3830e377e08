#!/usr/bin/env python3
"""The exported symbols of the built libassoc.so and the public headers agree.

    check_exports.py <libassoc.so> <include-dir>

Checks, from `nm -D --defined-only` and the headers under <include-dir>:
  1. every exported symbol starts with "assoc_" (and is not an internal
     "assoc__" helper);
  2. every exported symbol is declared with ASSOC_EXTERN in a public header;
  3. every ASSOC_EXTERN declaration is exported (else programs fail to link);
  4. every exported symbol carries a version node of the linker script
     (lib/libassoc.map: ASSOC_<major>.<minor>);
  5. every header of include/assoc/ is reached from the umbrella assoc.h.
Exit status 0 when all hold, 1 otherwise (each problem printed).
"""
import os
import re
import subprocess
import sys

EXTERN = re.compile(r"ASSOC_EXTERN\s*\(((?:[^()]|\([^()]*\))*)\)\s*([A-Za-z_]\w*)\s*[(\[;]")
NODE = re.compile(r"^ASSOC_\d+\.\d+$")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    # Preprocessor lines (with their continuations): the macro's own definition.
    return re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", " ", text, flags=re.M)


def declared(include_dir):
    names = {}
    for root, _, files in os.walk(include_dir):
        for f in sorted(files):
            if not f.endswith(".h"):
                continue
            path = os.path.join(root, f)
            with open(path, encoding="utf-8") as fh:
                text = strip_comments(fh.read())
            for m in EXTERN.finditer(text):
                names[m.group(2)] = os.path.relpath(path, include_dir)
    return names


def exported(so):
    out = subprocess.run(["nm", "-D", "--defined-only", so], check=True, capture_output=True, text=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        kind, full = parts[-2], parts[-1]
        name, _, version = full.partition("@")
        version = version.lstrip("@")
        if kind == "A" and NODE.match(name):
            continue  # the version node itself
        symbols[name] = (kind, version)
    return symbols


def umbrella_problems(include_dir):
    umbrella = os.path.join(include_dir, "assoc.h")
    with open(umbrella, encoding="utf-8") as fh:
        included = set(re.findall(r'#include\s+"assoc/([^"]+)"', fh.read()))
    area_dir = os.path.join(include_dir, "assoc")
    return ["include/assoc/%s is not included by assoc.h" % f
            for f in sorted(os.listdir(area_dir)) if f.endswith(".h") and f not in included]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    so, include_dir = sys.argv[1], sys.argv[2]
    decl = declared(include_dir)
    exp = exported(so)
    problems = []
    for name, (kind, version) in sorted(exp.items()):
        if not name.startswith("assoc_") or name.startswith("assoc__"):
            problems.append("exported symbol %s (%s) is not a public assoc_ name" % (name, kind))
        elif name not in decl:
            problems.append("exported symbol %s is not declared with ASSOC_EXTERN in a public header" % name)
        if not NODE.match(version):
            problems.append("exported symbol %s has no ASSOC_x.y version node (got '%s')" % (name, version))
    for name, header in sorted(decl.items()):
        if name not in exp:
            problems.append("%s (declared in %s) is not exported by %s" % (name, header, os.path.basename(so)))
    problems += umbrella_problems(include_dir)
    for p in problems:
        print("ABI: " + p)
    print("%d exported symbols, %d public declarations, %d problem(s)" % (len(exp), len(decl), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

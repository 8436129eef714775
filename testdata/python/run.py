#!/usr/bin/env python3
"""Runs tracewire's conformance vectors through small, independent Python
implementations of each format (standard library only).

    python3 testdata/python/run.py                       # every testdata/*.json
    python3 testdata/python/run.py testdata/b3.json      # some files
    python3 testdata/python/run.py --tags w3c-tc-l2,!tracewire-choice
    python3 testdata/python/run.py -v                    # every failure in full

Each file's "format" selects a module in formats/ (its FORMAT); a file whose
format has none is reported as "skipped: no implementation", and so is a case
that uses a feature its module lacks (the module raises Skip) or an expect
field it does not compute (and nothing else differs). For every case
the runner compares, with what the module computed: valid, the error's
header, kind and byte offset, every field of expect, and canonical. It
prints one line per file and exits 1 if any case failed.
"""
import argparse
import glob
import importlib
import json
import os
import pkgutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import formats  # noqa: E402
from formats.common import Skip  # noqa: E402


def load_formats():
    """FORMAT -> run, for every module in formats/."""
    found = {}
    for mod in pkgutil.iter_modules(formats.__path__):
        m = importlib.import_module("formats." + mod.name)
        if hasattr(m, "FORMAT") and hasattr(m, "run"):
            found[m.FORMAT] = m.run
    return found


def parse_tags(spec):
    """"a,b,!c" -> ({a, b}, {c}): a case is selected when it has any of the
    first (or the first is empty) and none of the second."""
    want, avoid = set(), set()
    for t in (spec or "").split(","):
        t = t.strip()
        if t.startswith("!"):
            avoid.add(t[1:])
        elif t:
            want.add(t)
    return want, avoid


def selected(case, want, avoid):
    tags = set(case.get("tags") or [])
    return (not want or tags & want) and not tags & avoid


def normalize_baggage(members):
    out = []
    for m in members:
        out.append({"key": m["key"], "value": m["value"],
                    "properties": [list(p) for p in m.get("properties") or []]})
    return out


def compare(case, got):
    """The differences between case and got (a formats.common.Result)."""
    problems = []
    if got.valid != case["valid"]:
        problems.append("valid: got %s, want %s" % (got.valid, case["valid"]))
    want_err = case.get("error")
    if want_err is None:
        if got.error is not None:
            problems.append("error: got %s, want none" % (got.error,))
    elif got.error is None:
        problems.append("error: got none, want %s" % (want_err,))
    else:
        for field in ("header", "kind", "offset"):
            if field in want_err and got.error.get(field) != want_err[field]:
                problems.append("error %s: got %r, want %r" % (field, got.error.get(field), want_err[field]))
    unknown = []
    for field, want in (case.get("expect") or {}).items():
        if field not in got.expect:
            unknown.append(field)
            continue
        have = got.expect[field]
        if field == "baggage":
            have, want = normalize_baggage(have), normalize_baggage(want)
        if have != want:
            problems.append("expect %s: got %s, want %s" % (field, json.dumps(have), json.dumps(want)))
    if "canonical" in case and got.canonical != case["canonical"]:
        problems.append("canonical: got %s, want %s" % (json.dumps(got.canonical), json.dumps(case["canonical"])))
    for field, have in got.extra.items():  # an absent field must be None
        if have != case.get(field):
            problems.append("%s: got %s, want %s" % (field, json.dumps(have), json.dumps(case[field])))
    if unknown and not problems:
        # A field added in a minor version: skip what the module does not know.
        raise Skip("expect %s not computed by the module" % ", ".join(unknown))
    return problems


def shorten(s, n=300):
    return s if len(s) <= n else s[:n] + "...(%d chars)" % len(s)


def run_file(path, impls, want, avoid, verbose):
    """(cases, passed, failed, skipped) for one file, printing failures."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    name = os.path.basename(path)
    cases = [c for c in data["cases"] if selected(c, want, avoid)]
    impl = impls.get(data.get("format"))
    if impl is None:
        print("%-22s %4d cases  skipped: no implementation of format %r" % (name, len(cases), data.get("format")))
        return len(cases), 0, 0, len(cases)
    failed = skipped = 0
    for c in cases:
        try:
            problems = compare(c, impl(c))
        except Skip as e:
            skipped += 1
            if verbose:
                print("  SKIP %s: %s: %s" % (name, c["name"], e))
            continue
        except Exception as e:  # a bug in the runner is a failure, not a crash
            problems = ["raised %s: %s" % (type(e).__name__, e)]
        if problems:
            failed += 1
            print("  FAIL %s: %s" % (name, c["name"]))
            for p in problems:
                print("       " + (p if verbose else shorten(p)))
    passed = len(cases) - failed - skipped
    line = "%-22s %4d cases %4d passed %4d failed" % (name, len(cases), passed, failed)
    print(line + ("  %d skipped: not implemented (-v lists them)" % skipped if skipped else ""))
    return len(cases), passed, failed, skipped


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="vector files (default: testdata/*.json)")
    ap.add_argument("--tags", default="", help="comma-separated tags to select; !tag excludes")
    ap.add_argument("-v", "--verbose", action="store_true", help="print failures in full")
    args = ap.parse_args(argv)
    files = args.files or sorted(glob.glob(os.path.join(TESTDATA, "*.json")))
    want, avoid = parse_tags(args.tags)
    impls = load_formats()
    totals = [0, 0, 0, 0]
    for path in files:
        for i, n in enumerate(run_file(path, impls, want, avoid, args.verbose)):
            totals[i] += n
    print("python: %d passed, %d failed, %d skipped" % (totals[1], totals[2], totals[3]))
    return 1 if totals[2] else 0


if __name__ == "__main__":
    sys.exit(main())

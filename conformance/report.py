#!/usr/bin/env python3
"""Writes conformance/reports/<peer>.md from conform's JSON report and the
peer's causes file, conformance/causes/<peer>.json.

A causes file explains a peer's failures: each cause says what the peer
does, and the vector reason, choice or spec rule that makes it a failure,
and matches the failures it explains by format, case names (exact) and/or
a regular expression on the failure's detail. Every failure must match a
cause: one that does not is listed as unexplained and the script exits 1,
so a change in a peer or in the vectors cannot slip into a report
unexplained. Standard library only.

    python3 conformance/report.py otel-go
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def matches(m, case):
    if m.get("format") not in (None, "*", case["format"]):
        return False
    if "names" in m and case["name"] not in m["names"]:
        return False
    if "detail" in m and not any(re.search(m["detail"], d) for d in case.get("detail", [])):
        return False
    return True


def cell(s):
    return s.replace("|", "\\|").replace("\n", " ")


def main(peer):
    with open(os.path.join(HERE, "reports", peer + ".json"), encoding="utf-8") as f:
        rep = json.load(f)
    with open(os.path.join(HERE, "causes", peer + ".json"), encoding="utf-8") as f:
        causes = json.load(f)

    explained = {i: [] for i in range(len(causes["causes"]))}
    unexplained = []
    na = {}
    for fmt in rep["formats"]:
        for c in fmt["cases"]:
            if c["result"] == "n/a":
                key = (c["format"], "; ".join(c.get("detail", [])))
                na[key] = na.get(key, 0) + 1
                continue
            if c["result"] != "fail":
                continue
            for i, cause in enumerate(causes["causes"]):
                if any(matches(m, c) for m in cause["match"]):
                    explained[i].append(c)
                    break
            else:
                unexplained.append(c)

    out = []
    w = out.append
    w("# Conformance report: %s\n" % causes["peer"])
    w("%s\n" % causes["service"])
    w("Produced by `bash conformance/run.sh %s`: `tracewire conform --json` against the service on "
      "127.0.0.1, with the vector set %s; the raw results are in [`%s.json`](%s.json). A case "
      "passes when the service's callback carries what the vector says a service continuing the "
      "context must send on; see testdata/README.md, \"Checking a live service\".\n"
      % (peer, rep["vectors_version"], peer, peer))
    if causes.get("notes"):
        w("%s\n" % causes["notes"])

    w("## Pass rates per format\n")
    w("The rate is of the cases that ran (pass + fail); n/a cases are those no request can express "
      "or whose format the service does not propagate.\n")
    w("| format | pass | fail | n/a | pass rate |")
    w("|---|--:|--:|--:|--:|")
    for fmt in rep["formats"]:
        t = fmt["totals"]
        ran = t["pass"] + t["fail"]
        rate = "%.0f%%" % (100.0 * t["pass"] / ran) if ran else "—"
        w("| %s | %d | %d | %d | %s |" % (fmt["format"], t["pass"], t["fail"], t["na"], rate))
    t = rep["totals"]
    ran = t["pass"] + t["fail"]
    w("| **all** | **%d** | **%d** | **%d** | **%.0f%%** |\n" % (t["pass"], t["fail"], t["na"], 100.0 * t["pass"] / ran if ran else 0))

    w("## Failures by cause\n")
    w("Every failure, grouped by what the service does differently, with the vector's `reason` or "
      "`choice`, or the specification rule, that makes it a failure.\n")
    w("| # | cause | why it fails (vector reason / choice, spec rule) | cases |")
    w("|--:|---|---|---|")
    n = 0
    for i, cause in enumerate(causes["causes"]):
        cases = explained[i]
        if not cases:
            continue
        n += 1
        by_format = {}
        for c in cases:
            by_format.setdefault(c["format"], []).append(c["name"])
        listed = "<br>".join("**%s** (%d): %s" % (f, len(v), "; ".join(cell(x) for x in v)) for f, v in by_format.items())
        w("| %d | %s | %s | %s |" % (n, cell(cause["cause"]), cell(cause["rule"]), listed))
    w("")
    unused = [c["cause"] for i, c in enumerate(causes["causes"]) if not explained[i]]
    if unused:
        w("Causes in the causes file that no failure of this run matched: %s.\n" % "; ".join(unused))

    if unexplained:
        w("## Unexplained failures\n")
        for c in unexplained:
            w("- %s / %s: %s" % (c["format"], c["name"], cell("; ".join(c.get("detail", [])))))
        w("")

    w("## Not applicable\n")
    w("| format | reason | cases |")
    w("|---|---|--:|")
    for (f, reason), count in sorted(na.items()):
        w("| %s | %s | %d |" % (f, cell(reason), count))
    w("")

    with open(os.path.join(HERE, "reports", peer + ".md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    total = sum(len(v) for v in explained.values())
    print("%s: %d passed, %d failed (%d explained, %d unexplained), %d n/a" % (
        peer, rep["totals"]["pass"], rep["totals"]["fail"], total, len(unexplained), rep["totals"]["na"]))
    return 1 if unexplained else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: report.py PEER")
    sys.exit(main(sys.argv[1]))

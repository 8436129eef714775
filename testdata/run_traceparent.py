#!/usr/bin/env python3
"""An independent traceparent checker, run against testdata/traceparent.json.

It shows the vectors are usable outside Go: a few lines of Python that follow
the W3C rules agree with every case on validity, ids, sampling, the random
flag and the canonical traceparent written back. (Error kinds and offsets are
a tracewire precision and are not checked here.)

    python3 testdata/run_traceparent.py
"""
import json
import os
import sys

HEX = set("0123456789abcdef")


def parse(lines, level1):
    """Returns (trace_id, span_id, flags) or None for an invalid header."""
    if len(lines) != 1:
        return None  # absent, or repeated (a singleton header: restart)
    v = lines[0].strip(" \t")
    if len(v) < 55 or not set(v[:2]) <= HEX or v[:2] == "ff":
        return None
    if v[:2] == "00" and len(v) != 55:
        return None  # version 00 is exactly 55 bytes
    if len(v) > 55 and v[55] != "-":
        return None  # a higher version continues only with "-"
    if v[2] != "-" or v[35] != "-" or v[52] != "-":
        return None
    trace, span, flags = v[3:35], v[36:52], v[53:55]
    if not (set(trace) <= HEX and set(span) <= HEX and set(flags) <= HEX):
        return None
    if trace == "0" * 32 or span == "0" * 16:
        return None
    known = 0x01 if level1 else 0x03  # sampled, and the Level 2 random flag
    return trace, span, int(flags, 16) & known


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "traceparent.json")
    cases = json.load(open(path))["cases"]
    failed = 0
    for c in cases:
        lines = [v for (k, v) in c["headers"] if k.lower() == "traceparent"]
        got = parse(lines, (c.get("options") or {}).get("level1", False))
        problems = []
        if (got is not None) != c["valid"]:
            problems.append("valid: got %s, want %s" % (got is not None, c["valid"]))
        elif got is not None:
            trace, span, flags = got
            want = c.get("expect") or {}
            checks = {
                "trace_id": trace,
                "span_id": span,
                "sampling": "accept" if flags & 1 else "deny",
                "random": bool(flags & 2),
            }
            for field, value in checks.items():
                if field in want and want[field] != value:
                    problems.append("%s: got %r, want %r" % (field, value, want[field]))
            canon = [v for (k, v) in c["canonical"] if k == "traceparent"]
            mine = "00-%s-%s-%02x" % (trace, span, flags)
            if canon != [mine]:
                problems.append("canonical: got %r, want %r" % (mine, canon))
        if problems:
            failed += 1
            print("FAIL %s: %s" % (c["name"], "; ".join(problems)))
    print("%d of %d traceparent vectors agree" % (len(cases) - failed, len(cases)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

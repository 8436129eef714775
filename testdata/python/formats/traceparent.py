"""W3C traceparent (SPEC.md section 2) with its tracestate, as a
propagator extracts and injects them."""

from . import tracestate as ts
from .common import Ctx, Result, blank, err, is_lower_hex, lines, trim

FORMAT = "traceparent"
LENGTH = 55  # version 00


def _bad_hex(v, start, end):
    """The first index in [start, end] that is not lowercase hex, or -1."""
    for k in range(start, end + 1):
        if k >= len(v) or not is_lower_hex(v[k]):
            return k
    return -1


def parse(s, header="traceparent", base=0):
    """Parses one value; returns (Ctx, None) or (None, error). Offsets count
    from the start of s (plus base), leading spaces included."""
    i, j = trim(s)
    v, n, at = s[i:j], j - i, base + i

    def fail(kind, off):
        return None, err(header, kind, off)

    def field_fault(kind, k):
        return fail("length", at + n) if k >= n else fail(kind, at + k)

    def delimiter(k, prev):
        if k >= n:
            return fail("length", at + n)
        if v[k] == "-":
            return None
        if is_lower_hex(v[k]):
            return fail(prev, at + k)  # the field before is too long
        return fail("delimiter", at + k)

    if n == 0:
        return fail("empty", base)
    k = _bad_hex(v, 0, 1)
    if k >= 0:
        return field_fault("version", k)
    if v[:2] == "ff":
        return fail("version", at)
    bad = delimiter(2, "version")
    if bad:
        return bad
    # The two ids: [start, end), kind, and the delimiter that follows.
    for start, end, kind in ((3, 35, "trace-id"), (36, 52, "span-id")):
        k = _bad_hex(v, start, end - 1)
        if k >= 0:
            return field_fault(kind, k)
        if v[start:end].strip("0") == "":
            return fail("zero-" + kind, at + start)
        bad = delimiter(end, kind)
        if bad:
            return bad
    k = _bad_hex(v, 53, 54)
    if k >= 0:
        return field_fault("flags", k)
    if n > LENGTH:
        c = v[LENGTH]
        if is_lower_hex(c):
            return fail("flags", at + LENGTH)
        if v[:2] == "00":
            return fail("trailing-data", at + LENGTH)  # version 00 is exactly 55 bytes
        if c != "-":
            return fail("delimiter", at + LENGTH)
    flags = int(v[53:55], 16)
    return Ctx(v[3:35], v[36:52], sampling="accept" if flags & 1 else "deny",
               random=bool(flags & 2)), None


def format_value(ctx):
    flags = (1 if ctx.sampling in ("accept", "debug") else 0) | (2 if ctx.random else 0)
    return "00-%s-%s-%02x" % (ctx.trace_id, ctx.span_id, flags)


def extract(headers, level1=False, lenient=False):
    """The propagator: (Ctx or None, error). A blank or absent traceparent is
    no context and no error; two lines are one invalid value (RFC 9110)."""
    tps = lines(headers, "traceparent")
    if len(tps) > 1:
        _, e = parse(tps[0])
        return None, e or err("traceparent", "trailing-data", len(tps[0]))
    v = tps[0] if tps else ""
    if blank(v):
        return None, None
    ctx, e = parse(v)
    if e:
        return None, e
    if level1:
        ctx.random = False
    tsl = lines(headers, "tracestate")
    if not tsl:
        return ctx, None
    members, e = ts.parse(tsl, level1, lenient)
    if e is None or lenient:
        ctx.tracestate = members
    return ctx, e


def inject(ctx, level1=False):
    """The header lines the propagator writes for ctx."""
    if ctx is None or not ctx.valid:
        return []
    if level1:
        ctx = ctx.copy(random=False)
    out = [["traceparent", format_value(ctx)]]
    if ctx.tracestate:
        value = ts.format_value(ts.truncate(ctx.tracestate, ts.DEFAULT_CAP))
        if value:
            out.append(["tracestate", value])
    return out


def run(case):
    opts = case.get("options") or {}
    level1, lenient = opts.get("level1", False), opts.get("lenient", False)
    ctx, e = extract(case["headers"], level1, lenient)
    tps = lines(case["headers"], "traceparent")
    if len(tps) == 1 and blank(tps[0]):
        e = parse(tps[0])[1]  # the vectors record the parser's "empty"
    expect = ctx.view() if ctx else Ctx().view()
    return Result(ctx is not None and ctx.valid, e, expect,
                  [[k, v] for k, v in inject(ctx, level1)])

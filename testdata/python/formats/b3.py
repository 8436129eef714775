"""Zipkin B3, single header and x-b3-* multi headers (SPEC.md section 6),
as a propagator that injects the single header."""

from .common import Ctx, Result, ZERO_SPAN, ZERO_TRACE, blank, err, first, is_lower_hex, lines, trace_hex, trim

FORMAT = "b3"
STATES = {"0": "deny", "1": "accept", "d": "debug"}
STATE_CHAR = {v: k for k, v in STATES.items()}


def _hex_run(v, i, most):
    """The end of the run of lowercase hex digits from i, at most most long."""
    end, j = min(len(v), i + most), i
    while j < end and is_lower_hex(v[j]):
        j += 1
    return j


def parse_single(s):
    """(Ctx, error): a context with ids, or with only a sampling state."""
    lo, hi = trim(s)
    v, n = s[lo:hi], hi - lo

    def fail(kind, off):
        return Ctx(), err("b3", kind, off)

    def field_end(c, off):
        return fail("length" if is_lower_hex(c) else "delimiter", off)

    if n == 0:
        return fail("empty", 0)
    if n == 1:
        if v not in STATES:
            return fail("sampling", lo)
        return Ctx(sampling=STATES[v]), None
    e = _hex_run(v, 0, 32)
    if e < n and e < 32 and v[e] != "-":
        return fail("trace-id", lo + e)
    if e not in (16, 32):
        return fail("length", lo + e)
    if e == n:
        return fail("length", lo + n)
    if v[e] != "-":
        return field_end(v[e], lo + e)
    trace = v[:e].rjust(32, "0")
    if trace == ZERO_TRACE:
        return fail("zero-trace-id", lo)
    i = e + 1
    e = _hex_run(v, i, 16)
    if e < n and e - i < 16 and v[e] != "-":
        return fail("span-id", lo + e)
    if e - i != 16:
        return fail("length", lo + e)
    if e < n and v[e] != "-":
        return field_end(v[e], lo + e)
    span = v[i:e]
    if span == ZERO_SPAN:
        return fail("zero-span-id", lo + i)
    ctx = Ctx(trace, span, trace_id_64=(i == 17))
    if e == n:
        return ctx, None
    i = e + 1
    if i == n or v[i] not in STATES or (i + 1 < n and v[i + 1] != "-"):
        return fail("sampling", lo + i)
    ctx.sampling = STATES[v[i]]
    if i + 1 == n:
        return ctx, None
    i += 2
    e = _hex_run(v, i, 16)
    if e < n and e - i < 16:
        return fail("parent-span-id", lo + e)
    if e - i != 16:
        return fail("length", lo + e)
    if e < n:
        return fail("length" if is_lower_hex(v[e]) else "trailing-data", lo + e)
    if v[i:e] == ZERO_SPAN:
        return fail("parent-span-id", lo + i)
    ctx.parent = v[i:e]
    return ctx, None


def _id_field(raw, header, kind, width_ok):
    """Parses one x-b3 id header: (hex, error)."""
    lo, hi = trim(raw)
    v = raw[lo:hi]
    most = max(width_ok)
    e = _hex_run(v, 0, most)
    if e < len(v) and e < most:
        return None, err(header, kind, lo + e)
    if e not in width_ok:
        return None, err(header, "length", lo + e)
    if e < len(v):
        return None, err(header, "length" if is_lower_hex(v[e]) else "trailing-data", lo + e)
    return v, None


def parse_multi(headers):
    """(Ctx, error) from the x-b3-* headers, the first line of each."""
    raw = {h: first(headers, h) for h in
           ("x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags")}
    has = {h: not trim(v)[0] == trim(v)[1] for h, v in raw.items()}
    trace = span = parent = None
    t64 = False
    if has["x-b3-traceid"]:
        trace, e = _id_field(raw["x-b3-traceid"], "x-b3-traceid", "trace-id", (16, 32))
        if e:
            return Ctx(), e
        t64 = len(trace) == 16
        trace = trace.rjust(32, "0")
        if trace == ZERO_TRACE:
            return Ctx(), err("x-b3-traceid", "zero-trace-id", trim(raw["x-b3-traceid"])[0])
    if has["x-b3-spanid"]:
        span, e = _id_field(raw["x-b3-spanid"], "x-b3-spanid", "span-id", (16,))
        if e:
            return Ctx(), e
        if span == ZERO_SPAN:
            return Ctx(), err("x-b3-spanid", "zero-span-id", trim(raw["x-b3-spanid"])[0])
    if has["x-b3-traceid"] and not has["x-b3-spanid"]:
        return Ctx(), err("x-b3-spanid", "missing-field", 0)
    if not has["x-b3-traceid"] and (has["x-b3-spanid"] or has["x-b3-parentspanid"]):
        return Ctx(), err("x-b3-traceid", "missing-field", 0)
    if has["x-b3-parentspanid"]:
        parent, e = _id_field(raw["x-b3-parentspanid"], "x-b3-parentspanid", "parent-span-id", (16,))
        if e:
            return Ctx(), e
        if parent == ZERO_SPAN:
            return Ctx(), err("x-b3-parentspanid", "parent-span-id", trim(raw["x-b3-parentspanid"])[0])
    sampling = "deferred"
    lo, hi = trim(raw["x-b3-sampled"])
    if lo < hi:
        v = raw["x-b3-sampled"][lo:hi]
        if v == "1" or v.lower() == "true":
            sampling = "accept"
        elif v == "0" or v.lower() == "false":
            sampling = "deny"
        else:
            return Ctx(), err("x-b3-sampled", "sampling", lo)
    lo, hi = trim(raw["x-b3-flags"])
    if raw["x-b3-flags"][lo:hi] == "1":
        sampling = "debug"  # debug wins over x-b3-sampled
    if trace is None:
        return Ctx(sampling=sampling), None
    return Ctx(trace, span, parent or "", sampling, trace_id_64=t64), None


def extract(headers):
    """The propagator: the single header first; the multi headers when it is
    absent or holds only a decision (whose decision then wins); when it is
    invalid, only valid multi ids replace it, not a bare decision."""
    single = first(headers, "b3")
    if blank(single):
        return parse_multi(headers)
    sc, e = parse_single(single)
    if e is None and sc.valid:
        return sc, None
    msc, merr = parse_multi(headers)
    if e is None:
        if merr is None and msc.valid:
            return msc.copy(sampling=sc.sampling), None
        return sc, None
    if merr is None and msc.valid:
        return msc, None
    return Ctx(), e


def single_value(ctx):
    c = STATE_CHAR.get(ctx.sampling, "")
    if not ctx.valid:
        return c
    v = trace_hex(ctx) + "-" + ctx.span_id
    if c:
        v += "-" + c
        if ctx.parent:
            v += "-" + ctx.parent
    return v


def inject_single(ctx):
    v = single_value(ctx)
    return [["b3", v]] if v else []


def inject_multi(ctx):
    out = []
    if ctx.valid:
        out += [["x-b3-traceid", trace_hex(ctx)], ["x-b3-spanid", ctx.span_id]]
        if ctx.parent:
            out.append(["x-b3-parentspanid", ctx.parent])
    if ctx.sampling == "deny":
        out.append(["x-b3-sampled", "0"])
    elif ctx.sampling == "accept":
        out.append(["x-b3-sampled", "1"])
    elif ctx.sampling == "debug":
        out.append(["x-b3-flags", "1"])
    return out


def run(case):
    h = case["headers"]
    ctx, e = extract(h)
    if lines(h, "b3"):
        e = parse_single(first(h, "b3"))[1]  # the vectors record the single header's error
    return Result(ctx.valid, e, ctx.view(), inject_single(ctx))

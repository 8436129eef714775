"""OpenTracing's ot-tracer-traceid, -spanid and -sampled headers and the
ot-baggage-* items (SPEC.md section 9.3): ids of 1 to 32 / 16 hex digits of
either case, left-padded; the trace id written as its low 64 bits."""

from . import baggage
from .common import ANY_HEX, Ctx, Result, ZERO_SPAN, ZERO_TRACE, err, first, go_utf8, lines, text, trim

FORMAT = "ottrace"
TRACE, SPAN, SAMPLED = "ot-tracer-traceid", "ot-tracer-spanid", "ot-tracer-sampled"
PREFIX = "ot-baggage-"


def _id(v, lo, hi, width, header, kind):
    """(padded lowercase hex, error) for the trimmed id v[lo:hi]."""
    e = lo
    while e < hi and e - lo < width and v[e] in ANY_HEX:
        e += 1
    if e < hi:
        return None, err(header, "length" if e - lo == width and v[e] in ANY_HEX else kind, e)
    return v[lo:hi].lower().rjust(width, "0"), None


def _sampling(v):
    """The decision of a trimmed ot-tracer-sampled value, or None."""
    if v == "":
        return "deferred"
    if v == "1" or v.lower() == "true":
        return "accept"
    if v == "0" or v.lower() == "false":
        return "deny"
    return None


def parse(trace_v, span_v, sampled_v):
    """(Ctx, error) for the three values (byte strings, "" when absent)."""
    tlo, thi = trim(trace_v)
    slo, shi = trim(span_v)
    plo, phi = trim(sampled_v)
    has_t, has_s = tlo < thi, slo < shi
    trace = span = None
    if has_t:
        trace, e = _id(trace_v, tlo, thi, 32, TRACE, "trace-id")
        if e:
            return Ctx(), e
        if trace == ZERO_TRACE:
            return Ctx(), err(TRACE, "zero-trace-id", tlo)
    if has_s:
        span, e = _id(span_v, slo, shi, 16, SPAN, "span-id")
        if e:
            return Ctx(), e
        if span == ZERO_SPAN:
            return Ctx(), err(SPAN, "zero-span-id", slo)
    if has_t and not has_s:
        return Ctx(), err(SPAN, "missing-field", 0)
    if not has_t and (has_s or plo < phi):
        return Ctx(), err(TRACE, "missing-field", 0)
    if not has_t:
        return Ctx(), err(TRACE, "empty", 0)
    sampling = _sampling(sampled_v[plo:phi])
    if sampling is None:
        return Ctx(), err(SAMPLED, "sampling", plo)
    return Ctx(trace, span, sampling=sampling, trace_id_64=thi - tlo <= 16), None


def extract(headers):
    """The propagator: absent (all three blank) is no context and no error."""
    vals = [first(headers, h) for h in (TRACE, SPAN, SAMPLED)]
    if all(trim(v)[0] == trim(v)[1] for v in vals):
        return Ctx(), None
    return parse(*vals)


def baggage_items(headers):
    """The ot-baggage-{key} items as baggage members, in order of key (then
    header name), values raw and trimmed; keys that are no token skipped."""
    names = sorted({(k.lower()[len(PREFIX):], k) for k, _ in headers
                    if len(k) > len(PREFIX) and k[:len(PREFIX)].lower() == PREFIX})
    members = []
    for key, name in names:
        v = first(headers, name.lower())
        lo, hi = trim(v)
        try:
            members = baggage.set_member(members, key, go_utf8(v[lo:hi].encode("latin-1")))
        except ValueError:
            pass  # a key that is no token cannot be baggage
    line = baggage.format_within(members)  # the default limits
    return baggage.parse([line] if line else [])[0]


def field_value(v):
    """Whether v travels unchanged as a header value."""
    return trim(v) == (0, len(v)) and all(c >= " " or c == "\t" for c in v) and "\x7f" not in v


def inject(ctx, members):
    if not ctx.valid:
        return []
    # The low 64 bits, unless they are zero: the id then goes out whole.
    tid = ctx.trace_id if ctx.trace_id[16:] == "0" * 16 else ctx.trace_id[16:]
    out = [[TRACE, tid], [SPAN, ctx.span_id]]
    if ctx.sampling != "deferred":
        out.append([SAMPLED, "false" if ctx.sampling == "deny" else "true"])
    lines_ = {}
    for m in members:
        v = baggage.decode(m.value)
        if field_value(v):
            lines_[PREFIX + text(m.key).lower()] = v
    return out + [[k, v] for k, v in lines_.items()]


def run(case):
    h = case["headers"]
    ctx, e = extract(h)
    if any(lines(h, n) for n in (TRACE, SPAN, SAMPLED)):
        e = parse(*[first(h, n) for n in (TRACE, SPAN, SAMPLED)])[1]  # the parser's "empty" too
    members = baggage_items(h) if ctx.valid else []
    expect = ctx.view()
    expect["baggage"] = [m.view() for m in members]
    return Result(ctx.valid, e, expect, inject(ctx, members))

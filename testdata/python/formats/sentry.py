"""Sentry's sentry-trace header (SPEC.md section 9.7):
{32 hex}-{16 hex}[-{0|1}], either case, deferred without the flag."""

from .common import ANY_HEX, Ctx, ZERO_SPAN, ZERO_TRACE, decision, err, extract_single, run_single, trim

FORMAT = "sentry"
HEADER = "sentry-trace"
FLAGS = {"0": "deny", "1": "accept"}


def _id(s, i, hi, width, kind):
    """An error unless s[i:] starts with width hex digits: cut short by the
    end or a "-" is a length error, another byte one of kind."""
    e = i
    while e < hi and e - i < width and s[e] in ANY_HEX:
        e += 1
    if e - i == width:
        return None
    return err(HEADER, "length" if e == hi or s[e] == "-" else kind, e)


def _dash(s, i):
    if s[i] == "-":
        return None
    return err(HEADER, "length" if s[i] in ANY_HEX else "delimiter", i)


def parse(s):
    """(Ctx, error) for one value (a byte string); offsets index s."""
    lo, hi = trim(s)
    if lo == hi:
        return Ctx(), err(HEADER, "empty", 0)
    e = _id(s, lo, hi, 32, "trace-id")
    if e:
        return Ctx(), e
    trace = s[lo:lo + 32].lower()
    if trace == ZERO_TRACE:
        return Ctx(), err(HEADER, "zero-trace-id", lo)
    i = lo + 32
    if i == hi:
        return Ctx(), err(HEADER, "missing-field", i)
    e = _dash(s, i) or _id(s, i + 1, hi, 16, "span-id")
    if e:
        return Ctx(), e
    i += 1
    span = s[i:i + 16].lower()
    if span == ZERO_SPAN:
        return Ctx(), err(HEADER, "zero-span-id", i)
    sampling = "deferred"
    i += 16
    if i < hi:
        e = _dash(s, i)
        if e:
            return Ctx(), e
        i += 1
        if i == hi or s[i] not in FLAGS:
            return Ctx(), err(HEADER, "sampling", i)
        sampling = FLAGS[s[i]]
        if i + 1 < hi:
            return Ctx(), err(HEADER, "trailing-data", i + 1)
    return Ctx(trace, span, sampling=sampling), None


def extract(headers):
    return extract_single(headers, HEADER, parse)


def format_value(ctx):
    return ctx.trace_id + "-" + ctx.span_id + decision(ctx, "-0", "-1")


def inject(ctx):
    return [[HEADER, format_value(ctx)]] if ctx.valid else []


def run(case):
    return run_single(case, HEADER, parse, inject)

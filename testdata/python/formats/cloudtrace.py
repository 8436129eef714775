"""Google Cloud's X-Cloud-Trace-Context (SPEC.md section 9.2):
{32 lowercase hex}/{decimal span id}[;o={digit}], deferred without ;o=;
canonical is what the two-way propagator writes."""

from .common import (LOWER_HEX, MAX_DIGITS, Ctx, ZERO_TRACE, decision, err, extract_single, hex_id, is_digit,
                     run_single, scan_decimal, trim)

FORMAT = "cloudtrace"
HEADER = "x-cloud-trace-context"


def _trace_error(s, lo, hi):
    """Why s[lo:lo+32] is no trace id."""
    end = min(hi, lo + 32)
    for j in range(lo, end):
        if s[j] not in LOWER_HEX:
            return err(HEADER, "length" if s[j] in "/;" else "trace-id", j)
    return err(HEADER, "length", end)


def parse(s):
    """(Ctx, error) for one value (a byte string); offsets index s."""
    lo, hi = trim(s)
    if lo == hi:
        return Ctx(), err(HEADER, "empty", 0)
    if hi - lo < 32 or any(c not in LOWER_HEX for c in s[lo:lo + 32]):
        return Ctx(), _trace_error(s, lo, hi)
    trace = s[lo:lo + 32]
    if trace == ZERO_TRACE:
        return Ctx(), err(HEADER, "zero-trace-id", lo)
    i = lo + 32
    if i == hi:
        return Ctx(), err(HEADER, "missing-field", i)
    if s[i] != "/":
        return Ctx(), err(HEADER, "length" if s[i] in LOWER_HEX else "delimiter", i)
    i += 1
    v, end = scan_decimal(s, i, hi)
    overflow = end < hi and is_digit(s[end])
    if end - i > MAX_DIGITS or (overflow and end - i == MAX_DIGITS):
        return Ctx(), err(HEADER, "length", i + MAX_DIGITS)
    if overflow or end == i or (end < hi and s[end] != ";"):
        return Ctx(), err(HEADER, "span-id", end)
    if v == 0:
        return Ctx(), err(HEADER, "zero-span-id", i)
    sampling = "deferred"
    i = end + 1
    if i <= hi:
        if i == hi or s[i] != "o":
            return Ctx(), err(HEADER, "flags", i)
        i += 1
        if i == hi or s[i] != "=":
            return Ctx(), err(HEADER, "flags", i)
        i += 1
        if i == hi or not is_digit(s[i]):
            return Ctx(), err(HEADER, "sampling", i)
        sampling = "deny" if s[i] == "0" else "accept"
        if i + 1 < hi:
            return Ctx(), err(HEADER, "trailing-data", i + 1)
    return Ctx(trace, hex_id(v, 16), sampling=sampling), None


def extract(headers):
    return extract_single(headers, HEADER, parse)


def format_value(ctx):
    return "%s/%d" % (ctx.trace_id, int(ctx.span_id, 16)) + decision(ctx, ";o=0", ";o=1")


def inject(ctx):
    """What the two-way propagator (InjectHeader) writes."""
    return [[HEADER, format_value(ctx)]] if ctx.valid else []


def run(case):
    return run_single(case, HEADER, parse, inject)

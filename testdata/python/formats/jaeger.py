"""Jaeger uber-trace-id, uberctx-* and jaeger-baggage baggage, and
jaeger-debug-id (SPEC.md section 7)."""

from .common import Ctx, Result, err, first, go_utf8, lines, trace_hex, trim

FORMAT = "jaeger"
HEADER = "uber-trace-id"
PREFIX = "uberctx-"
ANY_HEX = "0123456789abcdefABCDEF"
SAMPLED, DEBUG, FIREHOSE = 0x01, 0x02, 0x08
UNRESERVED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")


def _delim_width(s, hi, i):
    """1 for ":", 3 for "%3A" (either case), else 0."""
    if i < hi and s[i] == ":":
        return 1
    if s[i:i + 1] == "%" and i + 2 < hi and s[i + 1] == "3" and s[i + 2] in "aA":
        return 3
    return 0


def _field(s, i, hi, width, kind):
    """(end, value, error) for the hex field at i."""
    j, val = i, 0
    while j < hi:
        c = s[j]
        if c not in ANY_HEX or c == "":
            if c == ":" or (c == "%" and _delim_width(s, hi, j) == 3):
                break
            return j, 0, err(HEADER, kind, j)
        if j - i == width:
            return j, 0, err(HEADER, "length", j)
        val = val * 16 + int(c, 16)
        j += 1
    if j == i:
        return j, 0, err(HEADER, kind, j)
    return j, val, None


def parse(s):
    """(Ctx, error) for one uber-trace-id value: trace:span:parent:flags,
    hex in either case, the colons possibly URL-encoded as %3A."""
    lo, hi = trim(s)
    if lo == hi:
        return Ctx(), err(HEADER, "empty", 0)
    widths = (32, 16, 16, 2)
    kinds = ("trace-id", "span-id", "parent-span-id", "flags")
    vals, i, form, narrow = [], lo, 0, False
    for f in range(4):
        if f > 0:
            w = _delim_width(s, hi, i)
            if form == 0:
                form = w
            elif w != form:
                return Ctx(), err(HEADER, "delimiter", i)
            i += w
        end, val, e = _field(s, i, hi, widths[f], kinds[f])
        if e:
            return Ctx(), e
        if f == 0:
            if val == 0:
                return Ctx(), err(HEADER, "zero-trace-id", i)
            narrow = end - i <= 16
        elif f == 1 and val == 0:
            return Ctx(), err(HEADER, "zero-span-id", i)
        elif f == 3 and end != hi:
            return Ctx(), err(HEADER, "trailing-data", end)
        if end == hi and f < 3:
            return Ctx(), err(HEADER, "delimiter", hi)
        vals.append(val)
        i = end
    trace, span, parent, flags = vals
    if not flags & SAMPLED:
        sampling = "deny"
    elif flags & DEBUG:
        sampling = "debug"
    else:
        sampling = "accept"
    return Ctx(format(trace, "032x"), format(span, "016x"),
               format(parent, "016x") if parent else "", sampling,
               trace_id_64=narrow, firehose=bool(flags & FIREHOSE)), None


def format_value(ctx):
    flags = {"accept": SAMPLED, "debug": SAMPLED | DEBUG}.get(ctx.sampling, 0)
    if ctx.firehose:
        flags |= FIREHOSE
    return "%s:%s:%s:%x" % (trace_hex(ctx), ctx.span_id, ctx.parent or "0", flags)


def debug_id(headers):
    v = first(headers, "jaeger-debug-id")
    lo, hi = trim(v)
    return v[lo:hi]


def extract(headers):
    """The propagator: a valid uber-trace-id; an invalid one is the zero
    context and its error; without one, a debug-only context when
    jaeger-debug-id is set."""
    v = first(headers, HEADER)
    lo, hi = trim(v)
    if lo != hi:
        ctx, e = parse(v)
        return (ctx, None) if e is None else (Ctx(), e)
    if debug_id(headers):  # absent: the debug id alone is a decision without ids
        return Ctx(sampling="debug"), None
    return Ctx(), None


def _unescape_or_raw(s):
    """Query-unescapes s ("%XX", "+" as space); a malformed escape leaves
    the whole value raw."""
    if "%" not in s and "+" not in s:
        return s
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "%":
            h = s[i + 1:i + 3]
            if len(h) < 2 or h[0] not in ANY_HEX or h[1] not in ANY_HEX:
                return s
            out.append(chr(int(h, 16)))
            i += 3
            continue
        out.append(" " if c == "+" else c)
        i += 1
    return "".join(out)


def _trimmed(s):
    lo, hi = trim(s)
    return s[lo:hi]


def baggage_items(headers):
    """[(key, value)]: uberctx-* items sorted by key (names lowercased), then
    the jaeger-baggage pairs in order; byte strings."""
    names = {}
    for k, v in headers:
        if len(k) > len(PREFIX) and k[:len(PREFIX)].lower() == PREFIX:
            names.setdefault(k.lower(), first(headers, k.lower()))
    items = [(name[len(PREFIX):], _unescape_or_raw(_trimmed(v))) for name, v in sorted(names.items())]
    for line in lines(headers, "jaeger-baggage"):
        for pair in line.split(","):
            if "=" not in pair:
                continue
            k, v = pair.split("=", 1)
            if "=" in v:
                continue
            k = _unescape_or_raw(_trimmed(k))
            if k:
                items.append((k, _unescape_or_raw(_trimmed(v))))
    return items


def escape(value):
    """Percent-encodes the UTF-8 bytes of value outside RFC 3986 unreserved."""
    return "".join(c if c in UNRESERVED else "%%%02X" % b
                   for b, c in ((b, chr(b)) for b in value.encode("utf-8")))


def run(case):
    h = case["headers"]
    ctx, _ = extract(h)
    e = parse(first(h, HEADER))[1] if lines(h, HEADER) else None
    expect = ctx.view()
    expect["baggage"] = [{"key": go_utf8(k.encode("latin-1")), "value": go_utf8(v.encode("latin-1"))}
                         for k, v in baggage_items(h)]
    expect["debug_id"] = go_utf8(debug_id(h).encode("latin-1"))
    canonical = [[HEADER, format_value(ctx)]] if ctx.valid else []
    return Result(ctx.valid, e, expect, canonical)

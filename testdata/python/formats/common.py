"""Helpers shared by the format modules of the Python runner.

Header values are handled as "byte strings": Python str objects in which
every character is one byte of the UTF-8 value (see wire()). Offsets in the
vectors are byte offsets, so this keeps them exact for non-ASCII input.
"""

OWS = " \t"
LOWER_HEX = "0123456789abcdef"
ANY_HEX = "0123456789abcdefABCDEF"
ZERO_TRACE = "0" * 32
ZERO_SPAN = "0" * 16
TCHARS = set("!#$%&'*+-.^_`|~0123456789"
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def wire(s):
    """The bytes of a JSON string as a str of one character per byte."""
    return s.encode("utf-8").decode("latin-1")


def text(b):
    """Back from wire(): bytes that are not UTF-8 become U+FFFD."""
    return go_utf8(b.encode("latin-1"))


def go_utf8(data):
    """Decodes UTF-8 as Go does when ranging over a string: every byte that
    does not start a complete, valid sequence becomes one U+FFFD (Python's
    and JavaScript's decoders fold some such runs into one)."""
    out, i, n = [], 0, len(data)
    while i < n:
        c = data[i]
        size, lo, hi = 0, 0x80, 0xBF
        if c < 0x80:
            out.append(chr(c))
            i += 1
            continue
        if 0xC2 <= c <= 0xDF:
            size = 2
        elif c == 0xE0:
            size, lo = 3, 0xA0
        elif 0xE1 <= c <= 0xEC or c in (0xEE, 0xEF):
            size = 3
        elif c == 0xED:
            size, hi = 3, 0x9F
        elif c == 0xF0:
            size, lo = 4, 0x90
        elif 0xF1 <= c <= 0xF3:
            size = 4
        elif c == 0xF4:
            size, hi = 4, 0x8F
        ok = size > 0 and i + size <= n and lo <= data[i + 1] <= hi and \
            all(0x80 <= data[i + k] <= 0xBF for k in range(2, size))
        if ok:
            out.append(data[i:i + size].decode("utf-8"))
            i += size
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)


def trim(s, lo=0, hi=None):
    """Bounds of s[lo:hi] without surrounding spaces and tabs."""
    if hi is None:
        hi = len(s)
    while lo < hi and s[lo] in OWS:
        lo += 1
    while hi > lo and s[hi - 1] in OWS:
        hi -= 1
    return lo, hi


def skip_ows(s, i):
    """The first index at or after i that is not a space or tab."""
    while i < len(s) and s[i] in OWS:
        i += 1
    return i


def token_end(s, i):
    """The end of the RFC 9110 token starting at i."""
    while i < len(s) and s[i] in TCHARS:
        i += 1
    return i


def is_lower(c):
    return "a" <= c <= "z"


def is_digit(c):
    return "0" <= c <= "9"


def blank(s):
    lo, hi = trim(s)
    return lo == hi


def lines(headers, name):
    """Every value of header name (ASCII case-insensitively), in order, as
    byte strings."""
    return [wire(v) for (k, v) in headers if k.lower() == name]


def first(headers, name):
    """The first value of name, or "" (a carrier's Get)."""
    ls = lines(headers, name)
    return ls[0] if ls else ""


def err(header, kind, offset):
    return {"header": header, "kind": kind, "offset": offset}


def is_lower_hex(c):
    return c in LOWER_HEX and c != ""


class Ctx:
    """A span context as the vectors describe it."""

    def __init__(self, trace_id=ZERO_TRACE, span_id=ZERO_SPAN, parent="",
                 sampling="deferred", random=False, trace_id_64=False,
                 firehose=False, tracestate=None):
        self.trace_id = trace_id
        self.span_id = span_id
        self.parent = parent if parent != ZERO_SPAN else ""
        self.sampling = sampling
        self.random = random
        self.trace_id_64 = trace_id_64
        self.firehose = firehose
        self.tracestate = list(tracestate or [])

    @property
    def valid(self):
        return self.trace_id != ZERO_TRACE and self.span_id != ZERO_SPAN

    def copy(self, **kw):
        c = Ctx(self.trace_id, self.span_id, self.parent, self.sampling,
                self.random, self.trace_id_64, self.firehose, self.tracestate)
        for k, v in kw.items():
            setattr(c, k, v)
        return c

    def view(self):
        return {
            "trace_id": self.trace_id,
            "span_id": self.span_id,
            "parent_span_id": self.parent,
            "sampling": self.sampling,
            "random": self.random,
            "trace_id_64": self.trace_id_64,
            "firehose": self.firehose,
            "tracestate": [[text(k), text(v)] for k, v in self.tracestate],
        }


MAX_UINT64 = (1 << 64) - 1
MAX_DIGITS = 20  # of the largest uint64


def scan_decimal(s, i, hi, most=MAX_UINT64):
    """(value, end) for the run of ASCII digits at s[i:hi], stopping at the
    first byte that is not a digit or at the digit that would take the
    value past most (the caller tells them apart by s[end])."""
    v = 0
    while i < hi and is_digit(s[i]):
        nv = v * 10 + ord(s[i]) - 48
        if nv > most:
            break
        v, i = nv, i + 1
    return v, i


def hex_id(value, digits):
    return format(value, "0%dx" % digits)


def trace_hex(ctx):
    """The trace id as B3 and Jaeger write it: 16 digits when it arrived 64
    bits wide, 32 otherwise."""
    return ctx.trace_id[16:] if ctx.trace_id_64 else ctx.trace_id


def decision(ctx, deny, accept):
    """The suffix a format writes for ctx's decision: deny, accept (also for
    debug), or "" for a deferred one."""
    return {"deny": deny, "accept": accept, "debug": accept}.get(ctx.sampling, "")


def extract_single(headers, name, parse):
    """A propagator of one singleton header: its first line, blank being
    absent (no context, no error)."""
    v = first(headers, name)
    if blank(v):
        return Ctx(), None
    return parse(v)


def run_single(case, name, parse, inject):
    """run(case) for a format of one singleton header; the vectors record
    the parser's error on the first line, "empty" included."""
    h = case["headers"]
    ctx, e = extract_single(h, name, parse)
    if lines(h, name):
        e = parse(first(h, name))[1]
    return Result(ctx.valid, e, ctx.view(), inject(ctx))


class Skip(Exception):
    """Raised by run(case) for a case that uses a feature the module does not
    implement; the runner counts it as skipped, with the message."""


class Result:
    """What a format module returns for one case: the fields of the vector
    schema it computed. The runner compares each with the case."""

    def __init__(self, valid, error=None, expect=None, canonical=None, **extra):
        self.valid = valid
        self.error = error
        self.expect = expect or {}
        self.canonical = canonical
        self.extra = extra

"""AWS X-Ray X-Amzn-Trace-Id (SPEC.md sections 9.1, 9.5): Root, Parent,
Sampled, a validated Lineage, Self and unknown fields passed on within 256
characters; xray-lambda falls back to _X_AMZN_TRACE_ID."""

from .common import ANY_HEX, Ctx, Result, ZERO_SPAN, ZERO_TRACE, blank, decision, err, first, lines, text, trim

FORMAT = "xray"
HEADER = "x-amzn-trace-id"
ENV = "_X_AMZN_TRACE_ID"
MAX_LEN = 256
SAMPLING = {"1": "accept", "0": "deny", "?": "deferred"}


class Header:
    """A parsed value: the context, the Sampled byte ("" when absent), the
    valid Lineage ("" when none) and the fields as (name, value), in order."""

    def __init__(self, ctx=None, sampled="", lineage="", fields=()):
        self.ctx = ctx or Ctx()
        self.sampled = sampled
        self.lineage = lineage
        self.fields = list(fields)


def _hex_run(s, i, hi, most):
    hi = min(hi, i + most)
    while i < hi and s[i] in ANY_HEX:
        i += 1
    return i


def _fixed_hex(s, i, hi, width, kind, fail):
    j = _hex_run(s, i, hi, width)
    if j - i < width:
        return fail("length" if j == hi and j > i else kind, j)
    if j < hi:
        return fail("length", j)
    return None


def _root(s, v, fh, fail):
    """(trace id, error) for the Root value s[v:fh]: 1-{1..8 epoch}-{24}."""
    if v == fh:
        return None, fail("trace-id", v)
    if s[v] != "1":
        return None, fail("version", v)
    if v + 1 == fh or s[v + 1] != "-":
        return None, fail("delimiter", v + 1)
    i = v + 2
    j = _hex_run(s, i, fh, 9)
    if j - i > 8:
        return None, fail("length", i + 8)
    if j == i:
        return None, fail("trace-id", j)
    if j == fh:
        return None, fail("delimiter", j)
    if s[j] != "-":
        return None, fail("trace-id", j)
    epoch = s[i:j].rjust(8, "0")
    e = _fixed_hex(s, j + 1, fh, 24, "trace-id", fail)
    if e:
        return None, e
    trace = (epoch + s[j + 1:fh]).lower()
    if trace == ZERO_TRACE:
        return None, fail("zero-trace-id", v)
    return trace, None


def _decimal(s, most):
    if s == "" or any(not "0" <= c <= "9" for c in s):
        return False
    return int(s) <= most


def _hash(s):
    return len(s) == 8 and all(c in ANY_HEX for c in s)


def valid_lineage(s):
    """hash:loop:request or loop:hash:request, 12 to 18 bytes."""
    if not 12 <= len(s) <= 18:
        return False
    parts = s.split(":", 2)
    if len(parts) < 3 or not _decimal(parts[2], 255):
        return False
    a, b = parts[0], parts[1]
    return (_hash(a) and _decimal(b, 32767)) or (_decimal(a, 32767) and _hash(b))


def parse(s, header=HEADER):
    """(Header, error) for one value (a byte string); offsets index s."""
    def fail(kind, off):
        return err(header, kind, off)

    lo, hi = trim(s)
    if lo == hi:
        return None, fail("empty", 0)
    trace = span = None
    sampled, lineage, lineage_seen, root_seen, parent_seen = "", "", False, False, False
    fields = []
    i = lo
    while True:
        end = s.find(";", i, hi)
        if end < 0:
            end = hi
        fl, fh = trim(s, i, end)
        if fl < fh:
            k = fl
            while k < fh and s[k] != "=":
                if s[k] <= " " or s[k] >= "\x7f":
                    return None, fail("key", k)
                k += 1
            if k == fh:
                return None, fail("member", fl)
            if k == fl:
                return None, fail("key", k)
            name, v = s[fl:k], k + 1
            if name == "Root":
                if root_seen:
                    return None, fail("key", fl)
                root_seen = True
                trace, e = _root(s, v, fh, fail)
                if e:
                    return None, e
            elif name == "Parent":
                if parent_seen:
                    return None, fail("key", fl)
                parent_seen = True
                e = _fixed_hex(s, v, fh, 16, "span-id", fail)
                if e:
                    return None, e
                span = s[v:fh].lower()
                if span == ZERO_SPAN:
                    return None, fail("zero-span-id", v)
            elif name == "Sampled":
                if sampled:
                    return None, fail("key", fl)
                if v == fh or s[v] not in SAMPLING:
                    return None, fail("sampling", v)
                if v + 1 < fh:
                    return None, fail("length", v + 1)
                sampled = s[v]
            else:
                for j in range(v, fh):
                    if (s[j] < " " and s[j] != "\t") or s[j] >= "\x7f":
                        return None, fail("value", j)
                if name == "Lineage":
                    if not lineage_seen and valid_lineage(s[v:fh]):
                        lineage = s[v:fh]
                        fields.append((name, s[v:fh]))
                    lineage_seen = True
                else:
                    fields.append((name, s[v:fh]))
        if end == hi:
            break
        i = end + 1
    if not root_seen:
        return None, fail("missing-field", hi)
    ctx = Ctx(trace, span or ZERO_SPAN, sampling=SAMPLING.get(sampled, "deferred"))
    return Header(ctx, sampled, lineage, fields), None


def _header_from(v, header):
    """A blank value is absent: (None, None)."""
    if blank(v):
        return None, None
    return parse(v, header)


def extract(headers, env=None):
    """(Header or None, error) as the propagator extracts it; with env (a
    list of [name, value]), xray-lambda: the variable's header replaces the
    carrier's when only it yields a valid context, or when the carrier has
    none."""
    h, e = _header_from(first(headers, HEADER), HEADER)
    if env is None or (h and h.ctx.valid):
        return h, e
    eh, ee = _header_from(first(env, ENV.lower()), ENV)
    if eh and eh.ctx.valid:
        return eh, None
    if h or e:
        return h, e
    return eh, ee


def ids_value(ctx, deferred=True):
    """Root, Parent and Sampled for ctx; a deferred decision is "?" or,
    without deferred, left out."""
    if ctx.trace_id == ZERO_TRACE:
        return ""
    v = "Root=1-%s-%s" % (ctx.trace_id[:8], ctx.trace_id[8:])
    if ctx.span_id != ZERO_SPAN:
        v += ";Parent=" + ctx.span_id
    return v + (decision(ctx, ";Sampled=0", ";Sampled=1") or (";Sampled=?" if deferred else ""))


def header_value(h, ctx):
    """What Inject writes for ctx, passing on h's Lineage, Self and unknown
    fields when ctx continues h's trace; whole fields are dropped to stay
    within MAX_LEN: unknown ones first, the last first, then Self, then the
    Lineage."""
    if h is None or ctx.trace_id != h.ctx.trace_id:
        return ids_value(ctx)
    v = ids_value(ctx, h.sampled != "")

    def cls(name):
        return {"Self": "self", "Lineage": "lineage"}.get(name, "other")

    size = lambda f: 2 + len(f[0]) + len(f[1])  # ";name=value"
    keep = {}
    budget = MAX_LEN - len(v)
    if sum(size(f) for f in h.fields) > budget:
        budget -= sum(size(f) for f in h.fields if cls(f[0]) == "lineage")
        for c in ("self", "other"):
            n = used = 0
            for f in h.fields:
                if cls(f[0]) != c:
                    continue
                if used + size(f) > budget:
                    break
                used += size(f)
                n += 1
            keep[c] = n
            budget -= used
    seen = {}
    for f in h.fields:
        c = cls(f[0])
        if c in keep and seen.get(c, 0) >= keep[c]:
            continue
        seen[c] = seen.get(c, 0) + 1
        v += ";%s=%s" % f
    return v


def view(h):
    ctx = h.ctx if h else Ctx()
    out = ctx.view()
    out["lineage"] = text(h.lineage) if h else ""
    return out


def run(case):
    opts = case.get("options") or {}
    env = [[k.lower(), v] for k, v in case.get("env") or []] if opts.get("lambda") else None
    h, e = extract(case["headers"], env)
    ls = lines(case["headers"], HEADER)
    if ls:
        e = parse(ls[0])[1]  # the vectors record the parser's error on the header
    ctx = h.ctx if h else Ctx()
    v = header_value(h, ctx) if h else ""
    return Result(ctx.valid, e, view(h), [[HEADER, text(v)]] if v else [])

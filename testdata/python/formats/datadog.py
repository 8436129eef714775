"""Datadog's x-datadog-* headers and its dd= tracestate member (SPEC.md
sections 9.4, 9.6): decimal ids (negative ones as two's complement), the
high half of the trace id in _dd.p.tid, the exact priority, the origin and
the tags passed on, and the member a tracecontext injection carries."""

from . import traceparent
from .common import (Ctx, LOWER_HEX, MAX_UINT64, Result, ZERO_SPAN, ZERO_TRACE, err, first, lines,
                     scan_decimal, text, trim)

FORMAT = "datadog"
TRACE, PARENT, PRIORITY = "x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority"
ORIGIN, TAGS = "x-datadog-origin", "x-datadog-tags"
MEMBER_HEADER = "tracestate"
SYNTHETICS = "synthetics"
MAX_TAGS, MAX_MEMBER = 512, 256
TAG_PREFIX, TAG_TID, TAG_DM = "_dd.p.", "_dd.p.tid", "_dd.p.dm"


class Fault(Exception):
    def __init__(self, e):
        self.e = e


def parse_id(v):
    """(value, offset of the first bad byte or -1)."""
    i, most = 0, MAX_UINT64
    if v[:1] == "-":
        i, most = 1, 1 << 63
    n, end = scan_decimal(v, i, len(v), most)
    if end == i or end < len(v):
        return 0, end
    return (-n) & MAX_UINT64 if i else n, -1


def parse_priority(v):
    """(priority, offset of the first byte that cannot continue one or -1):
    exactly -1, 0, 1 or 2."""
    if v == "":
        return None, 0
    if v[0] == "-":
        if len(v) < 2 or v[1] != "1":
            return None, 1
        return (None, 2) if len(v) > 2 else (-1, -1)
    if "0" <= v[0] <= "2":
        return (None, 1) if len(v) > 1 else (int(v[0]), -1)
    return None, 0


def priority_sampling(p):
    return "accept" if p > 0 else "deny"


def is_key_char(c):
    return "!" <= c <= "~" and c not in "=,"


def is_value_char(c):
    return " " <= c <= "~" and c != ","


def tag_iter(v):
    """(key, value, offset of the value) of well-formed tags."""
    i = 0
    while i < len(v):
        end = v.find(",", i)
        end = len(v) if end < 0 else end
        eq = v.find("=", i, end)
        if eq < 0:
            yield v[i:end], "", end
        else:
            yield v[i:eq], v[eq + 1:end], eq + 1
        i = end + 1


def check_tags(v):
    """(kind, offset) of the first fault of a trimmed x-datadog-tags value,
    or (None, -1)."""
    if len(v) > MAX_TAGS:
        return "too-long", MAX_TAGS
    i = 0
    while i <= len(v):
        ks = i
        while i < len(v) and v[i] not in "=,":
            if not is_key_char(v[i]):
                return "key", i
            i += 1
        if i == ks:
            return ("key", i) if i < len(v) and v[i] == "=" else ("member", i)
        if i == len(v) or v[i] != "=":
            return "member", i
        key = v[ks:i]
        i += 1
        vs = i
        while i < len(v) and v[i] != ",":
            if not is_value_char(v[i]):
                return "value", i
            i += 1
        if i == vs:
            return "value", i
        if any(k == key for k, _, _ in tag_iter(v[:ks])):
            return "key", ks
        i += 1
    return None, -1


def tag_value(v, key):
    for k, val, at in tag_iter(v):
        if k == key:
            return val, at
    return None, 0


def parse_tid(v):
    """(16 hex digits, kind, offset)."""
    n = min(len(v), 16)
    for i in range(n):
        if v[i] not in LOWER_HEX:
            return None, "trace-id", i
    if len(v) != 16:
        return None, "length", n
    return v, None, -1


class Headers:
    """What the x-datadog-* headers say: the context, the exact priority
    (None when absent), the origin and the tags, as received or, with
    in_member, as the t. items of a dd= member's value; dm is "auto" or
    "drop" when the decision was overridden."""

    def __init__(self, ctx=None, priority=None, origin="", tags="", in_member=False,
                 last_parent=None, dm=None):
        self.ctx = ctx or Ctx()
        self.priority, self.origin, self.tags = priority, origin, tags
        self.in_member, self.last_parent, self.dm = in_member, last_parent, dm

    def set_priority(self, p, s):
        """The priority to send for decision s when p came with it."""
        self.priority = None
        if s == "deferred":
            return
        if p is None:
            p = PRIORITY_FOR[s]
        elif (p > 0) == (s in ("accept", "debug")):
            pass
        elif s in ("accept", "debug"):
            p, self.dm = 1, "auto"
        else:
            p, self.dm = 0, "drop"
        self.priority = p


PRIORITY_FOR = {"deny": 0, "accept": 1, "debug": 2}


def parse_headers(trace_v, parent_v, priority_v, origin_v, tags_v):
    """(Headers or None, error) for the five values (byte strings, "" when
    absent)."""
    tlo, thi = trim(trace_v)
    plo, phi = trim(parent_v)
    slo, shi = trim(priority_v)
    olo, ohi = trim(origin_v)
    glo, ghi = trim(tags_v)
    if tlo == thi:
        if plo == phi and slo == shi and olo == ohi and glo == ghi:
            return None, None
        return None, err(TRACE, "missing-field", 0)
    low, at = parse_id(trace_v[tlo:thi])
    if at >= 0:
        return None, err(TRACE, "trace-id", tlo + at)
    h, soft = Headers(), None
    o = origin_v[olo:ohi]
    if o:
        bad = [i for i, c in enumerate(o) if not " " <= c <= "~"]
        if bad:
            soft = err(ORIGIN, "value", olo + bad[0])
        else:
            h.origin = o
    span = 0
    if plo == phi:
        if h.origin != SYNTHETICS:
            return None, err(PARENT, "missing-field", 0)
    else:
        span, at = parse_id(parent_v[plo:phi])
        if at >= 0:
            return None, err(PARENT, "span-id", plo + at)
        if span == 0 and h.origin != SYNTHETICS:
            return None, err(PARENT, "zero-span-id", plo)
    sampling = "deferred"
    if slo < shi:
        p, at = parse_priority(priority_v[slo:shi])
        if at >= 0:
            return None, err(PRIORITY, "sampling", slo + at)
        h.priority, sampling = p, priority_sampling(p)
    high = "0" * 16
    g = tags_v[glo:ghi]
    if g:
        kind, at = check_tags(g)
        if kind:
            soft = soft or err(TAGS, kind, glo + at)
        else:
            h.tags = g
            v, vat = tag_value(g, TAG_TID)
            if v is not None:
                tid, kind, at = parse_tid(v)
                if kind:
                    soft = soft or err(TAGS, kind, glo + vat + at)
                else:
                    high = tid
    if low == 0 and high == "0" * 16:
        return None, err(TRACE, "zero-trace-id", tlo)
    h.ctx = Ctx(high + "%016x" % low, "%016x" % span, sampling=sampling, trace_id_64=high == "0" * 16)
    return h, soft


def extract_headers(headers):
    """The Datadog headers of a carrier: the first line of each, the
    non-blank x-datadog-tags lines joined with ","."""
    tags = ",".join(l for l in lines(headers, TAGS) if trim(l)[0] < trim(l)[1])
    return parse_headers(first(headers, TRACE), first(headers, PARENT), first(headers, PRIORITY),
                         first(headers, ORIGIN), tags)


# The dd= tracestate member.

class Member:
    def __init__(self, v="", priority=None, origin=None, last_parent=None):
        self.v, self.priority, self.origin, self.last_parent = v, priority, origin, last_parent

    def tags(self):
        """(name, raw value) of every t. item kept, in order."""
        out = []
        for i, colon, end in _items(self.v):
            if colon > i + 1 and self.v[i:i + 2] == "t." and _check_item(self.v, i, colon, end)[0] is None \
                    and not _duplicate(self.v, i, colon):
                out.append((self.v[i + 2:colon], self.v[colon + 1:end]))
        return out


def _items(v):
    """(start, first ":" or -1, end) of every item, empty ones included."""
    i = 0
    while i <= len(v):
        end = v.find(";", i)
        end = len(v) if end < 0 else end
        colon = v.find(":", i, end)
        yield i, colon, end
        i = end + 1


def _check_item(v, i, colon, end):
    if colon < 0:
        return "member", i
    key, val = v[i:colon], v[colon + 1:end]
    if key == "s":
        _, at = parse_priority(val)
        if at >= 0:
            return "sampling", colon + 1 + at
    elif key == "o":
        if val == "":
            return "value", colon + 1
    elif key == "p":
        n = min(len(val), 16)
        for j in range(n):
            if val[j] not in LOWER_HEX:
                return "parent-span-id", colon + 1 + j
        if len(val) != 16:
            return "length", colon + 1 + n
    elif key.startswith("t."):
        if len(key) == 2:
            return "key", colon
        for j in range(i + 2, colon):
            if not is_key_char(v[j]):
                return "key", j
        if val == "":
            return "value", colon + 1
    return None, -1


def _duplicate(v, i, colon):
    key = v[i:colon]
    for j, c, end in _items(v[:i]):
        if c >= 0 and v[j:c] == key and _check_item(v, j, c, end)[0] is None:
            return True
    return False


def parse_member(v):
    """(Member, error) for a dd= member's value (a byte string)."""
    if 3 + len(v) > MAX_MEMBER:
        return Member(), err(MEMBER_HEADER, "too-long", MAX_MEMBER - 3)
    if v == "":
        return Member(), err(MEMBER_HEADER, "empty", 0)
    for i, c in enumerate(v):
        if c < " " or c > "~" or c in ",=":
            return Member(), err(MEMBER_HEADER, "value", i)
    m, e = Member(v), None
    for i, colon, end in _items(v):
        kind, at = _check_item(v, i, colon, end)
        key = v[i:colon] if colon >= 0 else None
        if kind is None:
            seen = {"s": m.priority is not None, "o": m.origin is not None, "p": m.last_parent is not None}
            if seen.get(key) or (key not in seen and colon > i + 1 and key.startswith("t.") and _duplicate(v, i, colon)):
                kind, at = "key", i
        if kind:
            e = e or err(MEMBER_HEADER, kind, at)
            continue
        val = v[colon + 1:end]
        if key == "s":
            m.priority = parse_priority(val)[0]
        elif key == "o":
            m.origin = val
        elif key == "p":
            m.last_parent = val
    return m, e


def dd_member_of(ctx):
    for k, v in ctx.tracestate:
        if k == "dd":
            return v
    return None


def new_headers(ctx):
    """The Datadog headers for a span context, with what its dd= member
    says."""
    h = Headers(ctx)
    v = dd_member_of(ctx)
    m = parse_member(v)[0] if v is not None else Member()
    h.set_priority(m.priority, ctx.sampling)
    h.origin = (m.origin or "").replace("~", "=")
    if m.tags():
        h.tags, h.in_member = m.v, True
    h.last_parent = m.last_parent
    return h


def each_tag(h):
    """(key, value, from_member) of every tag to send but _dd.p.tid."""
    if h.in_member:
        for name, value in Member(h.tags).tags():
            if name == "tid" or (name == "dm" and h.dm):
                continue
            yield name, value, True
        return
    for k, v, _ in tag_iter(h.tags):
        if k == TAG_TID or (k == TAG_DM and h.dm):
            continue
        yield k, v, False


def _tid_fits(tags, high):
    v, _ = tag_value(tags, TAG_TID)
    if v is None:
        return high == "0" * 16
    tid, kind, _ = parse_tid(v)
    return kind is None and tid == high and high != "0" * 16


def tags_value(h):
    """The x-datadog-tags h sends."""
    high = h.ctx.trace_id[:16]
    if not h.in_member and not h.dm and _tid_fits(h.tags, high):
        return h.tags
    out = ["_dd.p.dm=-0"] if h.dm == "auto" else []
    for k, v, member in each_tag(h):
        out.append(TAG_PREFIX + k + "=" + v.replace("~", "=") if member else k + "=" + v)
    s = ",".join(out)
    if high != "0" * 16:
        if len(s) + len(",_dd.p.tid=") + 16 > MAX_TAGS:
            s = ""
        s += ("," if s else "") + TAG_TID + "=" + high
    elif len(s) > MAX_TAGS:
        s = ""
    return s


def _sanitize(s, kind):
    out = []
    for c in s:
        if c == "=" and kind != "key":
            c = "~"
        elif c in ",;~" or c > "~" or c < " " or (c == " " and kind != "value") or (kind == "key" and c in "=:"):
            c = "_"
        out.append(c)
    return "".join(out)


def member_value(h):
    """The dd= member value that says what h says."""
    items = []

    def fits(n):
        used = len(";".join(items))
        return 3 + (used + 1 if items else 0) + n <= MAX_MEMBER

    if h.priority is not None:
        items.append("s:%d" % h.priority)
    lp = h.last_parent
    if lp is None and h.ctx.span_id != ZERO_SPAN:
        lp = h.ctx.span_id
    if h.origin and fits(2 + len(h.origin) + 3 + 16):
        items.append("o:" + _sanitize(h.origin, "origin"))
    if lp is not None:
        items.append("p:" + lp)
    if h.dm == "auto":
        items.append("t.dm:-0")
    for k, v, member in each_tag(h):
        if not member:
            if not k.startswith(TAG_PREFIX) or len(k) == len(TAG_PREFIX):
                continue
            k = k[len(TAG_PREFIX):]
        if not fits(3 + len(k) + len(v)):
            break
        items.append("t." + (k + ":" + v if member else _sanitize(k, "key") + ":" + _sanitize(v, "value")))
    s = ";".join(items)
    return s[:-1] + "_" if s.endswith(" ") else s


def inject_headers(h):
    c = h.ctx
    if c.trace_id == ZERO_TRACE or (c.span_id == ZERO_SPAN and h.origin != SYNTHETICS):
        return []
    out = [[TRACE, str(int(c.trace_id[16:], 16))], [PARENT, str(int(c.span_id, 16))]]
    if h.priority is not None:
        out.append([PRIORITY, str(h.priority)])
    if h.origin:
        out.append([ORIGIN, text(h.origin)])
    t = tags_value(h)
    if t:
        out.append([TAGS, text(t)])
    return out


def last_parent_id(w3c, dd):
    """The span Datadog reports as _dd.parent_id, or ""."""
    if w3c is None or not w3c.valid:
        return ""
    v = dd_member_of(w3c)
    if v is not None:
        m = parse_member(v)[0]
        if m.last_parent is not None:
            return m.last_parent
    if dd.valid and dd.trace_id == w3c.trace_id and dd.span_id != w3c.span_id:
        return dd.span_id
    return ""


def extract(headers):
    """The propagator: (Ctx, error)."""
    h, e = extract_headers(headers)
    return (h.ctx if h else Ctx()), e


def inject(ctx):
    """What the propagator's InjectInto writes for a span context."""
    return inject_headers(new_headers(ctx)) if ctx.valid else []


def run(case):
    hs = case["headers"]
    dd = any(k.lower().startswith("x-datadog-") for k, _ in hs)
    w3c, _ = traceparent.extract(hs)
    if dd or w3c is None or not w3c.valid:
        h, e = extract_headers(hs)
        h = h or Headers()
        if h.ctx.valid or h.ctx.sampling != "deferred":
            canonical = inject_headers(h)  # Inject after Extract: h as it came
        else:
            canonical = []
    else:
        h, e = new_headers(w3c), None
        v = dd_member_of(w3c)
        if v is not None:
            e = parse_member(v)[1]
        canonical = inject_headers(h)
    expect = h.ctx.view()
    expect.update(priority="" if h.priority is None else str(h.priority), origin=text(h.origin),
                  last_parent=last_parent_id(w3c, h.ctx), dd_member=text(member_value(h)))
    return Result(h.ctx.valid, e, expect, canonical)

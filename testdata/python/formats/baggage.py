"""W3C Baggage (SPEC.md section 5): an invalid member is dropped alone, the
first error is reported, 64 members and 8192 bytes by default (whole
members dropped, later ones that still fit kept), the wire form kept for
forwarding."""

from .common import Result, TCHARS, err, go_utf8, lines, skip_ows, text, token_end, wire

FORMAT = "baggage"
HEADER = "baggage"
DEFAULT_MAX_MEMBERS = 64
DEFAULT_MAX_BYTES = 8192
ANY_HEX = set("0123456789abcdefABCDEF")
# baggage-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
OCTETS = set(chr(c) for c in range(0x21, 0x7F)) - set('",;\\')


class Member:
    """key, value and properties in wire form (escapes intact), or plain
    text from a set op (plain=True), encoded when written."""

    def __init__(self, key, value, props=(), plain=False):
        self.key, self.value, self.props, self.plain = key, value, list(props), plain

    def wire_value(self):
        return encode(self.value) if self.plain else self.value

    def wire_form(self):
        s = self.key + "=" + self.wire_value()
        for k, v in self.props:
            s += ";" + k + ("" if v is None else "=" + v)
        return s

    def view(self):
        d = {"key": text(self.key), "value": self.value if self.plain else decode(self.value)}
        if self.props:
            d["properties"] = [[text(k), None if v is None else decode(v)] for k, v in self.props]
        return d


def _value_end(s, i):
    """(end of the value at i, offset of a malformed escape or -1)."""
    while i < len(s) and s[i] in OCTETS:
        if s[i] == "%":
            if i + 2 >= len(s) or s[i + 1] not in ANY_HEX or s[i + 2] not in ANY_HEX:
                return i, i
            i += 3
            continue
        i += 1
    return i, -1


class Fault(Exception):
    def __init__(self, kind, at):
        self.kind, self.at = kind, at


def _member(s, i):
    """(Member, end) for the member at i, or raises Fault."""
    k = token_end(s, i)
    if k == i:
        raise Fault("key", i)
    key = s[i:k]
    i = skip_ows(s, k)
    if i == len(s) or s[i] != "=":
        raise Fault("member" if i == len(s) or s[i] in ",;" else "key", i)

    def eq_value(eq):
        vs = skip_ows(s, eq + 1)
        ve, bad = _value_end(s, vs)
        if bad >= 0:
            raise Fault("escape", bad)
        return s[vs:ve], skip_ows(s, ve)

    value, i = eq_value(i)
    props, after = [], "value"  # what an unexpected byte here is wrong with
    while i < len(s) and s[i] == ";":
        after = "property"
        i = skip_ows(s, i + 1)
        k = token_end(s, i)
        if k == i:
            raise Fault("property", i)
        pkey, pval = s[i:k], None
        i = skip_ows(s, k)
        if i < len(s) and s[i] == "=":
            pval, i = eq_value(i)
        props.append((pkey, pval))
    if i < len(s) and s[i] != ",":
        raise Fault(after, i)
    return Member(key, value, props), i


def parse(lines_, max_members=0, max_bytes=0):
    """(members, error) for the lines taken as one list; offsets index the
    lines joined with ","."""
    max_members = max_members or DEFAULT_MAX_MEMBERS
    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    kept, size, first_err, base = [], 0, None, 0
    for s in lines_:
        i = 0
        while i < len(s):
            i = skip_ows(s, i)
            if i == len(s):
                break
            if s[i] == ",":
                i += 1
                continue
            start = i
            try:
                m, end = _member(s, i)
            except Fault as f:
                first_err = first_err or err(HEADER, f.kind, base + f.at)
                comma = s.find(",", f.at)
                i = (len(s) if comma < 0 else comma) + 1
                continue
            i = end + 1
            n = len(m.wire_form())
            sep = 1 if kept else 0
            if len(kept) >= max_members:
                first_err = first_err or err(HEADER, "too-many-members", base + start)
            elif size + sep + n > max_bytes:
                first_err = first_err or err(HEADER, "too-long", base + start)
            else:
                size += sep + n
                kept.append(m)
        base += len(s) + 1
    return kept, first_err


def decode(raw):
    """Percent-decodes a wire value (a malformed escape stays literal) and
    repairs invalid UTF-8 with U+FFFD, byte by byte."""
    out, i = bytearray(), 0
    data = raw.encode("latin-1")
    while i < len(data):
        c = data[i]
        if c == 0x25 and i + 2 < len(data) and chr(data[i + 1]) in ANY_HEX and chr(data[i + 2]) in ANY_HEX:
            out.append(int(data[i + 1:i + 3], 16))
            i += 3
            continue
        out.append(c)
        i += 1
    return go_utf8(bytes(out))


def encode(value):
    """Percent-encodes (uppercase hex) every UTF-8 byte of value that is not
    a baggage-octet, and "%"."""
    return "".join(chr(b) if chr(b) in OCTETS and b != 0x25 else "%%%02X" % b
                   for b in value.encode("utf-8"))


def format_within(members, max_members=0, max_bytes=0):
    """The canonical line: members in order while they fit the limits (a
    member that does not fit is skipped, a later one may still fit)."""
    max_members = max_members or DEFAULT_MAX_MEMBERS
    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    out, size = [], 0
    for m in members:
        if len(out) >= max_members:
            break
        w = m.wire_form()
        n = len(w) + (1 if out else 0)
        if size + n > max_bytes:
            continue
        size += n
        out.append(w)
    return ",".join(out)


def set_member(members, key, value):
    """OpenTelemetry Set: replaces the first member with key (dropping later
    repeats) or appends."""
    if not key or any(c not in TCHARS for c in key):
        raise ValueError("invalid baggage key %r" % key)
    m = Member(key, value, plain=True)
    for i, old in enumerate(members):
        if old.key == key:
            return members[:i] + [m] + [x for x in members[i + 1:] if x.key != key]
    return members + [m]


def delete_member(members, key):
    return [m for m in members if m.key != key]


def run(case):
    opts = case.get("options") or {}
    mm, mb = opts.get("max_members", 0), opts.get("max_size", 0)
    members, e = parse(lines(case["headers"], HEADER), mm, mb)
    expect = {"baggage": [m.view() for m in members]}
    for op in case.get("ops") or []:
        if op["op"] == "set":
            members = set_member(members, wire(op["key"]), op["value"])
        elif op["op"] == "delete":
            members = delete_member(members, wire(op["key"]))
        else:
            raise ValueError("unknown op %r" % op["op"])
    line = format_within(members, mm, mb)
    return Result(bool(members) or e is None, e, expect, [[HEADER, text(line)]] if line else [])

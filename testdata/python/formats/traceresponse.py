"""The traceresponse header of the W3C editor's draft and its Level 3
successor, the Server-Timing metric trace;desc=... (SPEC.md section 4)."""

from .common import Ctx, Result, err, skip_ows, token_end, wire
from . import traceparent as tp

FORMAT = "traceresponse"
HEADER_ST = "server-timing"
MAX_ESCAPED_DESC = 128


def _scan_quoted(s, q):
    """(index of the closing quote or -1, whether a backslash occurred)."""
    escaped, i = False, q + 1
    while i < len(s):
        if s[i] == '"':
            return i, escaped
        if s[i] == "\\":
            escaped = True
            i += 1
        i += 1
    return -1, escaped


def _skip_to_comma(s, pos):
    while pos < len(s):
        if s[pos] == ",":
            return pos
        if s[pos] == '"':
            end, _ = _scan_quoted(s, pos)
            if end < 0:
                return len(s)
            pos = end
        pos += 1
    return pos


def _missing(s):
    if skip_ows(s, 0) == len(s):
        return None, err(HEADER_ST, "empty", 0)
    return None, err(HEADER_ST, "missing-field", len(s))


def _quoted_desc(s, start, end, escaped):
    if not escaped:
        return tp.parse(s[start:end], HEADER_ST, start)
    out, i = [], start
    while i < end:
        if s[i] == "\\":
            i += 1
        if len(out) == MAX_ESCAPED_DESC:
            return None, err(HEADER_ST, "too-long", start - 1)
        out.append(s[i])
        i += 1
    ctx, e = tp.parse("".join(out), HEADER_ST)
    if e:
        # Map the offset in the unescaped text back to the header value.
        i, k = start, 0
        while i < end and k < e["offset"]:
            if s[i] == "\\":
                i += 1
            i, k = i + 1, k + 1
        return None, err(HEADER_ST, e["kind"], i)
    return ctx, None


def parse_server_timing(s):
    """The first metric named trace (ASCII case-insensitively) and its desc
    parameter, a token or quoted-string, parsed as a traceresponse."""
    n, pos = len(s), 0
    while True:
        while pos < n and (s[pos] in " \t,"):
            pos += 1
        if pos >= n:
            break
        start = pos
        pos = token_end(s, pos)
        is_trace = s[start:pos].lower() == "trace"
        if pos == start:
            pos = _skip_to_comma(s, pos)
            continue
        while True:
            p = skip_ows(s, pos)
            if p >= n or s[p] != ";":
                pos = p
                break
            p = skip_ows(s, p + 1)
            ps = p
            p = token_end(s, p)
            is_desc = s[ps:p].lower() == "desc"
            p = skip_ows(s, p)
            if p >= n or s[p] != "=":
                pos = p
                continue  # a parameter without a value
            p = skip_ows(s, p + 1)
            if p < n and s[p] == '"':
                end, escaped = _scan_quoted(s, p)
                if is_trace and is_desc:
                    if end < 0:
                        return None, err(HEADER_ST, "value", p)
                    return _quoted_desc(s, p + 1, end, escaped)
                if end < 0:
                    return _missing(s)
                pos = end + 1
                continue
            vs = p
            while p < n and s[p] not in " \t,;":
                p += 1
            if is_trace and is_desc:
                return tp.parse(s[vs:p], HEADER_ST, vs)
            pos = p
        if is_trace:
            return None, err(HEADER_ST, "missing-field", pos)
        pos = _skip_to_comma(s, pos)
    return _missing(s)


def run(case):
    if len(case["headers"]) != 1:
        raise ValueError("a traceresponse case has one header line")
    name, value = case["headers"][0]
    name = name.lower()
    value = wire(value)
    if name == "traceresponse":
        ctx, e = tp.parse(value, "traceresponse")
        prefix = ""
    elif name == HEADER_ST:
        ctx, e = parse_server_timing(value)
        prefix = "trace;desc="
    else:
        raise ValueError("unknown header %r" % name)
    canonical = [[name, prefix + tp.format_value(ctx)]] if ctx else []
    return Result(ctx is not None, e, (ctx or Ctx()).view(), canonical)

"""OpenTelemetry's ot= tracestate member (SPEC.md section 9.9): th (the
rejection threshold) and rv (explicit randomness); a malformed th is erased,
a malformed rv kept as received but unused."""

from .common import Result, err, is_digit, is_lower, is_lower_hex, text, wire

FORMAT = "otstate"
HEADER = "tracestate ot"
MAX_LEN = 256
DIGITS = 14
VALUE_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def _threshold(v):
    """(value, kind, offset): 1..14 lowercase hex digits, right-padded."""
    if v == "" or len(v) > DIGITS:
        return None, "length", min(len(v), DIGITS)
    for i, c in enumerate(v):
        if not is_lower_hex(c):
            return None, "value", i
    return v.ljust(DIGITS, "0"), None, 0


def _randomness(v):
    if len(v) != DIGITS:
        return None, "length", min(len(v), DIGITS)
    return _threshold(v)


def parse(s):
    """(state, error) where state is {"items": [(key, value)], "th", "rv"}
    or None when the member is unusable as a whole."""
    if s == "":
        return None, err(HEADER, "empty", 0)
    if len(s) > MAX_LEN:
        return None, err(HEADER, "too-long", MAX_LEN)
    items, th, rv, first_err, i = [], None, None, None, 0
    while True:
        ks = i
        if i == len(s) or s[i] == ";":
            return None, err(HEADER, "member", i)  # an empty item
        if not is_lower(s[i]):
            return None, err(HEADER, "key", i)
        i += 1
        while i < len(s) and (is_lower(s[i]) or is_digit(s[i])):
            i += 1
        ke = i
        if i == len(s) or s[i] == ";":
            return None, err(HEADER, "delimiter", i)  # no ":"
        if s[i] != ":":
            return None, err(HEADER, "key", i)
        vs = i = i + 1
        while i < len(s) and s[i] in VALUE_CHARS:
            i += 1
        if i < len(s) and s[i] != ";":
            return None, err(HEADER, "value", i)
        key, value = s[ks:ke], s[vs:i]
        if any(k == key for k, _, _ in items):
            return None, err(HEADER, "key", ks)  # a repeated key
        keep = True
        if key == "th":
            th, kind, at = _threshold(value)
            if kind:
                first_err = first_err or err(HEADER, kind, vs + at)
                keep = False  # erased
        elif key == "rv":
            rv, kind, at = _randomness(value)
            if kind:
                first_err = first_err or err(HEADER, kind, vs + at)
        items.append((key, value, keep))
        if i == len(s):
            return {"items": items, "th": th, "rv": rv}, first_err
        i += 1


def run(case):
    state, e = parse(wire(case["value"]))
    if state is None:
        return Result(False, e)
    expect = {}
    if state["th"] is not None:
        expect["threshold"] = state["th"]
    if state["rv"] is not None:
        expect["randomness"] = state["rv"]
    canonical = ";".join(k + ":" + v for k, v, keep in state["items"] if keep)
    return Result(True, e, expect, text(canonical))

"""grpc-trace-bin, OpenCensus's binary trace context (SPEC.md section 9.8):
version 0, then fields (0: trace id, 1: span id, 2: options) in any order
up to the first unknown or repeated one; in text carriers standard base64,
padded or not. canonical is unpadded base64."""

from .common import Ctx, Result, err, first, trim

FORMAT = "grpc-trace-bin"
HEADER = "grpc-trace-bin"
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
FIELD_LEN = {0: 16, 1: 8, 2: 1}


def decode_binary(b):
    """(Ctx, kind, offset) for the raw bytes b; kind is None when valid."""
    if not b:
        return Ctx(), "empty", 0
    if b[0] != 0:
        return Ctx(), "version", 0
    vals, at, i = {}, {}, 1
    while i < len(b):
        fid = b[i]
        if fid not in FIELD_LEN or fid in vals:
            break  # a newer sender's field: the rest is ignored
        n = FIELD_LEN[fid]
        if len(b) - i - 1 < n:
            return Ctx(), "length", len(b)
        vals[fid], at[fid] = b[i + 1:i + 1 + n], i + 1
        i += 1 + n
    if 0 not in vals:
        return Ctx(), "missing-field", i
    if not any(vals[0]):
        return Ctx(), "zero-trace-id", at[0]
    if 1 not in vals:
        return Ctx(), "missing-field", i
    if not any(vals[1]):
        return Ctx(), "zero-span-id", at[1]
    sampled = vals.get(2, b"\x00")[0] & 1
    return Ctx(vals[0].hex(), vals[1].hex(), sampling="accept" if sampled else "deny"), None, 0


def parse_binary(b):
    ctx, kind, at = decode_binary(b)
    return (ctx, None) if kind is None else (Ctx(), err(HEADER, kind, at))


def parse(s):
    """(Ctx, error) for the base64 text s (a byte string); a fault in the
    decoded bytes is placed at the character that encodes its first bit."""
    lo, hi = trim(s)
    if lo == hi:
        return Ctx(), err(HEADER, "empty", 0)
    n = hi
    while n > lo and s[n - 1] == "=":
        n -= 1
    acc = bits = 0
    out = bytearray()
    for i in range(lo, n):
        d = ALPHABET.find(s[i])
        if d < 0:
            return Ctx(), err(HEADER, "trailing-data" if s[i] == "," else "value", i)
        acc, bits = (acc << 6 | d) & 0xFFFF, bits + 6
        if bits >= 8:
            bits -= 8
            out.append(acc >> bits & 0xFF)
    chars = n - lo
    if chars % 4 == 1:
        return Ctx(), err(HEADER, "length", n)
    pad, want = hi - n, (4 - chars % 4) % 4
    if pad > want:
        return Ctx(), err(HEADER, "value", n + want)
    if 0 < pad < want:
        return Ctx(), err(HEADER, "length", hi)
    ctx, kind, at = decode_binary(bytes(out))
    if kind is None:
        return ctx, None
    return Ctx(), err(HEADER, kind, lo + at * 4 // 3 if at < len(out) else n)


def extract(headers):
    """The propagator on a text carrier: the first of values joined with
    ","; a blank value is absent."""
    v = first(headers, HEADER).split(",", 1)[0]
    lo, hi = trim(v)
    if lo == hi:
        return Ctx(), None
    return parse(v)


def binary_form(ctx):
    return bytes([0, 0]) + bytes.fromhex(ctx.trace_id) + bytes([1]) + bytes.fromhex(ctx.span_id) + \
        bytes([2, 1 if ctx.sampling in ("accept", "debug") else 0])


def base64(b):
    """Standard base64 without padding."""
    out, bits, acc = [], 0, 0
    for c in b:
        acc, bits = acc << 8 | c, bits + 8
        while bits >= 6:
            bits -= 6
            out.append(ALPHABET[acc >> bits & 63])
    if bits:
        out.append(ALPHABET[acc << (6 - bits) & 63])
    return "".join(out)


def inject(ctx):
    return [[HEADER, base64(binary_form(ctx))]] if ctx.valid else []


def run(case):
    if case.get("binary") is not None:
        ctx, e = parse_binary(bytes.fromhex(case["binary"]))
    else:
        ctx, e = extract(case["headers"])
    return Result(ctx.valid, e, ctx.view(), inject(ctx))

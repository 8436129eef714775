"""W3C tracestate (SPEC.md section 3): Level 2 keys by default, Level 1 keys
with options.level1, whole-list discard unless options.lenient, first
occurrence of a repeated key kept, at most 32 members, truncation in the
spec's order."""

from .common import Result, err, is_digit, is_lower, lines, text, trim

FORMAT = "tracestate"
HEADER = "tracestate"
MAX_MEMBERS = 32
MAX_KEY = 256
MAX_VALUE = 256
DEFAULT_CAP = 512
LONG_ENTRY = 128
KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-*/@")


def check_key(k, level1):
    """The offset of the first fault in key k, or -1."""
    if k == "" or not (is_lower(k[0]) or is_digit(k[0])):
        return 0
    ats = []
    for i in range(1, len(k)):
        if i == MAX_KEY or k[i] not in KEY_CHARS:
            return i
        if k[i] == "@":
            ats.append(i)
    if not level1:
        return -1
    if not ats:
        return -1 if is_lower(k[0]) else 0
    at = ats[0]
    if len(ats) > 1:
        return ats[1]
    if at > 241:  # tenant-id is at most 241 characters
        return 241
    if at + 1 == len(k):
        return len(k)
    if not is_lower(k[at + 1]):
        return at + 1
    if len(k) - at - 1 > 14:  # system-id is at most 14 characters
        return at + 1 + 14
    return -1


def check_value(v):
    if v == "":
        return 0
    for i, c in enumerate(v):
        if i == MAX_VALUE:
            return i
        if c < " " or c > "~" or c in ",=":
            return i
    if v[-1] == " ":
        return len(v) - 1
    return -1


def check_member(s, ms, me, level1):
    """(eq, kind, offset) for the member s[ms:me]; kind is None if valid."""
    eq = s.find("=", ms, me)
    if eq < 0:
        return 0, "member", ms
    k = check_key(s[ms:eq], level1)
    if k >= 0:
        return eq, "key", ms + k
    k = check_value(s[eq + 1:me])
    if k >= 0:
        return eq, "value", eq + 1 + k
    return eq, None, 0


def parse(lines, level1=False, lenient=False):
    """Returns (members, error): members as [(key, value)] byte strings in
    order without repeats. In strict mode an error means no members. Offsets
    index the lines joined with ","."""
    members, seen, count, first_err, base = [], set(), 0, None, 0
    for s in lines:
        i, full = 0, False
        while i <= len(s):
            pe = s.find(",", i)
            if pe < 0:
                pe = len(s)
            ms, me = trim(s, i, pe)
            i = pe + 1
            if ms == me:
                continue  # empty and blank members are allowed
            if count == MAX_MEMBERS:
                e = err(HEADER, "too-many-members", base + ms)
                if not lenient:
                    return [], e
                first_err = first_err or e
                full = True
                break
            eq, kind, at = check_member(s, ms, me, level1)
            if kind:
                e = err(HEADER, kind, base + at)
                if not lenient:
                    return [], e
                first_err = first_err or e
                continue
            key = s[ms:eq]
            if key not in seen:
                seen.add(key)
                members.append((key, s[eq + 1:me]))
            count += 1  # repeats count towards the limit
        if full:
            break
        base += len(s) + 1
    return members, first_err


def insert(members, key, value):
    rest = [m for m in members if m[0] != key]
    return [(key, value)] + rest[:MAX_MEMBERS - 1]


def delete(members, key):
    return [m for m in members if m[0] != key]


def truncate(members, cap=0):
    """Drops whole members until the list fits cap bytes: entries over 128
    bytes first, right to left, then any, right to left (W3C)."""
    cap = cap if cap > 0 else DEFAULT_CAP
    sizes = [len(k) + 1 + len(v) for k, v in members]
    total, count = sum(sizes), len(members)
    drop = set()
    for long_first in (True, False):
        for j in range(len(members) - 1, -1, -1):
            if total + count - 1 <= cap:
                break
            if j in drop or (long_first and sizes[j] <= LONG_ENTRY):
                continue
            drop.add(j)
            total -= sizes[j]
            count -= 1
    return [m for j, m in enumerate(members) if j not in drop]


def format_value(members):
    return ",".join(k + "=" + v for k, v in members)


def run(case):
    opts = case.get("options") or {}
    level1, lenient = opts.get("level1", False), opts.get("lenient", False)
    members, e = parse(lines(case["headers"], HEADER), level1, lenient)
    expect = {"tracestate": [[text(k), text(v)] for k, v in members]}
    for op in case.get("ops") or []:
        if op["op"] == "insert":
            members = insert(members, op["key"], op["value"])
        elif op["op"] == "delete":
            members = delete(members, op["key"])
        elif op["op"] == "truncate":
            members = truncate(members, op.get("size", 0))
        else:
            raise ValueError("unknown op %r" % op["op"])
    canonical = [["tracestate", text(format_value(members))]] if members else []
    return Result(e is None or lenient, e, expect, canonical)

"""Composite propagation configured by OTEL_PROPAGATORS (SPEC.md section 8
and the rules of package propagator): the first valid span context wins
(or, with last_wins, the last), a later format with the same ids refines it,
the W3C tracestate survives when its trace id matches, a decision-only
context is used only when nothing is valid, and W3C baggage is merged with
Jaeger's items (the W3C member wins)."""

from . import b3, baggage, jaeger, traceparent
from .common import Ctx, Result, Skip, TCHARS, go_utf8, lines, text

FORMAT = "composite"
DEFAULT = ["tracecontext", "baggage"]
# Every name the module's registry knows; this runner implements the first
# five and skips a case that configures another.
KNOWN = ("tracecontext", "baggage", "b3", "b3multi", "jaeger", "xray", "xray-lambda",
         "ottrace", "cloudtrace", "sentry", "datadog", "grpc-trace-bin")
IMPLEMENTED = KNOWN[:5]
SPAN_FORMATS = ("tracecontext", "b3", "b3multi", "jaeger")
GO_SPACE = " \t\n\v\f\r\x85\xa0"  # what Go's strings.TrimSpace trims (Latin-1 part)


def configure(value):
    """(members, unknown or None) for an OTEL_PROPAGATORS value; None (unset)
    and "" both mean the default."""
    entries = [p.strip(GO_SPACE) for p in (value or "").split(",")]
    members, unknown, none, note = [], [], False, False
    for raw in entries:
        name = raw.lower()
        if name == "xray" and "xray-lambda" in members:
            note = True  # xray-lambda replaces xray
            continue
        if name == "xray-lambda" and "xray" in members:
            members[members.index("xray")] = name
            note = True
            continue
        if name == "" or name in members:
            continue
        if name == "none":
            none = True
        elif name in KNOWN:
            members.append(name)
        else:
            unknown.append(raw)
    if none:
        return [], (unknown if members or unknown else None)
    if not members:
        return list(DEFAULT), (unknown or None)
    return members, (unknown if unknown or note else None)


def _extract_member(name, headers):
    if name == "tracecontext":
        return traceparent.extract(headers)
    if name in ("b3", "b3multi"):
        return b3.extract(headers)
    return jaeger.extract(headers)


def _refine(win, other):
    """win with what other, the same ids from a later format, adds."""
    win = win.copy()
    if not win.parent:
        win.parent = other.parent
    win.trace_id_64 = win.trace_id_64 or other.trace_id_64
    win.firehose = win.firehose or other.firehose
    win.random = win.random or other.random
    if (win.sampling, other.sampling) in (("accept", "debug"), ("deny", "deferred")):
        win.sampling = other.sampling
    return win


def extract_span(members, headers, last_wins):
    """(Ctx, error): the error is the first member's, reported only when no
    valid context was found."""
    win, partial, first_err, state, state_trace = None, Ctx(), None, [], None
    for name in members:
        if name not in SPAN_FORMATS:
            continue
        ctx, e = _extract_member(name, headers)
        first_err = first_err or e
        if ctx is None or not ctx.valid:
            if ctx is not None and ctx.sampling != "deferred" and partial.sampling == "deferred":
                partial = ctx
            continue
        if ctx.tracestate and not state:
            state, state_trace = ctx.tracestate, ctx.trace_id
        if win is None or last_wins:
            win = ctx
        elif ctx.trace_id == win.trace_id and ctx.span_id == win.span_id:
            win = _refine(win, ctx)
    if win is None:
        return partial, first_err
    if not last_wins and not win.tracestate and state and state_trace == win.trace_id:
        win = win.copy(tracestate=state)
    return win, None


def _jaeger_baggage(headers):
    members = []
    for k, v in jaeger.baggage_items(headers):
        try:
            members = baggage.set_member(members, k, go_utf8(v.encode("latin-1")))
        except ValueError:
            pass  # a key that is no token cannot travel as W3C baggage
    return _reparse(members)


def _reparse(members):
    line = baggage.format_within(members)
    return baggage.parse([line] if line else [])[0]


def extract_baggage(members, headers):
    w3c, items = [], []
    for name in members:
        if name == "baggage":
            w3c = baggage.parse(lines(headers, "baggage"))[0]
        elif name == "jaeger":
            items = _jaeger_baggage(headers)
    if not items:
        return w3c
    if not w3c:
        return items
    merged, added = list(w3c), False
    for m in items:
        if any(w.key.lower() == m.key.lower() for w in w3c):
            continue  # a uberctx-* header is a lossy copy of the W3C member
        merged = baggage.set_member(merged, m.key, baggage.decode(m.value))
        added = True
    return _reparse(merged) if added else w3c


def inject(members, ctx, bag):
    """The lines every member writes, one per name (a later Set replaces),
    sorted by name."""
    out = {}
    for name in members:
        if name == "tracecontext":
            lines_ = traceparent.inject(ctx)
        elif name == "b3":
            lines_ = b3.inject_single(ctx)
        elif name == "b3multi":
            lines_ = b3.inject_multi(ctx)
        elif name == "baggage":
            v = baggage.format_within(bag)
            lines_ = [["baggage", text(v)]] if v else []
        else:
            lines_ = [["uber-trace-id", jaeger.format_value(ctx)]] if ctx.valid else []
            for m in bag:
                if m.key and all(c in TCHARS for c in m.key):
                    lines_.append(["uberctx-" + m.key.lower(), jaeger.escape(baggage.decode(m.value))])
        for k, v in lines_:
            out[k] = v
    return [[k, out[k]] for k in sorted(out)]


def run(case):
    policy = case.get("policy") or ("last-wins" if case.get("last_wins") else "first-wins")
    if policy not in ("first-wins", "last-wins"):
        raise Skip("policy %r" % policy)
    members, unknown = configure(case.get("propagators"))
    for name in members:
        if name not in IMPLEMENTED:
            raise Skip("format %r" % name)
    h = case["headers"]
    ctx, e = extract_span(members, h, policy == "last-wins")
    bag = extract_baggage(members, h)
    expect = ctx.view()
    expect["baggage"] = [m.view() for m in bag]
    expect["debug_id"] = go_utf8(jaeger.debug_id(h).encode("latin-1")) if "jaeger" in members else ""
    extra = {"env_error": unknown}  # absent from the case: no error
    if "members" in case:
        extra["members"] = members
    return Result(ctx.valid, e, expect, inject(members, ctx, bag), **extra)

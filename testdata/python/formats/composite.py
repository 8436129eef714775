"""Composite propagation configured by OTEL_PROPAGATORS (SPEC.md section 8
and the rules of package propagator): under the first-wins policy the first
valid span context wins, a later format with the same ids refines it and
the W3C tracestate survives when its trace id matches; last-wins takes the
last and carries nothing across; reparent is first-wins plus Datadog's rule
(a traceparent of the winner's trace names the parent). A decision-only
context is used only when nothing is valid (taking the trace id of a later
agreeing decision); the contexts the winner does not continue are links.
W3C baggage is merged with the lossy copies of Jaeger and OT (the W3C
member wins a key). The X-Ray header and the Datadog headers extracted go
on with a context of their trace, and beside tracecontext the Datadog
member writes its dd= tracestate member."""

import copy

from . import b3, baggage, cloudtrace, datadog, grpctrace, jaeger, ottrace, sentry, traceparent, xray
from .common import ZERO_TRACE, Ctx, Result, Skip, TCHARS, go_utf8, lines, text

FORMAT = "composite"
DEFAULT = ["tracecontext", "baggage"]
CORE = ("tracecontext", "baggage", "b3", "b3multi", "jaeger")
# Names of the vendor formats, known unless a case's env_error lists them
# (the Go registry may not know them yet).
VENDOR = ("xray", "xray-lambda", "ottrace", "datadog", "cloudtrace", "sentry", "grpc-trace-bin")
GO_SPACE = " \t\n\v\f\r\x85\xa0"  # what Go's strings.TrimSpace trims (Latin-1 part)
POLICIES = ("first-wins", "last-wins", "reparent")


def configure(value, unknown_here=()):
    """(members, unknown or None) for an OTEL_PROPAGATORS value; None (unset)
    and "" both mean the default. unknown_here: the names the case expects
    to be unknown. A name neither known to this runner nor expected to be
    unknown raises Skip."""
    entries = [p.strip(GO_SPACE) for p in (value or "").split(",")]
    expected_unknown = {n.lower() for n in unknown_here}
    members, unknown, none, note = [], [], False, False
    for raw in entries:
        name = raw.lower()
        if name == "xray" and "xray-lambda" in members:
            note = True  # xray-lambda replaces xray
            continue
        if name == "xray-lambda" and "xray" in members:
            members[members.index("xray")], note = name, True
            continue
        if name == "" or name in members:
            continue
        if name == "none":
            none = True
        elif name in CORE or (name in VENDOR and name not in expected_unknown):
            members.append(name)
        elif name in expected_unknown:
            unknown.append(raw)
        else:
            raise Skip("propagator %s not implemented" % raw)
    if none:
        return [], (unknown if members or unknown else None)
    if not members:
        return list(DEFAULT), (unknown or None)
    return members, (unknown if unknown or note else None)


def _extract_member(name, headers, env):
    """(Ctx, error) of one span-context member, or None for a member that
    carries no span contexts."""
    if name == "tracecontext":
        ctx, e = traceparent.extract(headers)
        return ctx or Ctx(), e
    if name in ("b3", "b3multi"):
        return b3.extract(headers)
    if name == "jaeger":
        return jaeger.extract(headers)
    if name in ("xray", "xray-lambda"):
        h, e = xray.extract(headers, env if name == "xray-lambda" else None)
        return (h.ctx if h else Ctx()), e
    if name == "ottrace":
        return ottrace.extract(headers)
    if name == "datadog":
        return datadog.extract(headers)
    if name == "cloudtrace":
        return cloudtrace.extract(headers)
    if name == "sentry":
        return sentry.extract(headers)
    if name == "grpc-trace-bin":
        return grpctrace.extract(headers)
    return None


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


def resolve(results, policy):
    """(Ctx, error, replaced) for the members' results [(name, Ctx, error)]:
    the error is the first member's, reported only when nothing was found;
    replaced is the winner reparenting moved off, or None."""
    last_wins = policy == "last-wins"
    win, partial, first_err, state, state_trace, w3c = None, Ctx(), None, [], None, None
    for name, ctx, e in results:
        first_err = first_err or e
        if not ctx.valid:
            if ctx.sampling == "deferred":
                pass
            elif partial.sampling == "deferred":
                partial = ctx
            elif not last_wins and ctx.sampling == partial.sampling and \
                    partial.trace_id == ZERO_TRACE and ctx.trace_id != ZERO_TRACE:
                partial = partial.copy(trace_id=ctx.trace_id)  # an X-Ray Root beside a bare B3 "1"
            continue
        if policy == "reparent" and name == "tracecontext" and w3c is None:
            w3c = ctx
        if ctx.tracestate and not state:
            state, state_trace = ctx.tracestate, ctx.trace_id
        if win is None or last_wins:
            win = ctx
        elif ctx.trace_id == win.trace_id and ctx.span_id == win.span_id:
            win = _refine(win, ctx)
    if win is None:
        return (partial, None, None) if partial.sampling != "deferred" else (Ctx(), first_err, None)
    out, replaced = win, None
    if not last_wins and not out.tracestate and state and state_trace == out.trace_id:
        out = out.copy(tracestate=state)
    if w3c is not None and w3c.trace_id == out.trace_id and w3c.span_id != out.span_id:
        replaced = win
        out = out.copy(span_id=w3c.span_id, parent="", random=out.random or w3c.random)
    return out, None, replaced


def links(results, policy):
    """The contexts the winner does not continue: the one reparenting
    replaced, then each valid context of another trace, once per ids."""
    win, _, replaced = resolve(results, policy)
    out = []
    if not win.valid:
        return out
    if replaced is not None:
        out.append({"trace_id": replaced.trace_id, "span_id": replaced.span_id, "reason": "reparented"})
    for _, ctx, _ in results:
        if not ctx.valid or ctx.trace_id == win.trace_id or \
                any(l["trace_id"] == ctx.trace_id and l["span_id"] == ctx.span_id for l in out):
            continue
        out.append({"trace_id": ctx.trace_id, "span_id": ctx.span_id, "reason": "conflict"})
    return out


def _set_all(members, items):
    """members with every (key, text value) set; keys that are no token
    cannot travel as W3C baggage and are skipped."""
    for k, v in items:
        try:
            members = baggage.set_member(members, k, v)
        except ValueError:
            pass
    return members


def _reparse(members):
    line = baggage.format_within(members)
    return baggage.parse([line] if line else [])[0]


def _merge(primary, secondary):
    """primary with the members of secondary whose keys, compared
    case-insensitively, it lacks."""
    have = {m.key.lower() for m in primary}
    extra = [(m.key, baggage.decode(m.value)) for m in secondary if m.key.lower() not in have]
    return _reparse(_set_all(list(primary), extra)) if extra else primary


def extract_baggage(members, headers):
    """The W3C baggage, merged with the lossy copies in member order:
    Jaeger's items, and OT's ot-baggage-* items beside a valid OT context."""
    w3c, lossy = [], []
    for name in members:
        if name == "baggage":
            w3c = baggage.parse(lines(headers, "baggage"))[0]
        elif name == "jaeger":
            items = [(k, go_utf8(v.encode("latin-1"))) for k, v in jaeger.baggage_items(headers)]
            lossy = _merge(lossy, _reparse(_set_all([], items)))
        elif name == "ottrace" and ottrace.extract(headers)[0].valid:
            lossy = _merge(lossy, ottrace.baggage_items(headers))
    if not lossy:
        return w3c
    if not w3c:
        return lossy
    return _merge(w3c, lossy)


class Extras:
    """What members keep beside the span context: the X-Ray header and the
    Datadog headers extracted (None when absent)."""

    def __init__(self, xray_header=None, dd_headers=None):
        self.xray_header, self.dd_headers = xray_header, dd_headers


def extract_extras(members, headers, env):
    ex = Extras()
    for name in members:
        if name in ("xray", "xray-lambda") and ex.xray_header is None:
            h, _ = xray.extract(headers, env if name == "xray-lambda" else None)
            ex.xray_header = h
        elif name == "datadog" and ex.dd_headers is None:
            h, _ = datadog.extract_headers(headers)
            if h is not None and h.ctx.trace_id != ZERO_TRACE:
                ex.dd_headers = h
    return ex


def dd_with_span_context(h, ctx):
    """Datadog's Headers.WithSpanContext: h for ctx, a context of its trace;
    for another trace, the headers ctx itself implies."""
    if ctx.trace_id != h.ctx.trace_id:
        return datadog.new_headers(ctx)
    out = copy.copy(h)
    if ctx.span_id != h.ctx.span_id:
        out.last_parent = None
    out.set_priority(h.priority, ctx.sampling)
    out.ctx = ctx
    return out


def dd_member(ctx, ex):
    """The dd= member the datadog member states for ctx, or None."""
    if not ctx.valid:
        return None
    stored = ex.dd_headers
    if stored is not None and stored.ctx.trace_id == ctx.trace_id:
        h = dd_with_span_context(stored, ctx)
        lp = datadog.last_parent_id(ctx, stored.ctx)
        if lp:
            h.last_parent = lp
        v = datadog.member_value(h)
    else:
        v = datadog.member_value(datadog.new_headers(ctx))
    return v or None


def _inject_member(name, ctx, bag, ex):
    if name == "tracecontext":
        return traceparent.inject(ctx)
    if name == "b3":
        return b3.inject_single(ctx)
    if name == "b3multi":
        return b3.inject_multi(ctx)
    if name == "baggage":
        v = baggage.format_within(bag)
        return [["baggage", text(v)]] if v else []
    if name == "jaeger":
        out = [["uber-trace-id", jaeger.format_value(ctx)]] if ctx.valid else []
        for m in bag:
            if m.key and all(c in TCHARS for c in m.key):
                out.append(["uberctx-" + m.key.lower(), jaeger.escape(baggage.decode(m.value))])
        return out
    if name in ("xray", "xray-lambda"):
        v = xray.header_value(ex.xray_header, ctx)
        return [[xray.HEADER, v]] if v else []
    if name == "ottrace":
        return ottrace.inject(ctx, bag)
    if name == "datadog":
        if ex.dd_headers is not None and ctx.valid:
            return datadog.inject_headers(dd_with_span_context(ex.dd_headers, ctx))
        return datadog.inject(ctx)
    if name == "sentry":
        return sentry.inject(ctx)
    if name == "grpc-trace-bin":
        return grpctrace.inject(ctx)
    return []  # cloudtrace: the registry's propagator is one-way


def inject(members, ctx, bag, ex):
    """The lines every member writes, one per name (a later Set replaces),
    sorted by name. Beside tracecontext, the datadog member's dd= member
    goes first into the tracestate every member sees."""
    if "tracecontext" in members and "datadog" in members:
        v = dd_member(ctx, ex)
        if v is not None:
            ctx = ctx.copy(tracestate=[["dd", v]] + [m for m in ctx.tracestate if m[0] != "dd"])
    out = {}
    for name in members:
        for k, v in _inject_member(name, ctx, bag, ex):
            out[k] = v
    return [[k, out[k]] for k in sorted(out)]


def run(case):
    policy = case.get("policy") or ("last-wins" if case.get("last_wins") else "first-wins")
    if policy not in POLICIES:
        raise Skip("policy %r" % policy)
    members, unknown = configure(case.get("propagators"), case.get("env_error") or ())
    h = case["headers"]
    env = [[k.lower(), v] for k, v in case.get("env") or []]
    results = []
    for name in members:
        r = _extract_member(name, h, env)
        if r is not None:
            results.append((name, r[0], r[1]))
    ctx, e, _ = resolve(results, policy)
    bag = extract_baggage(members, h)
    ex = extract_extras(members, h, env)
    expect = ctx.view()
    expect["baggage"] = [m.view() for m in bag]
    expect["debug_id"] = go_utf8(jaeger.debug_id(h).encode("latin-1")) if "jaeger" in members else ""
    extra = {"env_error": unknown}  # absent from the case: no error
    if "members" in case:
        extra["members"] = members
    if "links" in case:
        extra["links"] = links(results, policy)
    return Result(ctx.valid, e, expect, inject(members, ctx, bag, ex), **extra)

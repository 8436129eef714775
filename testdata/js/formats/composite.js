'use strict';
// Composite propagation configured by OTEL_PROPAGATORS (SPEC.md section 8
// and the rules of package propagator): under the first-wins policy the
// first valid span context wins, a later format with the same ids refines
// it and the W3C tracestate survives when its trace id matches; last-wins
// takes the last and carries nothing across; reparent is first-wins plus
// Datadog's rule (a traceparent of the winner's trace names the parent). A
// decision-only context is used only when nothing is valid (taking the
// trace id of a later agreeing decision); the contexts the winner does not
// continue are links. W3C baggage is merged with the lossy copies of Jaeger
// and OT (the W3C member wins a key). The X-Ray header and the Datadog
// headers extracted go on with a context of their trace, and beside
// tracecontext the Datadog member writes its dd= tracestate member.

const b3 = require('./b3');
const baggage = require('./baggage');
const cloudtrace = require('./cloudtrace');
const datadog = require('./datadog');
const grpctrace = require('./grpctrace');
const jaeger = require('./jaeger');
const ottrace = require('./ottrace');
const sentry = require('./sentry');
const traceparent = require('./traceparent');
const xray = require('./xray');
const { Ctx, Skip, TCHARS, ZERO_TRACE, result, goUTF8, lines, text } = require('./common');

const FORMAT = 'composite';
const DEFAULT = ['tracecontext', 'baggage'];
const CORE = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger'];
// Names of the vendor formats, known unless a case's env_error lists them
// (the Go registry may not know them yet).
const VENDOR = ['xray', 'xray-lambda', 'ottrace', 'datadog', 'cloudtrace', 'sentry', 'grpc-trace-bin'];
const GO_SPACE = ' \t\n\v\f\r\x85\xa0'; // what Go's strings.TrimSpace trims (Latin-1 part)
const POLICIES = ['first-wins', 'last-wins', 'reparent'];

function goTrimSpace(s) {
  let lo = 0;
  let hi = s.length;
  while (lo < hi && GO_SPACE.includes(s[lo])) lo++;
  while (hi > lo && GO_SPACE.includes(s[hi - 1])) hi--;
  return s.slice(lo, hi);
}

// configure returns [members, unknown or null] for an OTEL_PROPAGATORS
// value; undefined (unset) and "" both mean the default. unknownHere: the
// names the case expects to be unknown. A name neither known to this
// runner nor expected to be unknown throws Skip.
function configure(value, unknownHere = []) {
  const expectedUnknown = new Set(unknownHere.map((n) => n.toLowerCase()));
  const members = [];
  const unknown = [];
  let none = false;
  let note = false;
  for (const part of (value || '').split(',')) {
    const raw = goTrimSpace(part);
    const name = raw.toLowerCase();
    if (name === 'xray' && members.includes('xray-lambda')) {
      note = true; // xray-lambda replaces xray
      continue;
    }
    if (name === 'xray-lambda' && members.includes('xray')) {
      members[members.indexOf('xray')] = name;
      note = true;
      continue;
    }
    if (name === '' || members.includes(name)) continue;
    if (name === 'none') none = true;
    else if (CORE.includes(name) || (VENDOR.includes(name) && !expectedUnknown.has(name))) members.push(name);
    else if (expectedUnknown.has(name)) unknown.push(raw);
    else throw new Skip(`propagator ${raw} not implemented`);
  }
  if (none) return [[], members.length || unknown.length ? unknown : null];
  if (!members.length) return [DEFAULT.slice(), unknown.length ? unknown : null];
  return [members, unknown.length || note ? unknown : null];
}

// extractMember returns [Ctx, error] of one span-context member, or null
// for a member that carries no span contexts.
function extractMember(name, headers, env) {
  switch (name) {
    case 'tracecontext': {
      const [ctx, e] = traceparent.extract(headers);
      return [ctx || new Ctx(), e];
    }
    case 'b3': case 'b3multi': return b3.extract(headers);
    case 'jaeger': return jaeger.extract(headers);
    case 'xray': case 'xray-lambda': {
      const [h, e] = xray.extract(headers, name === 'xray-lambda' ? env : null);
      return [h ? h.ctx : new Ctx(), e];
    }
    case 'ottrace': return ottrace.extract(headers);
    case 'datadog': return datadog.extract(headers);
    case 'cloudtrace': return cloudtrace.extract(headers);
    case 'sentry': return sentry.extract(headers);
    case 'grpc-trace-bin': return grpctrace.extract(headers);
    default: return null;
  }
}

// refine returns win with what other, the same ids from a later format, adds.
function refine(win, other) {
  win = win.copy();
  if (!win.parent) win.parent = other.parent;
  win.traceId64 = win.traceId64 || other.traceId64;
  win.firehose = win.firehose || other.firehose;
  win.random = win.random || other.random;
  if ((win.sampling === 'accept' && other.sampling === 'debug') ||
      (win.sampling === 'deny' && other.sampling === 'deferred')) win.sampling = other.sampling;
  return win;
}

// resolve returns [Ctx, error, replaced] for the members' results
// [[name, Ctx, error]]: the error is the first member's, reported only when
// nothing was found; replaced is the winner reparenting moved off, or null.
function resolve(results, policy) {
  const lastWins = policy === 'last-wins';
  let win = null;
  let partial = new Ctx();
  let firstErr = null;
  let state = [];
  let stateTrace = null;
  let w3c = null;
  for (const [name, ctx, e] of results) {
    firstErr = firstErr || e;
    if (!ctx.valid) {
      if (ctx.sampling === 'deferred') continue;
      if (partial.sampling === 'deferred') partial = ctx;
      else if (!lastWins && ctx.sampling === partial.sampling &&
          partial.traceId === ZERO_TRACE && ctx.traceId !== ZERO_TRACE) {
        partial = partial.copy({ traceId: ctx.traceId }); // an X-Ray Root beside a bare B3 "1"
      }
      continue;
    }
    if (policy === 'reparent' && name === 'tracecontext' && w3c === null) w3c = ctx;
    if (ctx.tracestate.length && !state.length) {
      state = ctx.tracestate;
      stateTrace = ctx.traceId;
    }
    if (win === null || lastWins) win = ctx;
    else if (ctx.traceId === win.traceId && ctx.spanId === win.spanId) win = refine(win, ctx);
  }
  if (win === null) return partial.sampling !== 'deferred' ? [partial, null, null] : [new Ctx(), firstErr, null];
  let out = win;
  let replaced = null;
  if (!lastWins && !out.tracestate.length && state.length && stateTrace === out.traceId) {
    out = out.copy({ tracestate: state });
  }
  if (w3c !== null && w3c.traceId === out.traceId && w3c.spanId !== out.spanId) {
    replaced = win;
    out = out.copy({ spanId: w3c.spanId, parent: '', random: out.random || w3c.random });
  }
  return [out, null, replaced];
}

// links returns the contexts the winner does not continue: the one
// reparenting replaced, then each valid context of another trace, once per ids.
function links(results, policy) {
  const [win, , replaced] = resolve(results, policy);
  const out = [];
  if (!win.valid) return out;
  if (replaced !== null) out.push({ trace_id: replaced.traceId, span_id: replaced.spanId, reason: 'reparented' });
  for (const [, ctx] of results) {
    if (!ctx.valid || ctx.traceId === win.traceId ||
        out.some((l) => l.trace_id === ctx.traceId && l.span_id === ctx.spanId)) continue;
    out.push({ trace_id: ctx.traceId, span_id: ctx.spanId, reason: 'conflict' });
  }
  return out;
}

// setAll returns members with every [key, text value] set; keys that are
// no token cannot travel as W3C baggage and are skipped.
function setAll(members, items) {
  for (const [k, v] of items) {
    try {
      members = baggage.setMember(members, k, v);
    } catch (e) {
      // not a token
    }
  }
  return members;
}

function reparse(members) {
  const line = baggage.formatWithin(members);
  return baggage.parse(line ? [line] : [])[0];
}

// merge returns primary with the members of secondary whose keys,
// compared case-insensitively, it lacks.
function merge(primary, secondary) {
  const have = new Set(primary.map((m) => m.key.toLowerCase()));
  const extra = secondary.filter((m) => !have.has(m.key.toLowerCase())).map((m) => [m.key, baggage.decode(m.value)]);
  return extra.length ? reparse(setAll(primary.slice(), extra)) : primary;
}

// extractBaggage returns the W3C baggage, merged with the lossy copies in
// member order: Jaeger's items, and OT's ot-baggage-* items beside a valid
// OT context.
function extractBaggage(members, headers) {
  let w3c = [];
  let lossy = [];
  for (const name of members) {
    if (name === 'baggage') w3c = baggage.parse(lines(headers, 'baggage'))[0];
    else if (name === 'jaeger') {
      const items = jaeger.baggageItems(headers).map(([k, v]) => [k, goUTF8(Buffer.from(v, 'latin1'))]);
      lossy = merge(lossy, reparse(setAll([], items)));
    } else if (name === 'ottrace' && ottrace.extract(headers)[0].valid) {
      lossy = merge(lossy, ottrace.baggageItems(headers));
    }
  }
  if (!lossy.length) return w3c;
  if (!w3c.length) return lossy;
  return merge(w3c, lossy);
}

// extractExtras returns what members keep beside the span context: the
// X-Ray header and the Datadog headers extracted (null when absent).
function extractExtras(members, headers, env) {
  const ex = { xrayHeader: null, ddHeaders: null };
  for (const name of members) {
    if ((name === 'xray' || name === 'xray-lambda') && ex.xrayHeader === null) {
      ex.xrayHeader = xray.extract(headers, name === 'xray-lambda' ? env : null)[0];
    } else if (name === 'datadog' && ex.ddHeaders === null) {
      const [h] = datadog.extractHeaders(headers);
      if (h && h.ctx.traceId !== ZERO_TRACE) ex.ddHeaders = h;
    }
  }
  return ex;
}

// ddWithSpanContext is Datadog's Headers.WithSpanContext: h for ctx, a
// context of its trace; for another trace, the headers ctx itself implies.
function ddWithSpanContext(h, ctx) {
  if (ctx.traceId !== h.ctx.traceId) return datadog.newHeaders(ctx);
  const out = Object.assign(Object.create(Object.getPrototypeOf(h)), h);
  if (ctx.spanId !== h.ctx.spanId) out.lastParent = null;
  out.setPriority(h.priority, ctx.sampling);
  out.ctx = ctx;
  return out;
}

// ddMember returns the dd= member the datadog member states for ctx, or null.
function ddMember(ctx, ex) {
  if (!ctx.valid) return null;
  const stored = ex.ddHeaders;
  let v;
  if (stored !== null && stored.ctx.traceId === ctx.traceId) {
    const h = ddWithSpanContext(stored, ctx);
    const lp = datadog.lastParentID(ctx, stored.ctx);
    if (lp) h.lastParent = lp;
    v = datadog.memberValue(h);
  } else {
    v = datadog.memberValue(datadog.newHeaders(ctx));
  }
  return v || null;
}

function injectMember(name, ctx, bag, ex) {
  switch (name) {
    case 'tracecontext': return traceparent.inject(ctx);
    case 'b3': return b3.injectSingle(ctx);
    case 'b3multi': return b3.injectMulti(ctx);
    case 'baggage': {
      const v = baggage.formatWithin(bag);
      return v ? [['baggage', text(v)]] : [];
    }
    case 'jaeger': {
      const ls = ctx.valid ? [['uber-trace-id', jaeger.formatValue(ctx)]] : [];
      for (const m of bag) {
        if (m.key && [...m.key].every((c) => TCHARS.has(c))) {
          ls.push([`uberctx-${m.key.toLowerCase()}`, jaeger.escape(baggage.decode(m.value))]);
        }
      }
      return ls;
    }
    case 'xray': case 'xray-lambda': {
      const v = xray.headerValue(ex.xrayHeader, ctx);
      return v ? [[xray.HEADER, v]] : [];
    }
    case 'ottrace': return ottrace.inject(ctx, bag);
    case 'datadog':
      if (ex.ddHeaders !== null && ctx.valid) return datadog.injectHeaders(ddWithSpanContext(ex.ddHeaders, ctx));
      return datadog.inject(ctx);
    case 'sentry': return sentry.inject(ctx);
    case 'grpc-trace-bin': return grpctrace.inject(ctx);
    default: return []; // cloudtrace: the registry's propagator is one-way
  }
}

// inject returns the lines every member writes, one per name (a later Set
// replaces), sorted by name. Beside tracecontext, the datadog member's dd=
// member goes first into the tracestate every member sees.
function inject(members, ctx, bag, ex) {
  if (members.includes('tracecontext') && members.includes('datadog')) {
    const v = ddMember(ctx, ex);
    if (v !== null) ctx = ctx.copy({ tracestate: [['dd', v], ...ctx.tracestate.filter(([k]) => k !== 'dd')] });
  }
  const out = new Map();
  for (const name of members) for (const [k, v] of injectMember(name, ctx, bag, ex)) out.set(k, v);
  return [...out.keys()].sort().map((k) => [k, out.get(k)]);
}

function run(c) {
  const policy = c.policy || (c.last_wins ? 'last-wins' : 'first-wins');
  if (!POLICIES.includes(policy)) throw new Skip(`policy ${JSON.stringify(policy)}`);
  const [members, unknown] = configure(c.propagators, c.env_error || []);
  const h = c.headers;
  const env = (c.env || []).map(([k, v]) => [k.toLowerCase(), v]);
  const results = [];
  for (const name of members) {
    const r = extractMember(name, h, env);
    if (r !== null) results.push([name, r[0], r[1]]);
  }
  const [ctx, e] = resolve(results, policy);
  const bag = extractBaggage(members, h);
  const ex = extractExtras(members, h, env);
  const expect = ctx.view();
  expect.baggage = bag.map((m) => m.view());
  expect.debug_id = members.includes('jaeger') ? goUTF8(Buffer.from(jaeger.debugID(h), 'latin1')) : '';
  const extra = { env_error: unknown }; // absent from the case: no error
  if ('members' in c) extra.members = members;
  if ('links' in c) extra.links = links(results, policy);
  return result(ctx.valid, e, expect, inject(members, ctx, bag, ex), extra);
}

module.exports = { FORMAT, run, configure };

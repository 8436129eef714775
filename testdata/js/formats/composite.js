'use strict';
// Composite propagation configured by OTEL_PROPAGATORS (SPEC.md section 8
// and the rules of package propagator): the first valid span context wins
// (or, with last_wins, the last), a later format with the same ids refines
// it, the W3C tracestate survives when its trace id matches, a
// decision-only context is used only when nothing is valid, and W3C baggage
// is merged with Jaeger's items (the W3C member wins).

const b3 = require('./b3');
const baggage = require('./baggage');
const jaeger = require('./jaeger');
const traceparent = require('./traceparent');
const { Ctx, Skip, TCHARS, result, goUTF8, lines, text } = require('./common');

const FORMAT = 'composite';
const DEFAULT = ['tracecontext', 'baggage'];
// Every name the module's registry knows; this runner implements the first
// five and skips a case that configures another.
const KNOWN = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'xray', 'xray-lambda',
  'ottrace', 'cloudtrace', 'sentry', 'datadog', 'grpc-trace-bin'];
const IMPLEMENTED = KNOWN.slice(0, 5);
const SPAN_FORMATS = ['tracecontext', 'b3', 'b3multi', 'jaeger'];
const GO_SPACE = ' \t\n\v\f\r\x85\xa0'; // what Go's strings.TrimSpace trims (Latin-1 part)

function goTrimSpace(s) {
  let lo = 0;
  let hi = s.length;
  while (lo < hi && GO_SPACE.includes(s[lo])) lo++;
  while (hi > lo && GO_SPACE.includes(s[hi - 1])) hi--;
  return s.slice(lo, hi);
}

// configure returns [members, unknown or null] for an OTEL_PROPAGATORS
// value; undefined (unset) and "" both mean the default.
function configure(value) {
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
    else if (KNOWN.includes(name)) members.push(name);
    else unknown.push(raw);
  }
  if (none) return [[], members.length || unknown.length ? unknown : null];
  if (!members.length) return [DEFAULT.slice(), unknown.length ? unknown : null];
  return [members, unknown.length || note ? unknown : null];
}

function extractMember(name, headers) {
  if (name === 'tracecontext') return traceparent.extract(headers);
  if (name === 'b3' || name === 'b3multi') return b3.extract(headers);
  return jaeger.extract(headers);
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

// extractSpan returns [Ctx, error]: the error is the first member's,
// reported only when no valid context was found.
function extractSpan(members, headers, lastWins) {
  let win = null;
  let partial = new Ctx();
  let firstErr = null;
  let state = [];
  let stateTrace = null;
  for (const name of members) {
    if (!SPAN_FORMATS.includes(name)) continue;
    const [ctx, e] = extractMember(name, headers);
    firstErr = firstErr || e;
    if (!ctx || !ctx.valid) {
      if (ctx && ctx.sampling !== 'deferred' && partial.sampling === 'deferred') partial = ctx;
      continue;
    }
    if (ctx.tracestate.length && !state.length) {
      state = ctx.tracestate;
      stateTrace = ctx.traceId;
    }
    if (win === null || lastWins) win = ctx;
    else if (ctx.traceId === win.traceId && ctx.spanId === win.spanId) win = refine(win, ctx);
  }
  if (win === null) return [partial, firstErr];
  if (!lastWins && !win.tracestate.length && state.length && stateTrace === win.traceId) {
    win = win.copy({ tracestate: state });
  }
  return [win, null];
}

function reparse(members) {
  const line = baggage.formatWithin(members);
  return baggage.parse(line ? [line] : [])[0];
}

function jaegerBaggage(headers) {
  let members = [];
  for (const [k, v] of jaeger.baggageItems(headers)) {
    try {
      members = baggage.setMember(members, k, goUTF8(Buffer.from(v, 'latin1')));
    } catch (e) {
      // a key that is no token cannot travel as W3C baggage
    }
  }
  return reparse(members);
}

function extractBaggage(members, headers) {
  let w3c = [];
  let items = [];
  for (const name of members) {
    if (name === 'baggage') w3c = baggage.parse(lines(headers, 'baggage'))[0];
    else if (name === 'jaeger') items = jaegerBaggage(headers);
  }
  if (!items.length) return w3c;
  if (!w3c.length) return items;
  let merged = w3c.slice();
  let added = false;
  for (const m of items) {
    // a uberctx-* header is a lossy copy of the W3C member
    if (w3c.some((w) => w.key.toLowerCase() === m.key.toLowerCase())) continue;
    merged = baggage.setMember(merged, m.key, baggage.decode(m.value));
    added = true;
  }
  return added ? reparse(merged) : w3c;
}

// inject returns the lines every member writes, one per name (a later Set
// replaces), sorted by name.
function inject(members, ctx, bag) {
  const out = new Map();
  for (const name of members) {
    let ls;
    if (name === 'tracecontext') ls = traceparent.inject(ctx);
    else if (name === 'b3') ls = b3.injectSingle(ctx);
    else if (name === 'b3multi') ls = b3.injectMulti(ctx);
    else if (name === 'baggage') {
      const v = baggage.formatWithin(bag);
      ls = v ? [['baggage', text(v)]] : [];
    } else {
      ls = ctx.valid ? [['uber-trace-id', jaeger.formatValue(ctx)]] : [];
      for (const m of bag) {
        if (m.key && [...m.key].every((c) => TCHARS.has(c))) {
          ls.push([`uberctx-${m.key.toLowerCase()}`, jaeger.escape(baggage.decode(m.value))]);
        }
      }
    }
    for (const [k, v] of ls) out.set(k, v);
  }
  return [...out.keys()].sort().map((k) => [k, out.get(k)]);
}

function run(c) {
  const policy = c.policy || (c.last_wins ? 'last-wins' : 'first-wins');
  if (policy !== 'first-wins' && policy !== 'last-wins') throw new Skip(`policy ${JSON.stringify(policy)}`);
  const [members, unknown] = configure(c.propagators);
  for (const name of members) {
    if (!IMPLEMENTED.includes(name)) throw new Skip(`format ${JSON.stringify(name)}`);
  }
  const h = c.headers;
  const [ctx, e] = extractSpan(members, h, policy === 'last-wins');
  const bag = extractBaggage(members, h);
  const expect = ctx.view();
  expect.baggage = bag.map((m) => m.view());
  expect.debug_id = members.includes('jaeger') ? goUTF8(Buffer.from(jaeger.debugID(h), 'latin1')) : '';
  const extra = { env_error: unknown }; // absent from the case: no error
  if ('members' in c) extra.members = members;
  return result(ctx.valid, e, expect, inject(members, ctx, bag), extra);
}

module.exports = { FORMAT, run, configure };

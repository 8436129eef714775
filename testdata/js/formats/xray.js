'use strict';
// AWS X-Ray X-Amzn-Trace-Id (SPEC.md sections 9.1, 9.5): Root, Parent,
// Sampled, a validated Lineage, Self and unknown fields passed on within 256
// characters; xray-lambda falls back to _X_AMZN_TRACE_ID.

const { ANY_HEX, Ctx, ZERO_SPAN, ZERO_TRACE, blank, decision, err, first, lines, result, text, trim } = require('./common');

const FORMAT = 'xray';
const HEADER = 'x-amzn-trace-id';
const ENV = '_X_AMZN_TRACE_ID';
const MAX_LEN = 256;
const SAMPLING = { 1: 'accept', 0: 'deny', '?': 'deferred' };

const isHex = (c) => c !== undefined && ANY_HEX.includes(c);

// Header is a parsed value: the context, the Sampled byte ('' when absent),
// the valid Lineage ('' when none) and the fields passed on as [name, value].
class Header {
  constructor(ctx, sampled, lineage, fields) {
    Object.assign(this, { ctx, sampled, lineage, fields });
  }
}

function hexRun(s, i, hi, most) {
  hi = Math.min(hi, i + most);
  while (i < hi && isHex(s[i])) i++;
  return i;
}

function fixedHex(s, i, hi, width, kind, fail) {
  const j = hexRun(s, i, hi, width);
  if (j - i < width) return fail(j === hi && j > i ? 'length' : kind, j);
  if (j < hi) return fail('length', j);
  return null;
}

// root returns [trace id, error] for the Root value s[v:fh]: 1-{1..8}-{24}.
function root(s, v, fh, fail) {
  if (v === fh) return [null, fail('trace-id', v)];
  if (s[v] !== '1') return [null, fail('version', v)];
  if (v + 1 === fh || s[v + 1] !== '-') return [null, fail('delimiter', v + 1)];
  const i = v + 2;
  const j = hexRun(s, i, fh, 9);
  if (j - i > 8) return [null, fail('length', i + 8)];
  if (j === i) return [null, fail('trace-id', j)];
  if (j === fh) return [null, fail('delimiter', j)];
  if (s[j] !== '-') return [null, fail('trace-id', j)];
  const e = fixedHex(s, j + 1, fh, 24, 'trace-id', fail);
  if (e) return [null, e];
  const trace = (s.slice(i, j).padStart(8, '0') + s.slice(j + 1, fh)).toLowerCase();
  if (trace === ZERO_TRACE) return [null, fail('zero-trace-id', v)];
  return [trace, null];
}

const decimalWithin = (s, most) => /^[0-9]+$/.test(s) && Number(s) <= most;
const hash = (s) => s.length === 8 && [...s].every(isHex);

// validLineage: hash:loop:request or loop:hash:request, 12 to 18 bytes.
function validLineage(s) {
  if (s.length < 12 || s.length > 18) return false;
  const c1 = s.indexOf(':');
  const c2 = c1 < 0 ? -1 : s.indexOf(':', c1 + 1);
  if (c2 < 0 || !decimalWithin(s.slice(c2 + 1), 255)) return false;
  const a = s.slice(0, c1);
  const b = s.slice(c1 + 1, c2);
  return (hash(a) && decimalWithin(b, 32767)) || (decimalWithin(a, 32767) && hash(b));
}

// parse returns [Header, error] for one value (a byte string); offsets index s.
function parse(s, header = HEADER) {
  const fail = (kind, off) => err(header, kind, off);
  const [lo, hi] = trim(s);
  if (lo === hi) return [null, fail('empty', 0)];
  let trace = null;
  let span = null;
  let sampled = '';
  let lineage = '';
  let lineageSeen = false;
  let rootSeen = false;
  let parentSeen = false;
  const fields = [];
  for (let i = lo; ;) {
    let end = s.indexOf(';', i);
    if (end < 0 || end > hi) end = hi;
    const [fl, fh] = trim(s, i, end);
    if (fl < fh) {
      let k = fl;
      for (; k < fh && s[k] !== '='; k++) {
        if (s[k] <= ' ' || s[k] >= '\x7f') return [null, fail('key', k)];
      }
      if (k === fh) return [null, fail('member', fl)];
      if (k === fl) return [null, fail('key', k)];
      const name = s.slice(fl, k);
      const v = k + 1;
      if (name === 'Root') {
        if (rootSeen) return [null, fail('key', fl)];
        rootSeen = true;
        let e;
        [trace, e] = root(s, v, fh, fail);
        if (e) return [null, e];
      } else if (name === 'Parent') {
        if (parentSeen) return [null, fail('key', fl)];
        parentSeen = true;
        const e = fixedHex(s, v, fh, 16, 'span-id', fail);
        if (e) return [null, e];
        span = s.slice(v, fh).toLowerCase();
        if (span === ZERO_SPAN) return [null, fail('zero-span-id', v)];
      } else if (name === 'Sampled') {
        if (sampled) return [null, fail('key', fl)];
        if (v === fh || !(s[v] in SAMPLING)) return [null, fail('sampling', v)];
        if (v + 1 < fh) return [null, fail('length', v + 1)];
        sampled = s[v];
      } else {
        for (let j = v; j < fh; j++) {
          if ((s[j] < ' ' && s[j] !== '\t') || s[j] >= '\x7f') return [null, fail('value', j)];
        }
        const value = s.slice(v, fh);
        if (name !== 'Lineage') fields.push([name, value]);
        else if (!lineageSeen && validLineage(value)) {
          lineage = value;
          fields.push([name, value]);
        }
        if (name === 'Lineage') lineageSeen = true;
      }
    }
    if (end === hi) break;
    i = end + 1;
  }
  if (!rootSeen) return [null, fail('missing-field', hi)];
  const ctx = new Ctx({ traceId: trace, spanId: span || ZERO_SPAN, sampling: SAMPLING[sampled] || 'deferred' });
  return [new Header(ctx, sampled, lineage, fields), null];
}

// headerFrom parses v; a blank value is absent: [null, null].
const headerFrom = (v, header) => (blank(v) ? [null, null] : parse(v, header));

// extract returns [Header or null, error] as the propagator extracts it;
// with env (a list of [name, value]), xray-lambda: the variable's header
// replaces the carrier's when only it yields a valid context, or when the
// carrier has none.
function extract(headers, env = null) {
  const [h, e] = headerFrom(first(headers, HEADER), HEADER);
  if (env === null || (h && h.ctx.valid)) return [h, e];
  const [eh, ee] = headerFrom(first(env, ENV.toLowerCase()), ENV);
  if (eh && eh.ctx.valid) return [eh, null];
  if (h || e) return [h, e];
  return [eh, ee];
}

// idsValue writes Root, Parent and Sampled for ctx; a deferred decision is
// "?" or, without deferred, left out.
function idsValue(ctx, deferred = true) {
  if (ctx.traceId === ZERO_TRACE) return '';
  let v = `Root=1-${ctx.traceId.slice(0, 8)}-${ctx.traceId.slice(8)}`;
  if (ctx.spanId !== ZERO_SPAN) v += `;Parent=${ctx.spanId}`;
  return v + (decision(ctx, ';Sampled=0', ';Sampled=1') || (deferred ? ';Sampled=?' : ''));
}

// headerValue is what Inject writes for ctx, passing on h's Lineage, Self
// and unknown fields when ctx continues h's trace; whole fields are dropped
// to stay within MAX_LEN: unknown ones first, the last first, then Self,
// then the Lineage.
function headerValue(h, ctx) {
  if (!h || ctx.traceId !== h.ctx.traceId) return idsValue(ctx);
  let v = idsValue(ctx, h.sampled !== '');
  const cls = (name) => ({ Self: 'self', Lineage: 'lineage' })[name] || 'other';
  const size = ([k, val]) => 2 + k.length + val.length; // ";name=value"
  const keep = {};
  let budget = MAX_LEN - v.length;
  if (h.fields.reduce((n, f) => n + size(f), 0) > budget) {
    budget -= h.fields.filter((f) => cls(f[0]) === 'lineage').reduce((n, f) => n + size(f), 0);
    for (const c of ['self', 'other']) {
      let n = 0;
      let used = 0;
      for (const f of h.fields) {
        if (cls(f[0]) !== c) continue;
        if (used + size(f) > budget) break;
        used += size(f);
        n++;
      }
      keep[c] = n;
      budget -= used;
    }
  }
  const seen = {};
  for (const [k, val] of h.fields) {
    const c = cls(k);
    if (c in keep && (seen[c] || 0) >= keep[c]) continue;
    seen[c] = (seen[c] || 0) + 1;
    v += `;${k}=${val}`;
  }
  return v;
}

function run(c) {
  const opts = c.options || {};
  const env = opts.lambda ? (c.env || []).map(([k, v]) => [k.toLowerCase(), v]) : null;
  let [h, e] = extract(c.headers, env);
  const ls = lines(c.headers, HEADER);
  if (ls.length) e = parse(ls[0])[1]; // the vectors record the parser's error on the header
  const ctx = h ? h.ctx : new Ctx();
  const v = h ? headerValue(h, ctx) : '';
  const expect = ctx.view();
  expect.lineage = h ? text(h.lineage) : '';
  return result(ctx.valid, e, expect, v ? [[HEADER, text(v)]] : []);
}

module.exports = { FORMAT, run, extract, idsValue, headerValue, HEADER };

'use strict';
// Zipkin B3, single header and x-b3-* multi headers (SPEC.md section 6), as
// a propagator that injects the single header.

const { Ctx, result, ZERO_SPAN, ZERO_TRACE, blank, err, first, isLowerHex, lines, traceHex, trim } = require('./common');

const FORMAT = 'b3';
const STATES = { 0: 'deny', 1: 'accept', d: 'debug' };
const STATE_CHAR = { deny: '0', accept: '1', debug: 'd' };
const isState = (c) => c === '0' || c === '1' || c === 'd';

// hexRun returns the end of the run of lowercase hex digits from i, at most most long.
function hexRun(v, i, most) {
  const end = Math.min(v.length, i + most);
  let j = i;
  while (j < end && isLowerHex(v[j])) j++;
  return j;
}

// parseSingle returns [Ctx, error]: a context with ids, or with only a sampling state.
function parseSingle(s) {
  const [lo, hi] = trim(s);
  const v = s.slice(lo, hi);
  const n = hi - lo;
  const fail = (kind, off) => [new Ctx(), err('b3', kind, off)];
  const fieldEnd = (c, off) => fail(isLowerHex(c) ? 'length' : 'delimiter', off);
  if (n === 0) return fail('empty', 0);
  if (n === 1) return isState(v) ? [new Ctx({ sampling: STATES[v] }), null] : fail('sampling', lo);
  let e = hexRun(v, 0, 32);
  if (e < n && e < 32 && v[e] !== '-') return fail('trace-id', lo + e);
  if (e !== 16 && e !== 32) return fail('length', lo + e);
  if (e === n) return fail('length', lo + n);
  if (v[e] !== '-') return fieldEnd(v[e], lo + e);
  const trace = v.slice(0, e).padStart(32, '0');
  if (trace === ZERO_TRACE) return fail('zero-trace-id', lo);
  let i = e + 1;
  e = hexRun(v, i, 16);
  if (e < n && e - i < 16 && v[e] !== '-') return fail('span-id', lo + e);
  if (e - i !== 16) return fail('length', lo + e);
  if (e < n && v[e] !== '-') return fieldEnd(v[e], lo + e);
  const span = v.slice(i, e);
  if (span === ZERO_SPAN) return fail('zero-span-id', lo + i);
  const ctx = new Ctx({ traceId: trace, spanId: span, traceId64: i === 17 });
  if (e === n) return [ctx, null];
  i = e + 1;
  if (i === n || !isState(v[i]) || (i + 1 < n && v[i + 1] !== '-')) return fail('sampling', lo + i);
  ctx.sampling = STATES[v[i]];
  if (i + 1 === n) return [ctx, null];
  i += 2;
  e = hexRun(v, i, 16);
  if (e < n && e - i < 16) return fail('parent-span-id', lo + e);
  if (e - i !== 16) return fail('length', lo + e);
  if (e < n) return fail(isLowerHex(v[e]) ? 'length' : 'trailing-data', lo + e);
  if (v.slice(i, e) === ZERO_SPAN) return fail('parent-span-id', lo + i);
  ctx.parent = v.slice(i, e);
  return [ctx, null];
}

// idField parses one x-b3 id header: [hex, error].
function idField(raw, header, kind, widths) {
  const [lo, hi] = trim(raw);
  const v = raw.slice(lo, hi);
  const most = Math.max(...widths);
  const e = hexRun(v, 0, most);
  if (e < v.length && e < most) return [null, err(header, kind, lo + e)];
  if (!widths.includes(e)) return [null, err(header, 'length', lo + e)];
  if (e < v.length) return [null, err(header, isLowerHex(v[e]) ? 'length' : 'trailing-data', lo + e)];
  return [v, null];
}

// parseMulti returns [Ctx, error] from the x-b3-* headers, the first line of each.
function parseMulti(headers) {
  const raw = {};
  const has = {};
  for (const h of ['x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags']) {
    raw[h] = first(headers, h);
    has[h] = !blank(raw[h]);
  }
  let trace = null;
  let span = null;
  let parent = null;
  let t64 = false;
  let e;
  if (has['x-b3-traceid']) {
    [trace, e] = idField(raw['x-b3-traceid'], 'x-b3-traceid', 'trace-id', [16, 32]);
    if (e) return [new Ctx(), e];
    t64 = trace.length === 16;
    trace = trace.padStart(32, '0');
    if (trace === ZERO_TRACE) return [new Ctx(), err('x-b3-traceid', 'zero-trace-id', trim(raw['x-b3-traceid'])[0])];
  }
  if (has['x-b3-spanid']) {
    [span, e] = idField(raw['x-b3-spanid'], 'x-b3-spanid', 'span-id', [16]);
    if (e) return [new Ctx(), e];
    if (span === ZERO_SPAN) return [new Ctx(), err('x-b3-spanid', 'zero-span-id', trim(raw['x-b3-spanid'])[0])];
  }
  if (has['x-b3-traceid'] && !has['x-b3-spanid']) return [new Ctx(), err('x-b3-spanid', 'missing-field', 0)];
  if (!has['x-b3-traceid'] && (has['x-b3-spanid'] || has['x-b3-parentspanid'])) {
    return [new Ctx(), err('x-b3-traceid', 'missing-field', 0)];
  }
  if (has['x-b3-parentspanid']) {
    [parent, e] = idField(raw['x-b3-parentspanid'], 'x-b3-parentspanid', 'parent-span-id', [16]);
    if (e) return [new Ctx(), e];
    if (parent === ZERO_SPAN) {
      return [new Ctx(), err('x-b3-parentspanid', 'parent-span-id', trim(raw['x-b3-parentspanid'])[0])];
    }
  }
  let sampling = 'deferred';
  let [lo, hi] = trim(raw['x-b3-sampled']);
  if (lo < hi) {
    const v = raw['x-b3-sampled'].slice(lo, hi);
    if (v === '1' || v.toLowerCase() === 'true') sampling = 'accept';
    else if (v === '0' || v.toLowerCase() === 'false') sampling = 'deny';
    else return [new Ctx(), err('x-b3-sampled', 'sampling', lo)];
  }
  [lo, hi] = trim(raw['x-b3-flags']);
  if (raw['x-b3-flags'].slice(lo, hi) === '1') sampling = 'debug'; // debug wins over x-b3-sampled
  if (trace === null) return [new Ctx({ sampling }), null];
  return [new Ctx({ traceId: trace, spanId: span, parent: parent || '', sampling, traceId64: t64 }), null];
}

// extract is the propagator: the single header first; the multi headers
// when it is absent or holds only a decision (which then wins); when it is
// invalid, only valid multi ids replace it, not a bare decision.
function extract(headers) {
  const single = first(headers, 'b3');
  if (blank(single)) return parseMulti(headers);
  const [sc, e] = parseSingle(single);
  if (e === null && sc.valid) return [sc, null];
  const [msc, merr] = parseMulti(headers);
  if (e === null) {
    if (merr === null && msc.valid) return [msc.copy({ sampling: sc.sampling }), null];
    return [sc, null];
  }
  if (merr === null && msc.valid) return [msc, null];
  return [new Ctx(), e];
}

function singleValue(ctx) {
  const c = STATE_CHAR[ctx.sampling] || '';
  if (!ctx.valid) return c;
  let v = `${traceHex(ctx)}-${ctx.spanId}`;
  if (c) {
    v += `-${c}`;
    if (ctx.parent) v += `-${ctx.parent}`;
  }
  return v;
}

function injectSingle(ctx) {
  const v = singleValue(ctx);
  return v ? [['b3', v]] : [];
}

function injectMulti(ctx) {
  const out = [];
  if (ctx.valid) {
    out.push(['x-b3-traceid', traceHex(ctx)], ['x-b3-spanid', ctx.spanId]);
    if (ctx.parent) out.push(['x-b3-parentspanid', ctx.parent]);
  }
  if (ctx.sampling === 'deny') out.push(['x-b3-sampled', '0']);
  else if (ctx.sampling === 'accept') out.push(['x-b3-sampled', '1']);
  else if (ctx.sampling === 'debug') out.push(['x-b3-flags', '1']);
  return out;
}

function run(c) {
  const h = c.headers;
  let [ctx, e] = extract(h);
  if (lines(h, 'b3').length) e = parseSingle(first(h, 'b3'))[1]; // the single header's error
  return result(ctx.valid, e, ctx.view(), injectSingle(ctx));
}

module.exports = { FORMAT, run, extract, injectSingle, injectMulti };

'use strict';
// W3C traceparent (SPEC.md section 2) with its tracestate, as a propagator
// extracts and injects them.

const ts = require('./tracestate');
const { Ctx, result, blank, err, isLowerHex, lines, trim } = require('./common');

const FORMAT = 'traceparent';
const LENGTH = 55; // version 00

// badHex returns the first index in [start, end] that is not lowercase hex, or -1.
function badHex(v, start, end) {
  for (let k = start; k <= end; k++) if (k >= v.length || !isLowerHex(v[k])) return k;
  return -1;
}

// parse parses one value: [Ctx, null] or [null, error]. Offsets count from
// the start of s (plus base), leading spaces included.
function parse(s, header = 'traceparent', base = 0) {
  const [i, j] = trim(s);
  const v = s.slice(i, j);
  const n = j - i;
  const at = base + i;
  const fail = (kind, off) => [null, err(header, kind, off)];
  const fieldFault = (kind, k) => (k >= n ? fail('length', at + n) : fail(kind, at + k));
  const delimiter = (k, prev) => {
    if (k >= n) return fail('length', at + n);
    if (v[k] === '-') return null;
    if (isLowerHex(v[k])) return fail(prev, at + k); // the field before is too long
    return fail('delimiter', at + k);
  };
  if (n === 0) return fail('empty', base);
  let k = badHex(v, 0, 1);
  if (k >= 0) return fieldFault('version', k);
  if (v.slice(0, 2) === 'ff') return fail('version', at);
  let bad = delimiter(2, 'version');
  if (bad) return bad;
  // The two ids: [start, end), kind, and the delimiter that follows.
  for (const [start, end, kind] of [[3, 35, 'trace-id'], [36, 52, 'span-id']]) {
    k = badHex(v, start, end - 1);
    if (k >= 0) return fieldFault(kind, k);
    if (/^0+$/.test(v.slice(start, end))) return fail(`zero-${kind}`, at + start);
    if ((bad = delimiter(end, kind))) return bad;
  }
  k = badHex(v, 53, 54);
  if (k >= 0) return fieldFault('flags', k);
  if (n > LENGTH) {
    const c = v[LENGTH];
    if (isLowerHex(c)) return fail('flags', at + LENGTH);
    if (v.slice(0, 2) === '00') return fail('trailing-data', at + LENGTH); // exactly 55 bytes
    if (c !== '-') return fail('delimiter', at + LENGTH);
  }
  const flags = parseInt(v.slice(53, 55), 16);
  return [new Ctx({
    traceId: v.slice(3, 35), spanId: v.slice(36, 52),
    sampling: flags & 1 ? 'accept' : 'deny', random: !!(flags & 2),
  }), null];
}

function formatValue(ctx) {
  const flags = (ctx.sampling === 'accept' || ctx.sampling === 'debug' ? 1 : 0) | (ctx.random ? 2 : 0);
  return `00-${ctx.traceId}-${ctx.spanId}-${flags.toString(16).padStart(2, '0')}`;
}

// extract is the propagator: [Ctx or null, error]. A blank or absent
// traceparent is no context and no error; two lines are one invalid value.
function extract(headers, level1 = false, lenient = false) {
  const tps = lines(headers, 'traceparent');
  if (tps.length > 1) {
    const [, e] = parse(tps[0]);
    return [null, e || err('traceparent', 'trailing-data', tps[0].length)];
  }
  const v = tps.length ? tps[0] : '';
  if (blank(v)) return [null, null];
  const [ctx, e] = parse(v);
  if (e) return [null, e];
  if (level1) ctx.random = false;
  const tsl = lines(headers, 'tracestate');
  if (!tsl.length) return [ctx, null];
  const [members, te] = ts.parse(tsl, level1, lenient);
  if (te === null || lenient) ctx.tracestate = members;
  return [ctx, te];
}

// inject returns the header lines the propagator writes for ctx.
function inject(ctx, level1 = false) {
  if (!ctx || !ctx.valid) return [];
  if (level1) ctx = ctx.copy({ random: false });
  const out = [['traceparent', formatValue(ctx)]];
  if (ctx.tracestate.length) {
    const value = ts.formatValue(ts.truncate(ctx.tracestate, ts.DEFAULT_CAP));
    if (value) out.push(['tracestate', value]);
  }
  return out;
}

function run(c) {
  const opts = c.options || {};
  let [ctx, e] = extract(c.headers, !!opts.level1, !!opts.lenient);
  const tps = lines(c.headers, 'traceparent');
  if (tps.length === 1 && blank(tps[0])) e = parse(tps[0])[1]; // the parser's "empty"
  return result(!!ctx && ctx.valid, e, (ctx || new Ctx()).view(), inject(ctx, !!opts.level1));
}

module.exports = { FORMAT, run, parse, extract, inject, formatValue };

'use strict';
// Sentry's sentry-trace header (SPEC.md section 9.7):
// {32 hex}-{16 hex}[-{0|1}], either case, deferred without the flag.

const { ANY_HEX, Ctx, ZERO_SPAN, ZERO_TRACE, decision, err, extractSingle, runSingle, trim } = require('./common');

const FORMAT = 'sentry';
const HEADER = 'sentry-trace';
const FLAGS = { 0: 'deny', 1: 'accept' };

const isHex = (c) => c !== undefined && ANY_HEX.includes(c);

// id returns an error unless s[i:] starts with width hex digits: cut short
// by the end or a "-" is a length error, another byte one of kind.
function id(s, i, hi, width, kind) {
  let e = i;
  while (e < hi && e - i < width && isHex(s[e])) e++;
  if (e - i === width) return null;
  return err(HEADER, e === hi || s[e] === '-' ? 'length' : kind, e);
}

function dash(s, i) {
  if (s[i] === '-') return null;
  return err(HEADER, isHex(s[i]) ? 'length' : 'delimiter', i);
}

// parse returns [Ctx, error] for one value (a byte string); offsets index s.
function parse(s) {
  const [lo, hi] = trim(s);
  if (lo === hi) return [new Ctx(), err(HEADER, 'empty', 0)];
  let e = id(s, lo, hi, 32, 'trace-id');
  if (e) return [new Ctx(), e];
  const trace = s.slice(lo, lo + 32).toLowerCase();
  if (trace === ZERO_TRACE) return [new Ctx(), err(HEADER, 'zero-trace-id', lo)];
  let i = lo + 32;
  if (i === hi) return [new Ctx(), err(HEADER, 'missing-field', i)];
  e = dash(s, i) || id(s, i + 1, hi, 16, 'span-id');
  if (e) return [new Ctx(), e];
  i++;
  const span = s.slice(i, i + 16).toLowerCase();
  if (span === ZERO_SPAN) return [new Ctx(), err(HEADER, 'zero-span-id', i)];
  let sampling = 'deferred';
  i += 16;
  if (i < hi) {
    e = dash(s, i);
    if (e) return [new Ctx(), e];
    i++;
    if (i === hi || !(s[i] in FLAGS)) return [new Ctx(), err(HEADER, 'sampling', i)];
    sampling = FLAGS[s[i]];
    if (i + 1 < hi) return [new Ctx(), err(HEADER, 'trailing-data', i + 1)];
  }
  return [new Ctx({ traceId: trace, spanId: span, sampling }), null];
}

const extract = (headers) => extractSingle(headers, HEADER, parse);

const formatValue = (ctx) => `${ctx.traceId}-${ctx.spanId}${decision(ctx, '-0', '-1')}`;

const inject = (ctx) => (ctx.valid ? [[HEADER, formatValue(ctx)]] : []);

const run = (c) => runSingle(c, HEADER, parse, inject);

module.exports = { FORMAT, run, extract, inject };

'use strict';
// Google Cloud's X-Cloud-Trace-Context (SPEC.md section 9.2):
// {32 lowercase hex}/{decimal span id}[;o={digit}], deferred without ;o=;
// canonical is what the two-way propagator writes.

const { LOWER_HEX, MAX_DIGITS, Ctx, ZERO_TRACE, decision, err, extractSingle, isDigit, runSingle, scanDecimal, trim } =
  require('./common');

const FORMAT = 'cloudtrace';
const HEADER = 'x-cloud-trace-context';

const isLowerHex = (c) => c !== undefined && LOWER_HEX.includes(c);

// traceError says why s[lo:lo+32] is no trace id.
function traceError(s, lo, hi) {
  const end = Math.min(hi, lo + 32);
  for (let j = lo; j < end; j++) {
    if (!isLowerHex(s[j])) return err(HEADER, s[j] === '/' || s[j] === ';' ? 'length' : 'trace-id', j);
  }
  return err(HEADER, 'length', end);
}

// parse returns [Ctx, error] for one value (a byte string); offsets index s.
function parse(s) {
  const fail = (kind, off) => [new Ctx(), err(HEADER, kind, off)];
  const [lo, hi] = trim(s);
  if (lo === hi) return fail('empty', 0);
  if (hi - lo < 32 || ![...s.slice(lo, lo + 32)].every(isLowerHex)) return [new Ctx(), traceError(s, lo, hi)];
  const trace = s.slice(lo, lo + 32);
  if (trace === ZERO_TRACE) return fail('zero-trace-id', lo);
  let i = lo + 32;
  if (i === hi) return fail('missing-field', i);
  if (s[i] !== '/') return fail(isLowerHex(s[i]) ? 'length' : 'delimiter', i);
  i++;
  const [v, end] = scanDecimal(s, i, hi);
  const overflow = end < hi && isDigit(s[end]);
  if (end - i > MAX_DIGITS || (overflow && end - i === MAX_DIGITS)) return fail('length', i + MAX_DIGITS);
  if (overflow || end === i || (end < hi && s[end] !== ';')) return fail('span-id', end);
  if (v === 0n) return fail('zero-span-id', i);
  let sampling = 'deferred';
  i = end + 1;
  if (i <= hi) {
    if (i === hi || s[i] !== 'o') return fail('flags', i);
    i++;
    if (i === hi || s[i] !== '=') return fail('flags', i);
    i++;
    if (i === hi || !isDigit(s[i])) return fail('sampling', i);
    sampling = s[i] === '0' ? 'deny' : 'accept';
    if (i + 1 < hi) return fail('trailing-data', i + 1);
  }
  return [new Ctx({ traceId: trace, spanId: v.toString(16).padStart(16, '0'), sampling }), null];
}

const extract = (headers) => extractSingle(headers, HEADER, parse);

const formatValue = (ctx) => `${ctx.traceId}/${BigInt(`0x${ctx.spanId}`)}${decision(ctx, ';o=0', ';o=1')}`;

// inject is what the two-way propagator (InjectHeader) writes.
const inject = (ctx) => (ctx.valid ? [[HEADER, formatValue(ctx)]] : []);

const run = (c) => runSingle(c, HEADER, parse, inject);

module.exports = { FORMAT, run, extract };

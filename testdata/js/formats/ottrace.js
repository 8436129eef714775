'use strict';
// OpenTracing's ot-tracer-traceid, -spanid and -sampled headers and the
// ot-baggage-* items (SPEC.md section 9.3): ids of 1 to 32 / 16 hex digits
// of either case, left-padded; the trace id written as its low 64 bits.

const baggage = require('./baggage');
const { ANY_HEX, Ctx, ZERO_SPAN, ZERO_TRACE, blank, err, first, goUTF8, lines, result, text, trim } = require('./common');

const FORMAT = 'ottrace';
const TRACE = 'ot-tracer-traceid';
const SPAN = 'ot-tracer-spanid';
const SAMPLED = 'ot-tracer-sampled';
const PREFIX = 'ot-baggage-';

const isHex = (c) => c !== undefined && ANY_HEX.includes(c);

// id returns [padded lowercase hex, error] for the trimmed id v[lo:hi].
function id(v, lo, hi, width, header, kind) {
  let e = lo;
  while (e < hi && e - lo < width && isHex(v[e])) e++;
  if (e < hi) return [null, err(header, e - lo === width && isHex(v[e]) ? 'length' : kind, e)];
  return [v.slice(lo, hi).toLowerCase().padStart(width, '0'), null];
}

// sampling is the decision of a trimmed ot-tracer-sampled value, or null.
function sampling(v) {
  if (v === '') return 'deferred';
  if (v === '1' || v.toLowerCase() === 'true') return 'accept';
  if (v === '0' || v.toLowerCase() === 'false') return 'deny';
  return null;
}

// parse returns [Ctx, error] for the three values (byte strings, '' when absent).
function parse(traceV, spanV, sampledV) {
  const [tlo, thi] = trim(traceV);
  const [slo, shi] = trim(spanV);
  const [plo, phi] = trim(sampledV);
  const hasT = tlo < thi;
  const hasS = slo < shi;
  let trace = null;
  let span = null;
  let e;
  if (hasT) {
    [trace, e] = id(traceV, tlo, thi, 32, TRACE, 'trace-id');
    if (e) return [new Ctx(), e];
    if (trace === ZERO_TRACE) return [new Ctx(), err(TRACE, 'zero-trace-id', tlo)];
  }
  if (hasS) {
    [span, e] = id(spanV, slo, shi, 16, SPAN, 'span-id');
    if (e) return [new Ctx(), e];
    if (span === ZERO_SPAN) return [new Ctx(), err(SPAN, 'zero-span-id', slo)];
  }
  if (hasT && !hasS) return [new Ctx(), err(SPAN, 'missing-field', 0)];
  if (!hasT && (hasS || plo < phi)) return [new Ctx(), err(TRACE, 'missing-field', 0)];
  if (!hasT) return [new Ctx(), err(TRACE, 'empty', 0)];
  const s = sampling(sampledV.slice(plo, phi));
  if (s === null) return [new Ctx(), err(SAMPLED, 'sampling', plo)];
  return [new Ctx({ traceId: trace, spanId: span, sampling: s, traceId64: thi - tlo <= 16 }), null];
}

const values = (headers) => [TRACE, SPAN, SAMPLED].map((n) => first(headers, n));

// extract is the propagator: absent (all three blank) is no context and no error.
function extract(headers) {
  const vals = values(headers);
  if (vals.every(blank)) return [new Ctx(), null];
  return parse(...vals);
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// baggageItems returns the ot-baggage-{key} items as baggage members, in
// order of key (then header name), values raw and trimmed; keys that are
// no token skipped; the default limits applied.
function baggageItems(headers) {
  const names = new Map();
  for (const [k] of headers) {
    if (k.length > PREFIX.length && k.slice(0, PREFIX.length).toLowerCase() === PREFIX) {
      names.set(`${k.toLowerCase().slice(PREFIX.length)}\n${k}`, [k.toLowerCase().slice(PREFIX.length), k]);
    }
  }
  const sorted = [...names.values()].sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
  let members = [];
  for (const [key, name] of sorted) {
    const v = first(headers, name.toLowerCase());
    const [lo, hi] = trim(v);
    try {
      members = baggage.setMember(members, key, goUTF8(Buffer.from(v.slice(lo, hi), 'latin1')));
    } catch (e) {
      // a key that is no token cannot be baggage
    }
  }
  const line = baggage.formatWithin(members);
  return baggage.parse(line ? [line] : [])[0];
}

// fieldValue reports whether v travels unchanged as a header value.
function fieldValue(v) {
  const [lo, hi] = trim(v);
  return lo === 0 && hi === v.length && ![...v].some((c) => (c < ' ' && c !== '\t') || c === '\x7f');
}

function inject(ctx, members) {
  if (!ctx.valid) return [];
  // The low 64 bits, unless they are zero: the id then goes out whole.
  const tid = ctx.traceId.slice(16) === '0'.repeat(16) ? ctx.traceId : ctx.traceId.slice(16);
  const out = [[TRACE, tid], [SPAN, ctx.spanId]];
  if (ctx.sampling !== 'deferred') out.push([SAMPLED, ctx.sampling === 'deny' ? 'false' : 'true']);
  const items = new Map();
  for (const m of members) {
    const v = baggage.decode(m.value);
    if (fieldValue(v)) items.set(PREFIX + text(m.key).toLowerCase(), v);
  }
  return out.concat([...items]);
}

function run(c) {
  const h = c.headers;
  let [ctx, e] = extract(h);
  if ([TRACE, SPAN, SAMPLED].some((n) => lines(h, n).length)) e = parse(...values(h))[1]; // the parser's "empty" too
  const members = ctx.valid ? baggageItems(h) : [];
  const expect = ctx.view();
  expect.baggage = members.map((m) => m.view());
  return result(ctx.valid, e, expect, inject(ctx, members));
}

module.exports = { FORMAT, run, extract, baggageItems, inject };

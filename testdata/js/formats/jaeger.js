'use strict';
// Jaeger uber-trace-id, uberctx-* and jaeger-baggage baggage, and
// jaeger-debug-id (SPEC.md section 7).

const { Ctx, result, err, first, goUTF8, isAnyHex, lines, traceHex, trim } = require('./common');

const FORMAT = 'jaeger';
const HEADER = 'uber-trace-id';
const PREFIX = 'uberctx-';
const SAMPLED = 0x01;
const DEBUG = 0x02;
const FIREHOSE = 0x08;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

// delimWidth is 1 for ":", 3 for "%3A" (either case), else 0.
function delimWidth(s, hi, i) {
  if (i < hi && s[i] === ':') return 1;
  if (s[i] === '%' && i + 2 < hi && s[i + 1] === '3' && (s[i + 2] === 'a' || s[i + 2] === 'A')) return 3;
  return 0;
}

// field returns [end, value, error] for the hex field at i.
function field(s, i, hi, width, kind) {
  let j = i;
  let val = 0n;
  for (; j < hi; j++) {
    const c = s[j];
    if (!isAnyHex(c)) {
      if (c === ':' || (c === '%' && delimWidth(s, hi, j) === 3)) break;
      return [j, 0n, err(HEADER, kind, j)];
    }
    if (j - i === width) return [j, 0n, err(HEADER, 'length', j)];
    val = val * 16n + BigInt(parseInt(c, 16));
  }
  if (j === i) return [j, 0n, err(HEADER, kind, j)];
  return [j, val, null];
}

// parse returns [Ctx, error] for one uber-trace-id value:
// trace:span:parent:flags, hex in either case, the colons possibly
// URL-encoded as %3A.
function parse(s) {
  const [lo, hi] = trim(s);
  if (lo === hi) return [new Ctx(), err(HEADER, 'empty', 0)];
  const widths = [32, 16, 16, 2];
  const kinds = ['trace-id', 'span-id', 'parent-span-id', 'flags'];
  const vals = [];
  let i = lo;
  let form = 0;
  let narrow = false;
  for (let f = 0; f < 4; f++) {
    if (f > 0) {
      const w = delimWidth(s, hi, i);
      if (form === 0) form = w;
      else if (w !== form) return [new Ctx(), err(HEADER, 'delimiter', i)];
      i += w;
    }
    const [end, val, e] = field(s, i, hi, widths[f], kinds[f]);
    if (e) return [new Ctx(), e];
    if (f === 0) {
      if (val === 0n) return [new Ctx(), err(HEADER, 'zero-trace-id', i)];
      narrow = end - i <= 16;
    } else if (f === 1 && val === 0n) return [new Ctx(), err(HEADER, 'zero-span-id', i)];
    else if (f === 3 && end !== hi) return [new Ctx(), err(HEADER, 'trailing-data', end)];
    if (end === hi && f < 3) return [new Ctx(), err(HEADER, 'delimiter', hi)];
    vals.push(val);
    i = end;
  }
  const [trace, span, parent] = vals;
  const flags = Number(vals[3]);
  let sampling = 'accept';
  if (!(flags & SAMPLED)) sampling = 'deny';
  else if (flags & DEBUG) sampling = 'debug';
  return [new Ctx({
    traceId: trace.toString(16).padStart(32, '0'),
    spanId: span.toString(16).padStart(16, '0'),
    parent: parent ? parent.toString(16).padStart(16, '0') : '',
    sampling, traceId64: narrow, firehose: !!(flags & FIREHOSE),
  }), null];
}

function formatValue(ctx) {
  let flags = { accept: SAMPLED, debug: SAMPLED | DEBUG }[ctx.sampling] || 0;
  if (ctx.firehose) flags |= FIREHOSE;
  return `${traceHex(ctx)}:${ctx.spanId}:${ctx.parent || '0'}:${flags.toString(16)}`;
}

function trimmed(s) {
  const [lo, hi] = trim(s);
  return s.slice(lo, hi);
}

function debugID(headers) {
  return trimmed(first(headers, 'jaeger-debug-id'));
}

// extract is the propagator: a valid uber-trace-id, else a debug-only
// context when jaeger-debug-id is set; the error is the parser's.
function extract(headers) {
  const v = first(headers, HEADER);
  let e = null;
  if (trimmed(v) !== '') {
    let ctx;
    [ctx, e] = parse(v);
    return e === null ? [ctx, null] : [new Ctx(), e];
  }
  // Absent: the debug id alone is a decision without ids.
  if (debugID(headers)) return [new Ctx({ sampling: 'debug' }), null];
  return [new Ctx(), null];
}

// unescapeOrRaw query-unescapes s ("%XX", "+" as space); a malformed
// escape leaves the whole value raw.
function unescapeOrRaw(s) {
  if (!s.includes('%') && !s.includes('+')) return s;
  let out = '';
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      if (!isAnyHex(s[i + 1]) || !isAnyHex(s[i + 2])) return s;
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    out += c === '+' ? ' ' : c;
    i++;
  }
  return out;
}

// baggageItems returns [key, value] pairs: uberctx-* items sorted by key
// (names lowercased), then the jaeger-baggage pairs in order; byte strings.
function baggageItems(headers) {
  const names = new Map();
  for (const [k] of headers) {
    const name = k.toLowerCase();
    if (name.length > PREFIX.length && name.startsWith(PREFIX) && !names.has(name)) {
      names.set(name, first(headers, name));
    }
  }
  const items = [...names.keys()].sort().map((name) => [name.slice(PREFIX.length), unescapeOrRaw(trimmed(names.get(name)))]);
  for (const line of lines(headers, 'jaeger-baggage')) {
    for (const pair of line.split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const v = pair.slice(eq + 1);
      if (v.includes('=')) continue;
      const k = unescapeOrRaw(trimmed(pair.slice(0, eq)));
      if (k) items.push([k, unescapeOrRaw(trimmed(v))]);
    }
  }
  return items;
}

// escape percent-encodes the UTF-8 bytes of value outside RFC 3986 unreserved.
function escape(value) {
  let out = '';
  for (const b of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(b);
    out += UNRESERVED.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const utf = (s) => goUTF8(Buffer.from(s, 'latin1'));

function run(c) {
  const h = c.headers;
  const [ctx] = extract(h);
  const e = lines(h, HEADER).length ? parse(first(h, HEADER))[1] : null;
  const expect = ctx.view();
  expect.baggage = baggageItems(h).map(([k, v]) => ({ key: utf(k), value: utf(v) }));
  expect.debug_id = utf(debugID(h));
  return result(ctx.valid, e, expect, ctx.valid ? [[HEADER, formatValue(ctx)]] : []);
}

module.exports = { FORMAT, run, extract, formatValue, debugID, baggageItems, escape };

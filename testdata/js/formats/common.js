'use strict';
// Helpers shared by the format modules of the JavaScript runner.
//
// Header values are handled as "byte strings": JS strings in which every
// character is one byte of the UTF-8 value (see wire()). Offsets in the
// vectors are byte offsets, so this keeps them exact for non-ASCII input.

const OWS = ' \t';
const LOWER_HEX = '0123456789abcdef';
const ANY_HEX = '0123456789abcdefABCDEF';
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const TCHARS = new Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

// wire returns the bytes of a JSON string as a string of one character per byte.
function wire(s) {
  return Buffer.from(s, 'utf8').toString('latin1');
}

// text undoes wire(): bytes that are not UTF-8 become U+FFFD.
function text(b) {
  return goUTF8(Buffer.from(b, 'latin1'));
}

// goUTF8 decodes UTF-8 as Go does when ranging over a string: every byte
// that does not start a complete, valid sequence becomes one U+FFFD
// (TextDecoder folds some such runs into one).
function goUTF8(data) {
  let out = '';
  let i = 0;
  const n = data.length;
  while (i < n) {
    const c = data[i];
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    let size = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) size = 2;
    else if (c === 0xe0) { size = 3; lo = 0xa0; }
    else if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) size = 3;
    else if (c === 0xed) { size = 3; hi = 0x9f; }
    else if (c === 0xf0) { size = 4; lo = 0x90; }
    else if (c >= 0xf1 && c <= 0xf3) size = 4;
    else if (c === 0xf4) { size = 4; hi = 0x8f; }
    let ok = size > 0 && i + size <= n && data[i + 1] >= lo && data[i + 1] <= hi;
    for (let k = 2; ok && k < size; k++) ok = data[i + k] >= 0x80 && data[i + k] <= 0xbf;
    if (ok) {
      out += data.subarray(i, i + size).toString('utf8');
      i += size;
    } else {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}

// trim returns the bounds of s[lo:hi] without surrounding spaces and tabs.
function trim(s, lo = 0, hi = s.length) {
  while (lo < hi && OWS.includes(s[lo])) lo++;
  while (hi > lo && OWS.includes(s[hi - 1])) hi--;
  return [lo, hi];
}

// skipOWS returns the first index at or after i that is not a space or tab.
function skipOWS(s, i) {
  while (i < s.length && OWS.includes(s[i])) i++;
  return i;
}

// tokenEnd returns the end of the RFC 9110 token starting at i.
function tokenEnd(s, i) {
  while (i < s.length && TCHARS.has(s[i])) i++;
  return i;
}

const isLower = (c) => c !== undefined && c >= 'a' && c <= 'z';
const isDigit = (c) => c !== undefined && c >= '0' && c <= '9';

function blank(s) {
  const [lo, hi] = trim(s);
  return lo === hi;
}

// lines returns every value of header name (ASCII case-insensitively), in
// order, as byte strings.
function lines(headers, name) {
  return headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => wire(v));
}

// first returns the first value of name, or "" (a carrier's Get).
function first(headers, name) {
  const ls = lines(headers, name);
  return ls.length ? ls[0] : '';
}

function err(header, kind, offset) {
  return { header, kind, offset };
}

function isLowerHex(c) {
  return c !== undefined && c !== '' && LOWER_HEX.includes(c);
}

function isAnyHex(c) {
  return c !== undefined && c !== '' && ANY_HEX.includes(c);
}

// Ctx is a span context as the vectors describe it.
class Ctx {
  constructor(f = {}) {
    this.traceId = f.traceId || ZERO_TRACE;
    this.spanId = f.spanId || ZERO_SPAN;
    this.parent = f.parent && f.parent !== ZERO_SPAN ? f.parent : '';
    this.sampling = f.sampling || 'deferred';
    this.random = !!f.random;
    this.traceId64 = !!f.traceId64;
    this.firehose = !!f.firehose;
    this.tracestate = (f.tracestate || []).slice();
  }

  get valid() {
    return this.traceId !== ZERO_TRACE && this.spanId !== ZERO_SPAN;
  }

  copy(changes = {}) {
    return Object.assign(new Ctx(this), changes);
  }

  view() {
    return {
      trace_id: this.traceId,
      span_id: this.spanId,
      parent_span_id: this.parent,
      sampling: this.sampling,
      random: this.random,
      trace_id_64: this.traceId64,
      firehose: this.firehose,
      tracestate: this.tracestate.map(([k, v]) => [text(k), text(v)]),
    };
  }
}

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_DIGITS = 20; // of the largest uint64

// scanDecimal returns [value (a BigInt), end] for the run of ASCII digits
// at s[i:hi], stopping at the first byte that is not a digit or at the
// digit that would take the value past most (the caller tells them apart
// by s[end]).
function scanDecimal(s, i, hi, most = MAX_UINT64) {
  let v = 0n;
  while (i < hi && isDigit(s[i])) {
    const nv = v * 10n + BigInt(s.charCodeAt(i) - 48);
    if (nv > most) break;
    v = nv;
    i++;
  }
  return [v, i];
}

// traceHex is the trace id as B3 and Jaeger write it: 16 digits when it
// arrived 64 bits wide, 32 otherwise.
function traceHex(ctx) {
  return ctx.traceId64 ? ctx.traceId.slice(16) : ctx.traceId;
}

// decision is the suffix a format writes for ctx's decision: deny, accept
// (also for debug), or "" for a deferred one.
function decision(ctx, deny, accept) {
  return { deny, accept, debug: accept }[ctx.sampling] || '';
}

// extractSingle is a propagator of one singleton header: its first line,
// blank being absent (no context, no error).
function extractSingle(headers, name, parse) {
  const v = first(headers, name);
  return blank(v) ? [new Ctx(), null] : parse(v);
}

// runSingle is run(case) for a format of one singleton header; the vectors
// record the parser's error on the first line, "empty" included.
function runSingle(c, name, parse, inject) {
  const h = c.headers;
  let [ctx, e] = extractSingle(h, name, parse);
  if (lines(h, name).length) e = parse(first(h, name))[1];
  return result(ctx.valid, e, ctx.view(), inject(ctx));
}

// Skip is thrown by run(case) for a case that uses a feature the module does
// not implement; the runner counts it as skipped, with the message.
class Skip extends Error {}

// result is what a format module returns for one case: the fields of the
// vector schema it computed. extra holds case-level fields (absent = null).
function result(valid, error = null, expect = {}, canonical = undefined, extra = {}) {
  return { valid, error, expect, canonical, extra };
}

module.exports = {
  OWS, LOWER_HEX, ANY_HEX, ZERO_TRACE, ZERO_SPAN, TCHARS,
  wire, text, goUTF8, trim, skipOWS, tokenEnd, isLower, isDigit, blank, lines, first, err, isLowerHex, isAnyHex,
  Ctx, traceHex, result, Skip, MAX_UINT64, MAX_DIGITS, scanDecimal, decision, extractSingle, runSingle,
};

'use strict';
// The traceresponse header of the W3C editor's draft and its Level 3
// successor, the Server-Timing metric trace;desc=... (SPEC.md section 4).

const tp = require('./traceparent');
const { Ctx, result, err, skipOWS, tokenEnd, wire } = require('./common');

const FORMAT = 'traceresponse';
const ST = 'server-timing';
const MAX_ESCAPED_DESC = 128;

// scanQuoted returns [index of the closing quote or -1, whether a backslash occurred].
function scanQuoted(s, q) {
  let escaped = false;
  for (let i = q + 1; i < s.length; i++) {
    if (s[i] === '"') return [i, escaped];
    if (s[i] === '\\') {
      escaped = true;
      i++;
    }
  }
  return [-1, escaped];
}

function skipToComma(s, pos) {
  while (pos < s.length) {
    if (s[pos] === ',') return pos;
    if (s[pos] === '"') {
      const [end] = scanQuoted(s, pos);
      if (end < 0) return s.length;
      pos = end;
    }
    pos++;
  }
  return pos;
}

function missing(s) {
  if (skipOWS(s, 0) === s.length) return [null, err(ST, 'empty', 0)];
  return [null, err(ST, 'missing-field', s.length)];
}

function quotedDesc(s, start, end, escaped) {
  if (!escaped) return tp.parse(s.slice(start, end), ST, start);
  let out = '';
  for (let i = start; i < end; i++) {
    if (s[i] === '\\') i++;
    if (out.length === MAX_ESCAPED_DESC) return [null, err(ST, 'too-long', start - 1)];
    out += s[i];
  }
  const [ctx, e] = tp.parse(out, ST);
  if (e) {
    // Map the offset in the unescaped text back to the header value.
    let i = start;
    for (let k = 0; i < end && k < e.offset; i++, k++) if (s[i] === '\\') i++;
    return [null, err(ST, e.kind, i)];
  }
  return [ctx, null];
}

// parseServerTiming finds the first metric named trace (ASCII
// case-insensitively) and parses its desc parameter, a token or
// quoted-string, as a traceresponse.
function parseServerTiming(s) {
  const n = s.length;
  let pos = 0;
  for (;;) {
    while (pos < n && ' \t,'.includes(s[pos])) pos++;
    if (pos >= n) break;
    const start = pos;
    pos = tokenEnd(s, pos);
    const isTrace = s.slice(start, pos).toLowerCase() === 'trace';
    if (pos === start) {
      pos = skipToComma(s, pos);
      continue;
    }
    for (;;) {
      let p = skipOWS(s, pos);
      if (p >= n || s[p] !== ';') {
        pos = p;
        break;
      }
      p = skipOWS(s, p + 1);
      const ps = p;
      p = tokenEnd(s, p);
      const isDesc = s.slice(ps, p).toLowerCase() === 'desc';
      p = skipOWS(s, p);
      if (p >= n || s[p] !== '=') {
        pos = p;
        continue; // a parameter without a value
      }
      p = skipOWS(s, p + 1);
      if (p < n && s[p] === '"') {
        const [end, escaped] = scanQuoted(s, p);
        if (isTrace && isDesc) {
          if (end < 0) return [null, err(ST, 'value', p)];
          return quotedDesc(s, p + 1, end, escaped);
        }
        if (end < 0) return missing(s);
        pos = end + 1;
        continue;
      }
      const vs = p;
      while (p < n && !' \t,;'.includes(s[p])) p++;
      if (isTrace && isDesc) return tp.parse(s.slice(vs, p), ST, vs);
      pos = p;
    }
    if (isTrace) return [null, err(ST, 'missing-field', pos)];
    pos = skipToComma(s, pos);
  }
  return missing(s);
}

function run(c) {
  if (c.headers.length !== 1) throw new Error('a traceresponse case has one header line');
  const name = c.headers[0][0].toLowerCase();
  const value = wire(c.headers[0][1]);
  let ctx;
  let e;
  let prefix = '';
  if (name === 'traceresponse') [ctx, e] = tp.parse(value, 'traceresponse');
  else if (name === ST) {
    [ctx, e] = parseServerTiming(value);
    prefix = 'trace;desc=';
  } else throw new Error(`unknown header ${name}`);
  const canonical = ctx ? [[name, prefix + tp.formatValue(ctx)]] : [];
  return result(!!ctx, e, (ctx || new Ctx()).view(), canonical);
}

module.exports = { FORMAT, run, parseServerTiming };

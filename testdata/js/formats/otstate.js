'use strict';
// OpenTelemetry's ot= tracestate member (SPEC.md section 9.9): th (the
// rejection threshold) and rv (explicit randomness); a malformed th is
// erased, a malformed rv kept as received but unused.

const { result, err, isDigit, isLower, isLowerHex, text, wire } = require('./common');

const FORMAT = 'otstate';
const HEADER = 'tracestate ot';
const MAX_LEN = 256;
const DIGITS = 14;
const isValueChar = (c) => /^[A-Za-z0-9._-]$/.test(c);

// threshold returns [value, kind, offset]: 1..14 lowercase hex digits, right-padded.
function threshold(v) {
  if (v === '' || v.length > DIGITS) return [null, 'length', Math.min(v.length, DIGITS)];
  for (let i = 0; i < v.length; i++) if (!isLowerHex(v[i])) return [null, 'value', i];
  return [v.padEnd(DIGITS, '0'), null, 0];
}

function randomness(v) {
  if (v.length !== DIGITS) return [null, 'length', Math.min(v.length, DIGITS)];
  return threshold(v);
}

// parse returns [state, error]: state is {items: [key, value, keep], th, rv},
// or null when the member is unusable as a whole.
function parse(s) {
  if (s === '') return [null, err(HEADER, 'empty', 0)];
  if (s.length > MAX_LEN) return [null, err(HEADER, 'too-long', MAX_LEN)];
  const items = [];
  let th = null;
  let rv = null;
  let firstErr = null;
  for (let i = 0; ; i++) {
    const ks = i;
    if (i === s.length || s[i] === ';') return [null, err(HEADER, 'member', i)]; // an empty item
    if (!isLower(s[i])) return [null, err(HEADER, 'key', i)];
    for (i++; i < s.length && (isLower(s[i]) || isDigit(s[i])); i++);
    const ke = i;
    if (i === s.length || s[i] === ';') return [null, err(HEADER, 'delimiter', i)]; // no ":"
    if (s[i] !== ':') return [null, err(HEADER, 'key', i)];
    const vs = i + 1;
    for (i = vs; i < s.length && isValueChar(s[i]); i++);
    if (i < s.length && s[i] !== ';') return [null, err(HEADER, 'value', i)];
    const key = s.slice(ks, ke);
    const value = s.slice(vs, i);
    if (items.some(([k]) => k === key)) return [null, err(HEADER, 'key', ks)]; // a repeated key
    let keep = true;
    if (key === 'th') {
      const [t, kind, at] = threshold(value);
      th = t;
      if (kind) {
        firstErr = firstErr || err(HEADER, kind, vs + at);
        keep = false; // erased
      }
    } else if (key === 'rv') {
      const [r, kind, at] = randomness(value);
      rv = r;
      if (kind) firstErr = firstErr || err(HEADER, kind, vs + at);
    }
    items.push([key, value, keep]);
    if (i === s.length) return [{ items, th, rv }, firstErr];
  }
}

function run(c) {
  const [state, e] = parse(wire(c.value));
  if (!state) return result(false, e);
  const expect = {};
  if (state.th !== null) expect.threshold = state.th;
  if (state.rv !== null) expect.randomness = state.rv;
  const canonical = state.items.filter(([, , keep]) => keep).map(([k, v]) => `${k}:${v}`).join(';');
  return result(true, e, expect, text(canonical));
}

module.exports = { FORMAT, run };

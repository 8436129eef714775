'use strict';
// W3C tracestate (SPEC.md section 3): Level 2 keys by default, Level 1 keys
// with options.level1, whole-list discard unless options.lenient, first
// occurrence of a repeated key kept, at most 32 members, truncation in the
// spec's order.

const { result, err, isDigit, isLower, text, trim, lines } = require('./common');

const FORMAT = 'tracestate';
const HEADER = 'tracestate';
const MAX_MEMBERS = 32;
const MAX_KEY = 256;
const MAX_VALUE = 256;
const DEFAULT_CAP = 512;
const LONG_ENTRY = 128;
const KEY_CHARS = new Set('abcdefghijklmnopqrstuvwxyz0123456789_-*/@');


// checkKey returns the offset of the first fault in key k, or -1.
function checkKey(k, level1) {
  if (k === '' || !(isLower(k[0]) || isDigit(k[0]))) return 0;
  const ats = [];
  for (let i = 1; i < k.length; i++) {
    if (i === MAX_KEY || !KEY_CHARS.has(k[i])) return i;
    if (k[i] === '@') ats.push(i);
  }
  if (!level1) return -1;
  if (ats.length === 0) return isLower(k[0]) ? -1 : 0;
  const at = ats[0];
  if (ats.length > 1) return ats[1];
  if (at > 241) return 241; // tenant-id is at most 241 characters
  if (at + 1 === k.length) return k.length;
  if (!isLower(k[at + 1])) return at + 1;
  if (k.length - at - 1 > 14) return at + 1 + 14; // system-id is at most 14
  return -1;
}

function checkValue(v) {
  if (v === '') return 0;
  for (let i = 0; i < v.length; i++) {
    if (i === MAX_VALUE) return i;
    const c = v[i];
    if (c < ' ' || c > '~' || c === ',' || c === '=') return i;
  }
  if (v[v.length - 1] === ' ') return v.length - 1;
  return -1;
}

// checkMember returns [eq, kind, offset] for the member s[ms:me]; kind is
// null if it is valid.
function checkMember(s, ms, me, level1) {
  const eq = s.slice(0, me).indexOf('=', ms);
  if (eq < 0) return [0, 'member', ms];
  let k = checkKey(s.slice(ms, eq), level1);
  if (k >= 0) return [eq, 'key', ms + k];
  k = checkValue(s.slice(eq + 1, me));
  if (k >= 0) return [eq, 'value', eq + 1 + k];
  return [eq, null, 0];
}

// parse returns [members, error]: members as [key, value] byte strings in
// order without repeats. In strict mode an error means no members. Offsets
// index the lines joined with ",".
function parse(lines_, level1 = false, lenient = false) {
  const members = [];
  const seen = new Set();
  let count = 0;
  let firstErr = null;
  let base = 0;
  for (const s of lines_) {
    let i = 0;
    let full = false;
    while (i <= s.length) {
      let pe = s.indexOf(',', i);
      if (pe < 0) pe = s.length;
      const [ms, me] = trim(s, i, pe);
      i = pe + 1;
      if (ms === me) continue; // empty and blank members are allowed
      if (count === MAX_MEMBERS) {
        const e = err(HEADER, 'too-many-members', base + ms);
        if (!lenient) return [[], e];
        firstErr = firstErr || e;
        full = true;
        break;
      }
      const [eq, kind, at] = checkMember(s, ms, me, level1);
      if (kind) {
        const e = err(HEADER, kind, base + at);
        if (!lenient) return [[], e];
        firstErr = firstErr || e;
        continue;
      }
      const key = s.slice(ms, eq);
      if (!seen.has(key)) {
        seen.add(key);
        members.push([key, s.slice(eq + 1, me)]);
      }
      count++; // repeats count towards the limit
    }
    if (full) break;
    base += s.length + 1;
  }
  return [members, firstErr];
}

function insert(members, key, value) {
  return [[key, value], ...members.filter(([k]) => k !== key).slice(0, MAX_MEMBERS - 1)];
}

function remove(members, key) {
  return members.filter(([k]) => k !== key);
}

// truncate drops whole members until the list fits cap bytes: entries over
// 128 bytes first, right to left, then any, right to left (W3C).
function truncate(members, cap = 0) {
  cap = cap > 0 ? cap : DEFAULT_CAP;
  const sizes = members.map(([k, v]) => k.length + 1 + v.length);
  let total = sizes.reduce((a, b) => a + b, 0);
  let count = members.length;
  const drop = new Set();
  for (const longFirst of [true, false]) {
    for (let j = members.length - 1; j >= 0; j--) {
      if (total + count - 1 <= cap) break;
      if (drop.has(j) || (longFirst && sizes[j] <= LONG_ENTRY)) continue;
      drop.add(j);
      total -= sizes[j];
      count--;
    }
  }
  return members.filter((_, j) => !drop.has(j));
}

function formatValue(members) {
  return members.map(([k, v]) => `${k}=${v}`).join(',');
}

function run(c) {
  const opts = c.options || {};
  let [members, e] = parse(lines(c.headers, HEADER), !!opts.level1, !!opts.lenient);
  const expect = { tracestate: members.map(([k, v]) => [text(k), text(v)]) };
  for (const op of c.ops || []) {
    if (op.op === 'insert') members = insert(members, op.key, op.value);
    else if (op.op === 'delete') members = remove(members, op.key);
    else if (op.op === 'truncate') members = truncate(members, op.size || 0);
    else throw new Error(`unknown op ${op.op}`);
  }
  const canonical = members.length ? [['tracestate', text(formatValue(members))]] : [];
  return result(e === null || !!opts.lenient, e, expect, canonical);
}

module.exports = { FORMAT, run, parse, truncate, formatValue, DEFAULT_CAP };

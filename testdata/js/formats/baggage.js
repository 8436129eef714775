'use strict';
// W3C Baggage (SPEC.md section 5): an invalid member is dropped alone, the
// first error is reported, 64 members and 8192 bytes by default (whole
// members dropped, later ones that still fit kept), the wire form kept for
// forwarding.

const { TCHARS, result, err, goUTF8, isAnyHex, lines, skipOWS, text, tokenEnd, wire } = require('./common');

const FORMAT = 'baggage';
const HEADER = 'baggage';
const DEFAULT_MAX_MEMBERS = 64;
const DEFAULT_MAX_BYTES = 8192;
// baggage-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
const isOctet = (c) => c !== undefined && c >= '!' && c <= '~' && !'",;\\'.includes(c);

// encode percent-encodes (uppercase hex) every UTF-8 byte of value that is
// not a baggage-octet, and "%".
function encode(value) {
  let out = '';
  for (const b of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(b);
    out += isOctet(c) && c !== '%' ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// decode percent-decodes a wire value (a malformed escape stays literal) and
// repairs invalid UTF-8 with U+FFFD, byte by byte.
function decode(raw) {
  const out = [];
  for (let i = 0; i < raw.length;) {
    if (raw[i] === '%' && i + 2 < raw.length && isAnyHex(raw[i + 1]) && isAnyHex(raw[i + 2])) {
      out.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    out.push(raw.charCodeAt(i));
    i++;
  }
  return goUTF8(Buffer.from(out));
}

// Member holds key, value and properties in wire form (escapes intact), or
// plain text from a set op (plain), encoded when written.
class Member {
  constructor(key, value, props = [], plain = false) {
    Object.assign(this, { key, value, props, plain });
  }

  wireForm() {
    let s = `${this.key}=${this.plain ? encode(this.value) : this.value}`;
    for (const [k, v] of this.props) s += `;${k}${v === null ? '' : `=${v}`}`;
    return s;
  }

  view() {
    const d = { key: text(this.key), value: this.plain ? this.value : decode(this.value) };
    if (this.props.length) d.properties = this.props.map(([k, v]) => [text(k), v === null ? null : decode(v)]);
    return d;
  }
}

// valueEnd returns [end of the value at i, offset of a malformed escape or -1].
function valueEnd(s, i) {
  while (i < s.length && isOctet(s[i])) {
    if (s[i] === '%') {
      if (i + 2 >= s.length || !isAnyHex(s[i + 1]) || !isAnyHex(s[i + 2])) return [i, i];
      i += 3;
      continue;
    }
    i++;
  }
  return [i, -1];
}

class Fault extends Error {
  constructor(kind, at) {
    super(kind);
    this.kind = kind;
    this.at = at;
  }
}

// member returns [Member, end] for the member at i, or throws a Fault.
function member(s, i) {
  let k = tokenEnd(s, i);
  if (k === i) throw new Fault('key', i);
  const key = s.slice(i, k);
  i = skipOWS(s, k);
  if (i === s.length || s[i] !== '=') throw new Fault(i === s.length || ',;'.includes(s[i]) ? 'member' : 'key', i);
  const eqValue = (eq) => {
    const vs = skipOWS(s, eq + 1);
    const [ve, bad] = valueEnd(s, vs);
    if (bad >= 0) throw new Fault('escape', bad);
    return [s.slice(vs, ve), skipOWS(s, ve)];
  };
  let value;
  [value, i] = eqValue(i);
  const props = [];
  let after = 'value'; // what an unexpected byte here is wrong with
  while (i < s.length && s[i] === ';') {
    after = 'property';
    i = skipOWS(s, i + 1);
    k = tokenEnd(s, i);
    if (k === i) throw new Fault('property', i);
    const pkey = s.slice(i, k);
    let pval = null;
    i = skipOWS(s, k);
    if (i < s.length && s[i] === '=') [pval, i] = eqValue(i);
    props.push([pkey, pval]);
  }
  if (i < s.length && s[i] !== ',') throw new Fault(after, i);
  return [new Member(key, value, props), i];
}

// parse returns [members, error] for the lines taken as one list; offsets
// index the lines joined with ",".
function parse(lines_, maxMembers = 0, maxBytes = 0) {
  maxMembers = maxMembers || DEFAULT_MAX_MEMBERS;
  maxBytes = maxBytes || DEFAULT_MAX_BYTES;
  const kept = [];
  let size = 0;
  let firstErr = null;
  let base = 0;
  for (const s of lines_) {
    for (let i = 0; i < s.length;) {
      i = skipOWS(s, i);
      if (i === s.length) break;
      if (s[i] === ',') {
        i++;
        continue;
      }
      const start = i;
      let m;
      let end;
      try {
        [m, end] = member(s, i);
      } catch (f) {
        if (!(f instanceof Fault)) throw f;
        firstErr = firstErr || err(HEADER, f.kind, base + f.at);
        const comma = s.indexOf(',', f.at);
        i = (comma < 0 ? s.length : comma) + 1;
        continue;
      }
      i = end + 1;
      const n = m.wireForm().length;
      const sep = kept.length ? 1 : 0;
      if (kept.length >= maxMembers) firstErr = firstErr || err(HEADER, 'too-many-members', base + start);
      else if (size + sep + n > maxBytes) firstErr = firstErr || err(HEADER, 'too-long', base + start);
      else {
        size += sep + n;
        kept.push(m);
      }
    }
    base += s.length + 1;
  }
  return [kept, firstErr];
}

// formatWithin is the canonical line: members in order while they fit the
// limits (a member that does not fit is skipped, a later one may fit).
function formatWithin(members, maxMembers = 0, maxBytes = 0) {
  maxMembers = maxMembers || DEFAULT_MAX_MEMBERS;
  maxBytes = maxBytes || DEFAULT_MAX_BYTES;
  const out = [];
  let size = 0;
  for (const m of members) {
    if (out.length >= maxMembers) break;
    const w = m.wireForm();
    const n = w.length + (out.length ? 1 : 0);
    if (size + n > maxBytes) continue;
    size += n;
    out.push(w);
  }
  return out.join(',');
}

// setMember is OpenTelemetry's Set: it replaces the first member with key
// (dropping later repeats) or appends.
function setMember(members, key, value) {
  if (!key || [...key].some((c) => !TCHARS.has(c))) throw new Error(`invalid baggage key ${key}`);
  const m = new Member(key, value, [], true);
  const i = members.findIndex((x) => x.key === key);
  if (i < 0) return [...members, m];
  return [...members.slice(0, i), m, ...members.slice(i + 1).filter((x) => x.key !== key)];
}

function run(c) {
  const opts = c.options || {};
  const mm = opts.max_members || 0;
  const mb = opts.max_size || 0;
  let [members, e] = parse(lines(c.headers, HEADER), mm, mb);
  const expect = { baggage: members.map((m) => m.view()) };
  for (const op of c.ops || []) {
    if (op.op === 'set') members = setMember(members, wire(op.key), op.value);
    else if (op.op === 'delete') members = members.filter((m) => m.key !== wire(op.key));
    else throw new Error(`unknown op ${op.op}`);
  }
  const line = formatWithin(members, mm, mb);
  return result(members.length > 0 || e === null, e, expect, line ? [[HEADER, text(line)]] : []);
}

module.exports = { FORMAT, run, parse, decode, formatWithin, setMember };

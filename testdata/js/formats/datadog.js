'use strict';
// Datadog's x-datadog-* headers and its dd= tracestate member (SPEC.md
// sections 9.4, 9.6): decimal ids (negative ones as two's complement), the
// high half of the trace id in _dd.p.tid, the exact priority, the origin
// and the tags passed on, and the member a tracecontext injection carries.

const traceparent = require('./traceparent');
const { Ctx, LOWER_HEX, MAX_UINT64, ZERO_SPAN, ZERO_TRACE, err, first, lines, result, scanDecimal, text, trim } =
  require('./common');

const FORMAT = 'datadog';
const TRACE = 'x-datadog-trace-id';
const PARENT = 'x-datadog-parent-id';
const PRIORITY = 'x-datadog-sampling-priority';
const ORIGIN = 'x-datadog-origin';
const TAGS = 'x-datadog-tags';
const MEMBER_HEADER = 'tracestate';
const SYNTHETICS = 'synthetics';
const MAX_TAGS = 512;
const MAX_MEMBER = 256;
const TAG_PREFIX = '_dd.p.';
const TAG_TID = '_dd.p.tid';
const TAG_DM = '_dd.p.dm';
const ZERO_HALF = '0'.repeat(16);
const PRIORITY_FOR = { deny: 0, accept: 1, debug: 2 };

const isLowerHex = (c) => c !== undefined && LOWER_HEX.includes(c);
const isKeyChar = (c) => c >= '!' && c <= '~' && c !== '=' && c !== ',';
const isValueChar = (c) => c >= ' ' && c <= '~' && c !== ',';
const sampled = (s) => s === 'accept' || s === 'debug';

// parseID returns [value (BigInt), offset of the first bad byte or -1].
function parseID(v) {
  let i = 0;
  let most = MAX_UINT64;
  if (v[0] === '-') {
    i = 1;
    most = 1n << 63n;
  }
  const [n, end] = scanDecimal(v, i, v.length, most);
  if (end === i || end < v.length) return [0n, end];
  return [i ? (-n) & MAX_UINT64 : n, -1];
}

// parsePriority returns [priority, offset of the first byte that cannot
// continue one or -1]: exactly -1, 0, 1 or 2.
function parsePriority(v) {
  if (v === '') return [null, 0];
  if (v[0] === '-') {
    if (v.length < 2 || v[1] !== '1') return [null, 1];
    return v.length > 2 ? [null, 2] : [-1, -1];
  }
  if (v[0] >= '0' && v[0] <= '2') return v.length > 1 ? [null, 1] : [Number(v[0]), -1];
  return [null, 0];
}

// tagIter yields [key, value, offset of the value] of well-formed tags.
function* tagIter(v) {
  for (let i = 0; i < v.length;) {
    let end = v.indexOf(',', i);
    if (end < 0) end = v.length;
    const eq = v.indexOf('=', i);
    if (eq < 0 || eq > end) yield [v.slice(i, end), '', end];
    else yield [v.slice(i, eq), v.slice(eq + 1, end), eq + 1];
    i = end + 1;
  }
}

// checkTags returns [kind, offset] of the first fault of a trimmed
// x-datadog-tags value, or [null, -1].
function checkTags(v) {
  if (v.length > MAX_TAGS) return ['too-long', MAX_TAGS];
  for (let i = 0; i <= v.length;) {
    const ks = i;
    while (i < v.length && v[i] !== '=' && v[i] !== ',') {
      if (!isKeyChar(v[i])) return ['key', i];
      i++;
    }
    if (i === ks) return i < v.length && v[i] === '=' ? ['key', i] : ['member', i];
    if (i === v.length || v[i] !== '=') return ['member', i];
    const key = v.slice(ks, i);
    i++;
    const vs = i;
    while (i < v.length && v[i] !== ',') {
      if (!isValueChar(v[i])) return ['value', i];
      i++;
    }
    if (i === vs) return ['value', i];
    for (const [k] of tagIter(v.slice(0, ks))) if (k === key) return ['key', ks];
    i++;
  }
  return [null, -1];
}

function tagValue(v, key) {
  for (const [k, val, at] of tagIter(v)) if (k === key) return [val, at];
  return [null, 0];
}

// parseTID returns [16 hex digits, kind, offset].
function parseTID(v) {
  const n = Math.min(v.length, 16);
  for (let i = 0; i < n; i++) if (!isLowerHex(v[i])) return [null, 'trace-id', i];
  if (v.length !== 16) return [null, 'length', n];
  return [v, null, -1];
}

// Headers is what the x-datadog-* headers say: the context, the exact
// priority (null when absent), the origin and the tags, as received or,
// with inMember, as the t. items of a dd= member's value; dm is "auto" or
// "drop" when the decision was overridden.
class Headers {
  constructor(ctx = new Ctx()) {
    Object.assign(this, { ctx, priority: null, origin: '', tags: '', inMember: false, lastParent: null, dm: null });
  }

  // setPriority sets the priority to send for decision s when p came with it.
  setPriority(p, s) {
    this.priority = null;
    if (s === 'deferred') return;
    if (p === null) p = PRIORITY_FOR[s];
    else if ((p > 0) === sampled(s)) { /* agrees */ } else if (sampled(s)) {
      p = 1;
      this.dm = 'auto';
    } else {
      p = 0;
      this.dm = 'drop';
    }
    this.priority = p;
  }
}

// parseHeaders returns [Headers or null, error] for the five values (byte
// strings, '' when absent).
function parseHeaders(traceV, parentV, priorityV, originV, tagsV) {
  const [tlo, thi] = trim(traceV);
  const [plo, phi] = trim(parentV);
  const [slo, shi] = trim(priorityV);
  const [olo, ohi] = trim(originV);
  const [glo, ghi] = trim(tagsV);
  if (tlo === thi) {
    if (plo === phi && slo === shi && olo === ohi && glo === ghi) return [null, null];
    return [null, err(TRACE, 'missing-field', 0)];
  }
  let [low, at] = parseID(traceV.slice(tlo, thi));
  if (at >= 0) return [null, err(TRACE, 'trace-id', tlo + at)];
  const h = new Headers();
  let soft = null;
  const o = originV.slice(olo, ohi);
  if (o) {
    const bad = [...o].findIndex((c) => c < ' ' || c > '~');
    if (bad >= 0) soft = err(ORIGIN, 'value', olo + bad);
    else h.origin = o;
  }
  let span = 0n;
  if (plo === phi) {
    if (h.origin !== SYNTHETICS) return [null, err(PARENT, 'missing-field', 0)];
  } else {
    [span, at] = parseID(parentV.slice(plo, phi));
    if (at >= 0) return [null, err(PARENT, 'span-id', plo + at)];
    if (span === 0n && h.origin !== SYNTHETICS) return [null, err(PARENT, 'zero-span-id', plo)];
  }
  let sampling = 'deferred';
  if (slo < shi) {
    const [p, pat] = parsePriority(priorityV.slice(slo, shi));
    if (pat >= 0) return [null, err(PRIORITY, 'sampling', slo + pat)];
    h.priority = p;
    sampling = p > 0 ? 'accept' : 'deny';
  }
  let high = ZERO_HALF;
  const g = tagsV.slice(glo, ghi);
  if (g) {
    const [kind, kat] = checkTags(g);
    if (kind) soft = soft || err(TAGS, kind, glo + kat);
    else {
      h.tags = g;
      const [v, vat] = tagValue(g, TAG_TID);
      if (v !== null) {
        const [tid, tkind, tat] = parseTID(v);
        if (tkind) soft = soft || err(TAGS, tkind, glo + vat + tat);
        else high = tid;
      }
    }
  }
  if (low === 0n && high === ZERO_HALF) return [null, err(TRACE, 'zero-trace-id', tlo)];
  h.ctx = new Ctx({
    traceId: high + low.toString(16).padStart(16, '0'),
    spanId: span.toString(16).padStart(16, '0'),
    sampling,
    traceId64: high === ZERO_HALF,
  });
  return [h, soft];
}

// extractHeaders reads the Datadog headers of a carrier: the first line of
// each, the non-blank x-datadog-tags lines joined with ",".
function extractHeaders(headers) {
  const tags = lines(headers, TAGS).filter((l) => { const [lo, hi] = trim(l); return lo < hi; }).join(',');
  return parseHeaders(first(headers, TRACE), first(headers, PARENT), first(headers, PRIORITY),
    first(headers, ORIGIN), tags);
}

// The dd= tracestate member.

// items yields [start, first ":" or -1, end] of every item, empty ones included.
function* items(v) {
  for (let i = 0; i <= v.length;) {
    let end = v.indexOf(';', i);
    if (end < 0) end = v.length;
    let colon = v.indexOf(':', i);
    if (colon >= end) colon = -1;
    yield [i, colon, end];
    i = end + 1;
  }
}

function checkItem(v, i, colon, end) {
  if (colon < 0) return ['member', i];
  const key = v.slice(i, colon);
  const val = v.slice(colon + 1, end);
  if (key === 's') {
    const [, at] = parsePriority(val);
    if (at >= 0) return ['sampling', colon + 1 + at];
  } else if (key === 'o') {
    if (val === '') return ['value', colon + 1];
  } else if (key === 'p') {
    const n = Math.min(val.length, 16);
    for (let j = 0; j < n; j++) if (!isLowerHex(val[j])) return ['parent-span-id', colon + 1 + j];
    if (val.length !== 16) return ['length', colon + 1 + n];
  } else if (key.startsWith('t.')) {
    if (key.length === 2) return ['key', colon];
    for (let j = i + 2; j < colon; j++) if (!isKeyChar(v[j])) return ['key', j];
    if (val === '') return ['value', colon + 1];
  }
  return [null, -1];
}

function duplicate(v, i, colon) {
  const key = v.slice(i, colon);
  for (const [j, c, end] of items(v.slice(0, i))) {
    if (c >= 0 && v.slice(j, c) === key && checkItem(v, j, c, end)[0] === null) return true;
  }
  return false;
}

// memberTags returns [name, raw value] of every t. item kept, in order.
function memberTags(v) {
  const out = [];
  for (const [i, colon, end] of items(v)) {
    if (colon > i + 1 && v.slice(i, i + 2) === 't.' && checkItem(v, i, colon, end)[0] === null &&
        !duplicate(v, i, colon)) out.push([v.slice(i + 2, colon), v.slice(colon + 1, end)]);
  }
  return out;
}

// parseMember returns [member, error] for a dd= member's value (a byte string).
function parseMember(v) {
  const empty = { v: '', priority: null, origin: null, lastParent: null };
  if (3 + v.length > MAX_MEMBER) return [empty, err(MEMBER_HEADER, 'too-long', MAX_MEMBER - 3)];
  if (v === '') return [empty, err(MEMBER_HEADER, 'empty', 0)];
  for (let i = 0; i < v.length; i++) {
    if (v[i] < ' ' || v[i] > '~' || v[i] === ',' || v[i] === '=') return [empty, err(MEMBER_HEADER, 'value', i)];
  }
  const m = { v, priority: null, origin: null, lastParent: null };
  let e = null;
  for (const [i, colon, end] of items(v)) {
    let [kind, at] = checkItem(v, i, colon, end);
    const key = colon >= 0 ? v.slice(i, colon) : null;
    if (kind === null) {
      const seen = { s: m.priority !== null, o: m.origin !== null, p: m.lastParent !== null };
      if (seen[key] || (!(key in seen) && colon > i + 1 && key.startsWith('t.') && duplicate(v, i, colon))) {
        [kind, at] = ['key', i];
      }
    }
    if (kind) {
      e = e || err(MEMBER_HEADER, kind, at);
      continue;
    }
    const val = v.slice(colon + 1, end);
    if (key === 's') m.priority = parsePriority(val)[0];
    else if (key === 'o') m.origin = val;
    else if (key === 'p') m.lastParent = val;
  }
  return [m, e];
}

function ddMemberOf(ctx) {
  const kv = ctx.tracestate.find(([k]) => k === 'dd');
  return kv ? kv[1] : null;
}

// newHeaders returns the Datadog headers for a span context, with what its
// dd= member says.
function newHeaders(ctx) {
  const h = new Headers(ctx);
  const v = ddMemberOf(ctx);
  const m = v !== null ? parseMember(v)[0] : { v: '', priority: null, origin: null, lastParent: null };
  h.setPriority(m.priority, ctx.sampling);
  h.origin = (m.origin || '').replace(/~/g, '=');
  if (memberTags(m.v).length) {
    h.tags = m.v;
    h.inMember = true;
  }
  h.lastParent = m.lastParent;
  return h;
}

// eachTag returns [key, value, fromMember] of every tag to send but _dd.p.tid.
function eachTag(h) {
  if (h.inMember) {
    return memberTags(h.tags).filter(([n]) => !(n === 'tid' || (n === 'dm' && h.dm))).map(([n, v]) => [n, v, true]);
  }
  return [...tagIter(h.tags)].filter(([k]) => !(k === TAG_TID || (k === TAG_DM && h.dm))).map(([k, v]) => [k, v, false]);
}

function tidFits(tags, high) {
  const [v] = tagValue(tags, TAG_TID);
  if (v === null) return high === ZERO_HALF;
  const [tid, kind] = parseTID(v);
  return kind === null && tid === high && high !== ZERO_HALF;
}

// tagsValue is the x-datadog-tags h sends.
function tagsValue(h) {
  const high = h.ctx.traceId.slice(0, 16);
  if (!h.inMember && !h.dm && tidFits(h.tags, high)) return h.tags;
  const out = h.dm === 'auto' ? ['_dd.p.dm=-0'] : [];
  for (const [k, v, member] of eachTag(h)) out.push(member ? `${TAG_PREFIX}${k}=${v.replace(/~/g, '=')}` : `${k}=${v}`);
  let s = out.join(',');
  if (high !== ZERO_HALF) {
    if (s.length + ',_dd.p.tid='.length + 16 > MAX_TAGS) s = '';
    s += `${s ? ',' : ''}${TAG_TID}=${high}`;
  } else if (s.length > MAX_TAGS) s = '';
  return s;
}

// sanitize encodes an origin, a tag name ("key") or a tag value for the
// dd= member.
function sanitize(s, kind) {
  let out = '';
  for (let c of s) {
    if (c === '=' && kind !== 'key') c = '~';
    else if (',;~'.includes(c) || c > '~' || c < ' ' || (c === ' ' && kind !== 'value') || (kind === 'key' && '=:'.includes(c))) c = '_';
    out += c;
  }
  return out;
}

// memberValue is the dd= member value that says what h says.
function memberValue(h) {
  const it = [];
  const fits = (n) => 3 + (it.length ? it.join(';').length + 1 : 0) + n <= MAX_MEMBER;
  if (h.priority !== null) it.push(`s:${h.priority}`);
  let lp = h.lastParent;
  if (lp === null && h.ctx.spanId !== ZERO_SPAN) lp = h.ctx.spanId;
  if (h.origin && fits(2 + h.origin.length + 3 + 16)) it.push(`o:${sanitize(h.origin, 'origin')}`);
  if (lp !== null) it.push(`p:${lp}`);
  if (h.dm === 'auto') it.push('t.dm:-0');
  for (let [k, v, member] of eachTag(h)) {
    if (!member) {
      if (!k.startsWith(TAG_PREFIX) || k.length === TAG_PREFIX.length) continue;
      k = k.slice(TAG_PREFIX.length);
    }
    if (!fits(3 + k.length + v.length)) break;
    it.push(`t.${member ? `${k}:${v}` : `${sanitize(k, 'key')}:${sanitize(v, 'value')}`}`);
  }
  const s = it.join(';');
  return s.endsWith(' ') ? `${s.slice(0, -1)}_` : s;
}

function injectHeaders(h) {
  const c = h.ctx;
  if (c.traceId === ZERO_TRACE || (c.spanId === ZERO_SPAN && h.origin !== SYNTHETICS)) return [];
  const out = [[TRACE, BigInt(`0x${c.traceId.slice(16)}`).toString()], [PARENT, BigInt(`0x${c.spanId}`).toString()]];
  if (h.priority !== null) out.push([PRIORITY, String(h.priority)]);
  if (h.origin) out.push([ORIGIN, text(h.origin)]);
  const t = tagsValue(h);
  if (t) out.push([TAGS, text(t)]);
  return out;
}

// lastParentID is the span Datadog reports as _dd.parent_id, or "".
function lastParentID(w3c, dd) {
  if (!w3c || !w3c.valid) return '';
  const v = ddMemberOf(w3c);
  if (v !== null) {
    const [m] = parseMember(v);
    if (m.lastParent !== null) return m.lastParent;
  }
  if (dd.valid && dd.traceId === w3c.traceId && dd.spanId !== w3c.spanId) return dd.spanId;
  return '';
}

// extract is the propagator: [Ctx, error].
function extract(headers) {
  const [h, e] = extractHeaders(headers);
  return [h ? h.ctx : new Ctx(), e];
}

// inject is what the propagator's InjectInto writes for a span context.
const inject = (ctx) => (ctx.valid ? injectHeaders(newHeaders(ctx)) : []);

function run(c) {
  const hs = c.headers;
  const dd = hs.some(([k]) => k.toLowerCase().startsWith('x-datadog-'));
  const [w3c] = traceparent.extract(hs);
  let h;
  let e = null;
  let canonical;
  if (dd || !w3c || !w3c.valid) {
    [h, e] = extractHeaders(hs);
    h = h || new Headers();
    // Inject after Extract: h as it came, when the context was stored.
    canonical = h.ctx.valid || h.ctx.sampling !== 'deferred' ? injectHeaders(h) : [];
  } else {
    h = newHeaders(w3c);
    const v = ddMemberOf(w3c);
    if (v !== null) e = parseMember(v)[1];
    canonical = injectHeaders(h);
  }
  const expect = h.ctx.view();
  Object.assign(expect, {
    priority: h.priority === null ? '' : String(h.priority),
    origin: text(h.origin),
    last_parent: lastParentID(w3c, h.ctx),
    dd_member: text(memberValue(h)),
  });
  return result(h.ctx.valid, e, expect, canonical);
}

module.exports = { FORMAT, run, extract, inject, extractHeaders, newHeaders, memberValue, injectHeaders, lastParentID };

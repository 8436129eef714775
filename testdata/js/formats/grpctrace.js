'use strict';
// grpc-trace-bin, OpenCensus's binary trace context (SPEC.md section 9.8):
// version 0, then fields (0: trace id, 1: span id, 2: options) in any order
// up to the first unknown or repeated one; in text carriers standard
// base64, padded or not. canonical is unpadded base64.

const { Ctx, err, first, result, trim } = require('./common');

const FORMAT = 'grpc-trace-bin';
const HEADER = 'grpc-trace-bin';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const FIELD_LEN = { 0: 16, 1: 8, 2: 1 };

const hex = (b) => Buffer.from(b).toString('hex');

// decodeBinary returns [Ctx, kind, offset] for the raw bytes b; kind is
// null when they are valid.
function decodeBinary(b) {
  if (!b.length) return [new Ctx(), 'empty', 0];
  if (b[0] !== 0) return [new Ctx(), 'version', 0];
  const vals = {};
  const at = {};
  let i = 1;
  while (i < b.length) {
    const fid = b[i];
    if (!(fid in FIELD_LEN) || fid in vals) break; // a newer sender's field: the rest is ignored
    const n = FIELD_LEN[fid];
    if (b.length - i - 1 < n) return [new Ctx(), 'length', b.length];
    vals[fid] = b.subarray(i + 1, i + 1 + n);
    at[fid] = i + 1;
    i += 1 + n;
  }
  const zero = (v) => v.every((x) => x === 0);
  if (!(0 in vals)) return [new Ctx(), 'missing-field', i];
  if (zero(vals[0])) return [new Ctx(), 'zero-trace-id', at[0]];
  if (!(1 in vals)) return [new Ctx(), 'missing-field', i];
  if (zero(vals[1])) return [new Ctx(), 'zero-span-id', at[1]];
  const sampled = 2 in vals && vals[2][0] & 1;
  return [new Ctx({ traceId: hex(vals[0]), spanId: hex(vals[1]), sampling: sampled ? 'accept' : 'deny' }), null, 0];
}

function parseBinary(b) {
  const [ctx, kind, at] = decodeBinary(b);
  return kind === null ? [ctx, null] : [new Ctx(), err(HEADER, kind, at)];
}

// parse returns [Ctx, error] for the base64 text s (a byte string); a fault
// in the decoded bytes is placed at the character that encodes its first bit.
function parse(s) {
  const [lo, hi] = trim(s);
  if (lo === hi) return [new Ctx(), err(HEADER, 'empty', 0)];
  let n = hi;
  while (n > lo && s[n - 1] === '=') n--;
  let acc = 0;
  let bits = 0;
  const out = [];
  for (let i = lo; i < n; i++) {
    const d = ALPHABET.indexOf(s[i]);
    if (d < 0) return [new Ctx(), err(HEADER, s[i] === ',' ? 'trailing-data' : 'value', i)];
    acc = ((acc << 6) | d) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  const chars = n - lo;
  if (chars % 4 === 1) return [new Ctx(), err(HEADER, 'length', n)];
  const pad = hi - n;
  const want = (4 - (chars % 4)) % 4;
  if (pad > want) return [new Ctx(), err(HEADER, 'value', n + want)];
  if (pad > 0 && pad < want) return [new Ctx(), err(HEADER, 'length', hi)];
  const [ctx, kind, at] = decodeBinary(Uint8Array.from(out));
  if (kind === null) return [ctx, null];
  return [new Ctx(), err(HEADER, kind, at < out.length ? lo + Math.floor((at * 4) / 3) : n)];
}

// extract is the propagator on a text carrier: the first of values joined
// with ","; a blank value is absent.
function extract(headers) {
  const v = first(headers, HEADER).split(',')[0];
  const [lo, hi] = trim(v);
  return lo === hi ? [new Ctx(), null] : parse(v);
}

function binaryForm(ctx) {
  const sampled = ctx.sampling === 'accept' || ctx.sampling === 'debug' ? 1 : 0;
  return Buffer.concat([Buffer.from([0, 0]), Buffer.from(ctx.traceId, 'hex'), Buffer.from([1]),
    Buffer.from(ctx.spanId, 'hex'), Buffer.from([2, sampled])]);
}

// inject writes standard base64 without padding.
const inject = (ctx) => (ctx.valid ? [[HEADER, binaryForm(ctx).toString('base64').replace(/=+$/, '')]] : []);

function run(c) {
  const [ctx, e] = c.binary !== undefined && c.binary !== null
    ? parseBinary(Buffer.from(c.binary, 'hex')) : extract(c.headers);
  return result(ctx.valid, e, ctx.view(), inject(ctx));
}

module.exports = { FORMAT, run, extract, inject };

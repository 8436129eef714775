// A test service of the W3C Trace Context harness protocol built on
// OpenTelemetry-JS's propagators, for "tracewire conform" to check
// (conformance/run.sh runs it: npm ci, then node server.js).
//
// The harness POSTs a JSON array of {"url", "arguments"}; for each entry,
// in order, the service POSTs "arguments" to "url" carrying a child of the
// context it continues, and answers once every call returned. The
// propagators are OpenTelemetry-JS's own (@opentelemetry/core,
// propagator-b3, propagator-jaeger), chosen per request by the
// Tracewire-Propagators header (testdata/README.md, "Checking a live
// service"); the service answers with the names it configured. Without the
// header it is a plain W3C harness service (tracecontext).
//
// Those packages do not read OTEL_PROPAGATORS (@opentelemetry/sdk-node
// does, and is not installed), so this service reads the header by the
// OpenTelemetry specification's rules itself: entries trimmed, empty ones
// skipped, each once; "none" anywhere means none; unknown names skipped;
// nothing known means the default tracecontext,baggage.
//
// The SDK (@opentelemetry/sdk-trace-base) is not installed either: a child
// span is made as its tracer makes one under the default sampler,
// ParentBased(AlwaysOn): the parent's trace id and trace state, a new
// random span id, sampled when the parent is (always, for a new trace).
//
// It listens on, and calls, loopback addresses only: it relays requests
// to URLs chosen by whoever reaches it.
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const net = require('node:net');
const api = require('@opentelemetry/api');
const { CompositePropagator, W3CTraceContextPropagator, W3CBaggagePropagator } = require('@opentelemetry/core');
const { B3Propagator, B3InjectEncoding } = require('@opentelemetry/propagator-b3');
const { JaegerPropagator } = require('@opentelemetry/propagator-jaeger');

const FORMATS_HEADER = 'tracewire-propagators';
const MAX_BODY = 1 << 20;
const MAX_CALLS = 64;
const CALL_TIMEOUT_MS = 5000;

const registry = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  b3: () => new B3Propagator(),
  b3multi: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  jaeger: () => new JaegerPropagator(),
};

// propagators returns the request's propagator and the names configured.
function propagators(headers) {
  const value = headers[FORMATS_HEADER];
  if (value === undefined) {
    return { prop: registry.tracecontext(), names: 'tracecontext' };
  }
  const list = [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (list.includes('none')) {
    return { prop: new CompositePropagator({ propagators: [] }), names: 'none' };
  }
  let names = list.filter((n) => Object.hasOwn(registry, n));
  if (names.length === 0) {
    names = ['tracecontext', 'baggage'];
  }
  const prop = new CompositePropagator({ propagators: names.map((n) => registry[n]()) });
  return { prop, names: names.join(',') };
}

function randomId(bytes) {
  for (;;) {
    const id = crypto.randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(id)) return id;
  }
}

// child returns ctx with a new span that continues ctx's span context, or
// starts a trace, as the SDK's tracer does under ParentBased(AlwaysOn).
function child(ctx) {
  const parent = api.trace.getSpanContext(ctx);
  let sc;
  if (parent && api.isSpanContextValid(parent)) {
    sc = {
      traceId: parent.traceId,
      spanId: randomId(8),
      traceFlags: parent.traceFlags & api.TraceFlags.SAMPLED ? api.TraceFlags.SAMPLED : api.TraceFlags.NONE,
      traceState: parent.traceState,
      isRemote: false,
    };
  } else {
    sc = { traceId: randomId(16), spanId: randomId(8), traceFlags: api.TraceFlags.SAMPLED, isRemote: false };
  }
  return api.trace.setSpanContext(ctx, sc);
}

function isLoopbackHost(host) {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./i.test(h);
  return false;
}

function call(action, headers) {
  return new Promise((resolve) => {
    let url;
    try {
      url = new URL(action.url);
    } catch (e) {
      resolve(false);
      return;
    }
    let body = action.arguments === undefined || action.arguments === null ? '[]' : JSON.stringify(action.arguments);
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: CALL_TIMEOUT_MS,
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(true));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

async function handle(req, res, raw) {
  let actions;
  try {
    actions = JSON.parse(raw);
  } catch (e) {
    actions = null;
  }
  if (!Array.isArray(actions) || actions.length > MAX_CALLS) {
    res.writeHead(400).end('want a JSON array of at most 64 {"url", "arguments"}\n');
    return;
  }
  for (const a of actions) {
    let u;
    try {
      u = new URL(a.url);
    } catch (e) {
      u = null;
    }
    if (!u || u.protocol !== 'http:' || !isLoopbackHost(u.hostname)) {
      res.writeHead(403).end(`not a loopback http URL: ${a && a.url}\n`);
      return;
    }
  }
  const { prop, names } = propagators(req.headers);
  const extracted = prop.extract(api.ROOT_CONTEXT, req.headers, api.defaultTextMapGetter);
  const server = child(extracted);
  let ok = true;
  for (const a of actions) {
    const carrier = {};
    prop.inject(child(server), carrier, api.defaultTextMapSetter);
    ok = (await call(a, carrier)) && ok;
  }
  const headers = { 'content-type': 'application/json' };
  if (req.headers[FORMATS_HEADER] !== undefined) headers[FORMATS_HEADER] = names;
  res.writeHead(ok ? 200 : 502, headers).end('{}\n');
}

function main() {
  let listen = '127.0.0.1:5002';
  const i = process.argv.indexOf('--listen');
  if (i >= 0 && process.argv[i + 1]) listen = process.argv[i + 1];
  const cut = listen.lastIndexOf(':');
  const host = listen.slice(0, cut).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(cut + 1));
  if (!isLoopbackHost(host) || host === 'localhost' || !Number.isInteger(port)) {
    console.error(`oteljs: --listen ${listen}: want a loopback IP address and port`);
    process.exit(2);
  }
  const srv = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end('the harness protocol uses POST\n');
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => {
        res.writeHead(500).end(String(e) + '\n');
      });
    });
  });
  srv.listen(port, host, () => {
    const a = srv.address();
    console.log(`oteljs: listening on http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}/test`);
  });
}

main();

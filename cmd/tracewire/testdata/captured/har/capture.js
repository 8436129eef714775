// Records ../chromium.har, the HAR golden input of cmd/tracewire: a real
// capture by headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) of a local page that calls fetch() with trace headers.
//
//   npm ci && node capture.js     (then: cd ../../.. && go test -run TestGolden -update)
//
// The server listens on a fixed port, 127.0.0.1:18787, because the CLI
// prints each entry's URL: a random port would change the golden output
// at every capture. It stops with an error when the port is taken.
//
// What crosses the wire, as a browser with a RUM agent does it:
//   GET /            the page; the server names the trace in
//                    server-timing: trace;desc=<traceparent>, the one
//                    place a page can read its navigation's trace from.
//   GET /api/cart    fetch() from the page, continuing that trace with
//                    traceparent, tracestate, baggage and b3, where the
//                    traceparent's span id is written in uppercase hex: the
//                    deliberately invalid value. The server, as W3C asks,
//                    refuses it, continues the trace from b3 instead and
//                    answers with traceresponse and server-timing.
// Ids are fixed, not random, so that a new capture gives the same report.
// Nothing in the HAR is edited: timestamps, timings and Chromium's own
// headers stay as recorded. The report on it prints headers and URLs, not
// timings, so the only thing that would change it from one capture to the
// next, the Date header, is not sent. A new Chromium changes the
// User-Agent and sec-ch-ua values, and with them the --json golden.

'use strict';

const http = require('node:http');
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const HOST = '127.0.0.1';
const PORT = 18787;
const ORIGIN = `http://${HOST}:${PORT}`;
const OUT = path.join(__dirname, '..', 'chromium.har');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const TRACE_ID = '5e8f3a1c9d2b4e6f8a0c1d3e5f7a9b2c';
const PAGE_SPAN = '3c1d5e7f9a0b2c4d'; // the server's span for the page
const FETCH_SPAN = 'a1b2c3d4e5f60718'; // the page's span for the fetch
const API_SPAN = '7d9e0f1a2b3c4d5e'; // the server's span for the API call

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>cart</title>
<link rel="icon" href="data:,">
</head>
<body>
<p id="status">loading</p>
<script>
// The trace the server named for this page, from the navigation's
// Server-Timing "trace" entry.
const nav = performance.getEntriesByType('navigation')[0];
const trace = nav.serverTiming.find((e) => e.name === 'trace');
const traceId = trace.description.split('-')[1];
const spanId = '${FETCH_SPAN}';
fetch('/api/cart?items=3', {
  headers: {
    // Uppercase hex: the deliberately invalid value.
    'traceparent': '00-' + traceId + '-' + spanId.toUpperCase() + '-01',
    'tracestate': 'rum=page1,congo=t61rcWkgMzE',
    'baggage': 'session.id=9f1c2e,cart.items=3,user.tier=gold;ttl=60',
    'b3': traceId + '-' + spanId + '-1',
  },
}).then((r) => r.json()).then((body) => {
  document.getElementById('status').textContent = 'done: ' + body.items;
  document.title = 'done';
});
</script>
</body>
</html>
`;

const traceparentRE = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const b3RE = /^([0-9a-f]{32}|[0-9a-f]{16})-([0-9a-f]{16})(-[01d])?/;

const server = http.createServer((req, res) => {
  // No Date header: the --json report lists every header, and a date
  // would change it at every capture. RFC 9110 lets a server leave it out.
  res.sendDate = false;
  const url = new URL(req.url, ORIGIN);
  if (req.method === 'GET' && url.pathname === '/') {
    const tp = `00-${TRACE_ID}-${PAGE_SPAN}-01`;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'server-timing': `trace;desc=${tp}`,
      'cache-control': 'no-store',
    });
    res.end(page);
    return;
  }
  if (req.method === 'GET' && url.pathname === '/api/cart') {
    console.log('server received:', JSON.stringify(req.headers, null, 2));
    // Continue the trace as a W3C server would: an invalid traceparent
    // is ignored, and the trace is taken from the next format sent.
    let traceId = null;
    const tp = req.headers.traceparent || '';
    const b3 = (req.headers.b3 || '').match(b3RE);
    if (traceparentRE.test(tp)) {
      traceId = tp.slice(3, 35);
    } else if (b3) {
      traceId = b3[1].padStart(32, '0');
    }
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (traceId) {
      const resp = `00-${traceId}-${API_SPAN}-01`;
      headers.traceresponse = resp;
      headers['server-timing'] = `app;dur=4.2, trace;desc=${resp}`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ items: Number(url.searchParams.get('items')) }));
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
});

function listen() {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => {
      if (err.code === 'EADDRINUSE') {
        reject(new Error(`${HOST}:${PORT} is taken: the golden output names this port, so stop what holds it and run again`));
      } else {
        reject(err);
      }
    });
    server.listen(PORT, HOST, resolve);
  });
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM`);
  }
  await listen();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium calls out to
    // Google's hosts at start, which a closed network refuses; none of
    // those calls would be in the HAR, but they slow and clutter the run.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    // launch() gives the browser a new, empty profile directory.
    const context = await browser.newContext({
      recordHar: { path: OUT, content: 'omit' },
    });
    const tab = await context.newPage();
    await tab.goto(ORIGIN + '/');
    await tab.waitForFunction(() => document.title === 'done', null, { timeout: 10000 });
    // Closing the context writes the HAR.
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  const har = JSON.parse(fs.readFileSync(OUT, 'utf8'));
  const urls = har.log.entries.map((e) => `${e.request.method} ${e.request.url} -> ${e.response.status}`);
  if (urls.length !== 2) {
    throw new Error(`want 2 entries (the page and its fetch), got ${urls.length}:\n${urls.join('\n')}`);
  }
  console.log(`wrote ${OUT}:\n  ${urls.join('\n  ')}`);
}

main().catch((err) => {
  console.error(err.message || err);
  server.close();
  process.exit(1);
});

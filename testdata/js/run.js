#!/usr/bin/env node
'use strict';
// Runs tracewire's conformance vectors through small, independent
// JavaScript implementations of each format (Node.js 20, no dependencies).
//
//   node testdata/js/run.js                        # every testdata/*.json
//   node testdata/js/run.js testdata/b3.json       # some files
//   node testdata/js/run.js --tags w3c-tc-l2,!tracewire-choice
//   node testdata/js/run.js -v                     # every failure in full
//
// Each file's "format" selects a module in formats/ (its FORMAT); a file
// whose format has none is reported as "skipped: no implementation", and so
// is a case that uses a feature its module lacks (the module throws Skip)
// or an expect field it does not compute (and nothing else differs).
// For every case the runner compares, with what the module computed: valid, the
// error's header, kind and byte offset, every field of expect, and
// canonical. It prints one line per file and exits 1 if any case failed.

const fs = require('fs');
const path = require('path');
const { isDeepStrictEqual } = require('util');
const { Skip } = require('./formats/common');

const TESTDATA = path.dirname(__dirname);

// loadFormats maps FORMAT to run for every module in formats/.
function loadFormats() {
  const found = {};
  const dir = path.join(__dirname, 'formats');
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.js')) continue;
    const m = require(path.join(dir, f));
    if (m.FORMAT && m.run) found[m.FORMAT] = m.run;
  }
  return found;
}

// parseTags turns "a,b,!c" into [{a, b}, {c}]: a case is selected when it
// has any of the first (or the first is empty) and none of the second.
function parseTags(spec) {
  const want = new Set();
  const avoid = new Set();
  for (let t of (spec || '').split(',')) {
    t = t.trim();
    if (t.startsWith('!')) avoid.add(t.slice(1));
    else if (t) want.add(t);
  }
  return [want, avoid];
}

function selected(c, want, avoid) {
  const tags = c.tags || [];
  return (want.size === 0 || tags.some((t) => want.has(t))) && !tags.some((t) => avoid.has(t));
}

function normalizeBaggage(members) {
  return members.map((m) => ({ key: m.key, value: m.value, properties: m.properties || [] }));
}

const js = (v) => JSON.stringify(v);

// compare returns the differences between case c and got.
function compare(c, got) {
  const problems = [];
  if (got.valid !== c.valid) problems.push(`valid: got ${got.valid}, want ${c.valid}`);
  const wantErr = c.error;
  if (!wantErr) {
    if (got.error) problems.push(`error: got ${js(got.error)}, want none`);
  } else if (!got.error) {
    problems.push(`error: got none, want ${js(wantErr)}`);
  } else {
    for (const f of ['header', 'kind', 'offset']) {
      if (f in wantErr && got.error[f] !== wantErr[f]) problems.push(`error ${f}: got ${js(got.error[f])}, want ${js(wantErr[f])}`);
    }
  }
  const unknown = [];
  for (const [field, want0] of Object.entries(c.expect || {})) {
    if (!(field in got.expect)) {
      unknown.push(field);
      continue;
    }
    let have = got.expect[field];
    let want = want0;
    if (field === 'baggage') {
      have = normalizeBaggage(have);
      want = normalizeBaggage(want);
    }
    if (!isDeepStrictEqual(have, want)) problems.push(`expect ${field}: got ${js(have)}, want ${js(want)}`);
  }
  if ('canonical' in c && !isDeepStrictEqual(got.canonical, c.canonical)) {
    problems.push(`canonical: got ${js(got.canonical)}, want ${js(c.canonical)}`);
  }
  for (const [field, have] of Object.entries(got.extra || {})) { // an absent field must be null
    const want = field in c ? c[field] : null;
    if (!isDeepStrictEqual(have, want)) problems.push(`${field}: got ${js(have)}, want ${js(want)}`);
  }
  // A field added in a minor version: skip what the module does not know.
  if (unknown.length && !problems.length) throw new Skip(`expect ${unknown.join(', ')} not computed by the module`);
  return problems;
}

const shorten = (s, n = 300) => (s.length <= n ? s : `${s.slice(0, n)}...(${s.length} chars)`);
const pad = (s, n) => String(s).padStart(n);

// runFile returns [cases, passed, failed, skipped] for one file, printing failures.
function runFile(file, impls, want, avoid, verbose) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const name = path.basename(file);
  const cases = data.cases.filter((c) => selected(c, want, avoid));
  const impl = impls[data.format];
  if (!impl) {
    console.log(`${name.padEnd(22)} ${pad(cases.length, 4)} cases  skipped: no implementation of format ${js(data.format)}`);
    return [cases.length, 0, 0, cases.length];
  }
  let failed = 0;
  let skipped = 0;
  for (const c of cases) {
    let problems;
    try {
      problems = compare(c, impl(c));
    } catch (e) {
      if (e instanceof Skip) {
        skipped++;
        if (verbose) console.log(`  SKIP ${name}: ${c.name}: ${e.message}`);
        continue;
      }
      problems = [`threw ${e.stack || e}`]; // a bug in the runner is a failure, not a crash
    }
    if (problems.length) {
      failed++;
      console.log(`  FAIL ${name}: ${c.name}`);
      for (const p of problems) console.log(`       ${verbose ? p : shorten(p)}`);
    }
  }
  const passed = cases.length - failed - skipped;
  const line = `${name.padEnd(22)} ${pad(cases.length, 4)} cases ${pad(passed, 4)} passed ${pad(failed, 4)} failed`;
  console.log(line + (skipped ? `  ${skipped} skipped: not implemented (-v lists them)` : ''));
  return [cases.length, passed, failed, skipped];
}

function main(argv) {
  const files = [];
  let tags = '';
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--tags') tags = argv[++i] || '';
    else if (a.startsWith('--tags=')) tags = a.slice(7);
    else if (a === '-v' || a === '--verbose') verbose = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node testdata/js/run.js [--tags a,b,!c] [-v] [files...]');
      return 0;
    } else files.push(a);
  }
  if (!files.length) {
    for (const f of fs.readdirSync(TESTDATA).sort()) if (f.endsWith('.json')) files.push(path.join(TESTDATA, f));
  }
  const [want, avoid] = parseTags(tags);
  const impls = loadFormats();
  const totals = [0, 0, 0, 0];
  for (const f of files) runFile(f, impls, want, avoid, verbose).forEach((n, i) => { totals[i] += n; });
  console.log(`node: ${totals[1]} passed, ${totals[2]} failed, ${totals[3]} skipped`);
  return totals[2] ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

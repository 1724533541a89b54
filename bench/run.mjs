#!/usr/bin/env node
/**
 * Benchmark: `supmetrics report` against DuckDB (SQL over the same CSV), on generated native
 * exports of 1M and 10M contacts. See docs/benchmark.md.
 *
 *   npm run bench                              (builds first; sizes 1m,10m)
 *   node bench/run.mjs [--sizes 1m,10m] [--runs N]
 *
 * For each size: generates the data once (reused while bench/out/data-<size>/stamp.json
 * matches), runs supmetrics and DuckDB alternately (A B A B ...), each in its own process,
 * measuring wall time (spawn to exit) and peak RSS, then checks that both computed the same
 * numbers. Exit code 1 when they disagree. Results: bench/out/latest.json and
 * bench/out/results-<timestamp>.json.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const SIZES = { '1m': { contacts: 1_000_000, runs: 5 }, '10m': { contacts: 10_000_000, runs: 2 } };
const PERIOD = '2024-03';
const TOLERANCE = 1e-6;

// ---- options
const opts = { sizes: ['1m', '10m'], runs: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--sizes') opts.sizes = process.argv[++i].split(',').map((s) => s.trim().toLowerCase());
  else if (a === '--runs') opts.runs = Number(process.argv[++i]);
  else {
    console.error(`usage: node bench/run.mjs [--sizes 1m,10m] [--runs N]   (unknown: ${a})`);
    process.exit(2);
  }
}
const badSize = opts.sizes.find((s) => !SIZES[s]);
const badRuns = opts.runs !== null && !(Number.isInteger(opts.runs) && opts.runs > 0);
if (badSize !== undefined || badRuns) {
  console.error(badRuns ? '--runs must be a positive integer' : `unknown size ${badSize} (1m or 10m)`);
  process.exit(2);
}

// ---- helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 3) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n${r.stderr}`);
    process.exit(2);
  }
  return r;
}

/** Wall time (ms, spawn to exit) and peak RSS (MB) of `node bench/measure.mjs script args`. */
function timed(script, args) {
  const rssFile = path.join(OUT, `rss-${process.pid}.txt`);
  const t0 = process.hrtime.bigint();
  const r = run(process.execPath, ['bench/measure.mjs', script, ...args], { BENCH_RSS_FILE: rssFile });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  unlinkSync(rssFile);
  return { ms, rssMB, stdout: r.stdout };
}

function ensureData(size) {
  const dir = path.join(OUT, `data-${size}`);
  const args = ['--out', path.relative(ROOT, dir), '--contacts', String(SIZES[size].contacts), '--seed', '7'];
  const generator = createHash('sha256').update(readFileSync(path.join(ROOT, 'scripts/generate-exports.mjs'))).digest('hex');
  const stamp = JSON.stringify({ args, generator });
  const stampFile = path.join(dir, 'stamp.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`${size}: reusing ${path.relative(ROOT, dir)}`);
  } else {
    console.log(`${size}: generating (node scripts/generate-exports.mjs ${args.join(' ')}) ...`);
    run(process.execPath, ['scripts/generate-exports.mjs', ...args]);
    writeFileSync(stampFile, stamp);
  }
  return dir;
}

/** Reads a file once so that the first timed run does not pay for a cold page cache. */
async function warm(file) {
  for await (const _ of createReadStream(file, { highWaterMark: 1 << 22 }));
}

/** Compares supmetrics' report with DuckDB's numbers; returns a list of {what, supmetrics, duckdb, ok}. */
function compare(report, duck) {
  const m = report.metrics;
  const pairs = [];
  const channels = new Set([...Object.keys(m.volume.byChannel ?? {}), ...Object.keys(duck.volume.byChannel)]);
  pairs.push(['volume.value', m.volume.value, duck.volume.total]);
  for (const ch of [...channels].sort()) pairs.push([`volume.byChannel.${ch}`, m.volume.byChannel?.[ch] ?? 0, duck.volume.byChannel[ch] ?? 0]);
  for (const k of ['n', 'mean', 'median', 'p90']) pairs.push([`first_response_time.${k}`, m.first_response_time[k], duck.first_response_time[k]]);
  for (const k of ['n', 'mean', 'median', 'p90']) pairs.push([`resolution_time.${k}`, m.resolution_time[k], duck.resolution_time[k]]);
  pairs.push(['backlog.value', m.backlog.value, duck.backlog.value]);
  const sla = m.sla_compliance;
  pairs.push(['sla_compliance.numerator', sla.numerator, duck.sla_compliance.numerator]);
  pairs.push(['sla_compliance.denominator', sla.denominator, duck.sla_compliance.denominator]);
  for (const part of ['first_response', 'resolution']) {
    pairs.push([`sla_compliance.${part}.numerator`, sla[part]?.numerator, duck.sla_compliance[part].numerator]);
    pairs.push([`sla_compliance.${part}.denominator`, sla[part]?.denominator, duck.sla_compliance[part].denominator]);
  }
  return pairs.map(([what, a, b]) => {
    const ok = typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));
    return { what, supmetrics: a ?? null, duckdb: b ?? null, ok };
  });
}

// ---- main
mkdirSync(OUT, { recursive: true });
const results = {
  date: new Date().toISOString(), // when the benchmark started
  node: process.version,
  duckdb: JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@duckdb/node-api/package.json'), 'utf8')).version,
  cpu: `${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} logical CPUs)`,
  memoryGB: round(os.totalmem() / 2 ** 30, 1),
  platform: `${os.platform()} ${os.release()}`,
  // the code measured: the commit, and whether the working tree had uncommitted changes
  git: spawnSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() || null,
  period: PERIOD,
  sizes: {},
};
let allAgree = true;

for (const size of opts.sizes) {
  const dir = ensureData(size);
  const contacts = path.join(dir, 'contacts.csv');
  const surveys = path.join(dir, 'surveys.csv');
  for (const f of [contacts, surveys]) await warm(f);
  const reportFile = path.join(OUT, `supmetrics-${size}.json`);
  const duckFile = path.join(OUT, `duckdb-${size}.json`);
  const supArgs = ['report', contacts, surveys, '--period', PERIOD, '--format', 'json', '--out', reportFile];
  const runs = opts.runs ?? SIZES[size].runs;
  const sup = [];
  const duck = [];
  for (let i = 0; i < runs; i++) {
    const a = timed('bin/supmetrics.js', supArgs);
    sup.push({ ms: round(a.ms, 1), rssMB: round(a.rssMB, 1) });
    const b = timed('bench/duckdb-report.mjs', [contacts]);
    duck.push({ ms: round(b.ms, 1), rssMB: round(b.rssMB, 1) });
    writeFileSync(duckFile, b.stdout);
    console.log(`${size} run ${i + 1}/${runs}: supmetrics ${(a.ms / 1000).toFixed(2)} s, ${a.rssMB.toFixed(0)} MB; DuckDB ${(b.ms / 1000).toFixed(2)} s, ${b.rssMB.toFixed(0)} MB`);
  }

  const checks = compare(JSON.parse(readFileSync(reportFile, 'utf8')), JSON.parse(readFileSync(duckFile, 'utf8')));
  const bad = checks.filter((c) => !c.ok);
  if (bad.length) {
    allAgree = false;
    console.error(`\n!!! ${size}: supmetrics and DuckDB DISAGREE on ${bad.length} of ${checks.length} numbers !!!`);
    for (const c of bad) console.error(`!!!   ${c.what}: supmetrics ${c.supmetrics}, DuckDB ${c.duckdb}`);
  } else {
    console.log(`${size}: supmetrics and DuckDB agree on all ${checks.length} numbers (tolerance ${TOLERANCE}, relative)`);
  }

  const supMedian = median(sup.map((r) => r.ms));
  const duckMedian = median(duck.map((r) => r.ms));
  results.sizes[size] = {
    contacts: SIZES[size].contacts,
    files: Object.fromEntries([contacts, surveys].map((f) => [path.basename(f), statSync(f).size])),
    runs: { supmetrics: sup, duckdb: duck },
    medianMs: { supmetrics: supMedian, duckdb: duckMedian },
    ratio: round(supMedian / duckMedian, 2),
    peakRssMB: { supmetrics: Math.max(...sup.map((r) => r.rssMB)), duckdb: Math.max(...duck.map((r) => r.rssMB)) },
    agree: bad.length === 0,
    checks,
  };
}

// ---- table
const s = results.sizes;
if (s['1m'] && s['10m']) {
  s['10m'].scaling10mOver1m = {
    supmetrics: round(s['10m'].medianMs.supmetrics / s['1m'].medianMs.supmetrics, 2),
    duckdb: round(s['10m'].medianMs.duckdb / s['1m'].medianMs.duckdb, 2),
  };
}
console.log(`\n${results.cpu}, node ${results.node}, DuckDB ${results.duckdb}, period ${PERIOD}`);
console.log('| size | supmetrics median | DuckDB median | ratio | supmetrics peak RSS | DuckDB peak RSS | 10M/1M time (supmetrics, DuckDB) | agree |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [size, r] of Object.entries(s)) {
  const scale = r.scaling10mOver1m ? `${r.scaling10mOver1m.supmetrics}x, ${r.scaling10mOver1m.duckdb}x` : '';
  console.log(`| ${size} | ${(r.medianMs.supmetrics / 1000).toFixed(2)} s | ${(r.medianMs.duckdb / 1000).toFixed(2)} s | ${r.ratio}x | ${r.peakRssMB.supmetrics.toFixed(0)} MB | ${r.peakRssMB.duckdb.toFixed(0)} MB | ${scale} | ${r.agree ? 'yes' : 'NO'} |`);
}

const json = `${JSON.stringify(results, null, 2)}\n`;
const stampName = `results-${results.date.replace(/[:.]/g, '-')}.json`;
writeFileSync(path.join(OUT, stampName), json);
writeFileSync(path.join(OUT, 'latest.json'), json);
console.log(`\nwrote bench/out/${stampName} and bench/out/latest.json`);
if (!allAgree) {
  console.error('\n!!! MISMATCH between supmetrics and DuckDB: see above. A fast wrong answer is worthless. !!!');
  process.exitCode = 1;
}

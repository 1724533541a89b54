// Rows-only CSV tokenizing speed: supmetrics' tokenizer against csv-parse, each in its own
// process, alternating, median of N runs. Usage: node bench/tokenizers.mjs [file.csv] [runs]
// (default: the 1M-contact bench file that `npm run bench` generates). Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [mode, parser, childFile] = process.argv.slice(2);

if (mode === '--child') {
  // the measured process: stream the file through one parser and count rows
  let rows = 0;
  const stream = createReadStream(childFile, { encoding: 'utf8', highWaterMark: 1 << 20 });
  if (parser === 'supmetrics') {
    const { CsvTokenizer } = await import('../dist/ingest/csv.js');
    const tokenizer = new CsvTokenizer({ record: () => rows++, malformed: () => rows++ });
    for await (const chunk of stream) tokenizer.push(chunk);
    tokenizer.end();
  } else {
    const { parse } = await import('csv-parse');
    const csv = stream.pipe(parse({ relax_column_count: true }));
    for await (const _ of csv) rows++;
  }
  process.stdout.write(String(rows));
  process.exit(0);
}

const file = process.argv[2] ?? fileURLToPath(new URL('./out/data-1m/contacts.csv', import.meta.url));
const runs = Number(process.argv[3] ?? 3);
if (!existsSync(file)) {
  console.error(`no ${file}: run \`npm run bench -- --sizes 1m\` first, or pass a CSV file`);
  process.exit(2);
}
const times = { supmetrics: [], 'csv-parse': [] };
let rowCounts = {};
for (let run = 0; run < runs; run++) {
  for (const name of Object.keys(times)) {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name, file], { encoding: 'utf8' });
    times[name].push(Number(process.hrtime.bigint() - start) / 1e9);
    rowCounts[name] = child.stdout;
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${name.padEnd(11)} median ${m.toFixed(2)} s  ${(Number(rowCounts[name]) / m / 1e6).toFixed(2)} M rows/s  (${xs.map((x) => x.toFixed(2)).join(' / ')})`);
}
console.log(`speed-up: ${(median(times['csv-parse']) / median(times.supmetrics)).toFixed(1)}x`);

#!/usr/bin/env node
/**
 * Runs a Node script in this same process and, when the process exits, writes its peak
 * resident set size (process.resourceUsage().maxRSS, in KB) to the file named by
 * BENCH_RSS_FILE. Native memory (DuckDB's) is included, as it lives in the same process.
 *
 *   BENCH_RSS_FILE=rss.txt node bench/measure.mjs bin/supmetrics.js report ...
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [target, ...args] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: BENCH_RSS_FILE=FILE node bench/measure.mjs SCRIPT [args...]\n');
  process.exit(2);
}
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
// The target sees the command line it would see if run directly (`node SCRIPT args...`).
process.argv = [process.argv[0], path.resolve(target), ...args];
await import(pathToFileURL(path.resolve(target)).href);

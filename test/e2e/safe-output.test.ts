import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempFiles } from '../helpers/cli.js';

/** Starts a report into `target` and kills it (SIGKILL) after `delay` ms; resolves when it is gone. */
function killDuringReport(target: string, delay: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/supmetrics.js'), 'report', 'fixtures/demo', '--period', '2024-03', '--by', 'day,agent', '--format', 'json', '--out', target],
      { cwd: ROOT, stdio: 'ignore' },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('--out never leaves a partial file', () => {
  it('a report killed at any moment leaves the old file or the whole new one', async () => {
    const dir = tempFiles({ 'report.json': 'OLD' });
    const target = join(dir, 'report.json');
    const outcomes = new Set<string>();
    for (const delay of [50, 150, 250, 350, 450, 550, 700, 900, 1200, 3000]) {
      writeFileSync(target, 'OLD');
      await killDuringReport(target, delay);
      const text = readFileSync(target, 'utf8');
      if (text === 'OLD') outcomes.add('old');
      else {
        expect(() => JSON.parse(text), `partial file after ${delay} ms`).not.toThrow();
        expect(JSON.parse(text).schemaVersion).toBe(1);
        outcomes.add('new');
      }
    }
    expect(outcomes.has('old')).toBe(true);
  }, 60_000);

  it('an existing file is replaced whole', () => {
    const dir = tempFiles({ 'report.json': 'OLD' });
    expect(cli(['report', 'fixtures/demo', '--period', '2024-03', '--format', 'json', '--out', join(dir, 'report.json')]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).period.label).toBe('2024-03');
  });

  it('an unwritable destination exits 2 with one line', () => {
    const dir = tempFiles({ 'plain.txt': 'a file, not a folder' });
    const result = cli(['report', 'fixtures/demo', '--period', '2024-03', '--out', join(dir, 'plain.txt/r.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/plain\.txt\/r\.txt: cannot write --out: a parent is not a folder/);
    const missing = cli(['report', 'fixtures/demo', '--period', '2024-03', '--out', join(dir, 'no/such/dir/r.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot write --out: folder does not exist/);
  });
});

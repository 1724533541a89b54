import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream, writes };
}

describe('progress bar', () => {
  it('is never shown when stderr is not a terminal', () => {
    expect(progressBar(fakeStream(false).stream)).toBeUndefined();
  });

  it('shows bytes read of the total and rows per second, then clears its line', () => {
    const { stream, writes } = fakeStream(true);
    let clock = 0;
    const report = progressBar(stream, () => clock)!;
    clock = 1000;
    report({ path: 'contacts.csv', bytes: 0, totalBytes: 100 * 1024 * 1024, rows: 0, done: false });
    clock = 3000;
    report({ path: 'contacts.csv', bytes: 50 * 1024 * 1024, totalBytes: 100 * 1024 * 1024, rows: 400_000, done: false });
    expect(writes.at(-1)).toMatch(/reading contacts\.csv \[#{12}-{12}\] 50% 50\/100 MB · 200,000 rows\/s$/);
    report({ path: 'contacts.csv', bytes: 0, totalBytes: 0, rows: 800_000, done: true });
    expect(writes.at(-1)).toBe('\r\u001b[2K');
  });

  it('redraws at most ten times a second', () => {
    const { stream, writes } = fakeStream(true);
    let clock = 1000;
    const report = progressBar(stream, () => clock)!;
    for (let i = 0; i < 50; i++) {
      clock += 10;
      report({ path: 'a.csv', bytes: i, totalBytes: 100, rows: i, done: false });
    }
    expect(writes.length).toBeLessThanOrEqual(6);
  });
});

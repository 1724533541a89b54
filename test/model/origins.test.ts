import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowOrigins } from '../../src/model/origins.js';

/** Rows as files give them: mostly the next line of the same input, now and then a jump (a rejected row, a record over several lines) or another input. */
const rowsArbitrary = fc.array(
  fc.oneof({ weight: 20, arbitrary: fc.constant('next' as const) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 5 }) }, { weight: 1, arbitrary: fc.constant('input' as const) }),
  { maxLength: 300 },
);

/** Each row's [input, line], as the moves give them. */
function expand(moves: readonly ('next' | 'input' | number)[]): [number, number][] {
  const rows: [number, number][] = [];
  let input = 0;
  let line = 1;
  for (const move of moves) {
    if (move === 'input') {
      input = (input + 1) % 3;
      line = 2;
    } else line += move === 'next' ? 1 : move;
    rows.push([input, line]);
  }
  return rows;
}

function originsOf(rows: readonly [number, number][]): RowOrigins {
  const origins = new RowOrigins();
  for (const [input, line] of rows) origins.add(input, line);
  return origins;
}

function expectRows(origins: RowOrigins, rows: readonly [number, number][], order: readonly number[] = rows.map((_, i) => i)): void {
  expect(origins.length).toBe(rows.length);
  for (const row of order) expect([origins.inputAt(row), origins.lineAt(row)], `row ${row}`).toEqual(rows[row]);
}

describe('RowOrigins', () => {
  it('gives back the input and line of every row, asked in order or not', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.array(fc.nat(), { maxLength: 50 }), (moves, picks) => {
        const rows = expand(moves);
        const origins = originsOf(rows);
        expectRows(origins, rows);
        expectRows(origins, rows, rows.length === 0 ? [] : picks.map((p) => p % rows.length));
      }),
    );
  });

  it('holds a file of one-line records as one run per stretch between jumps', () => {
    const origins = originsOf(Array.from({ length: 1000 }, (_, i) => [0, i + 2 + (i >= 500 ? 3 : 0)] as [number, number]));
    expect(origins.runCount).toBe(2);
    expect(origins.lineAt(499)).toBe(501);
    expect(origins.lineAt(500)).toBe(505);
  });

  it('appends rows of another, a stretch or picked, with their lines moved', () => {
    fc.assert(
      fc.property(rowsArbitrary, rowsArbitrary, fc.nat(), fc.nat(), fc.nat({ max: 1000 }), fc.boolean(), (before, moves, a, b, offset, picked) => {
        const head = expand(before);
        const rows = expand(moves);
        const origins = originsOf(head);
        const other = originsOf(rows);
        const first = rows.length === 0 ? 0 : a % rows.length;
        const count = rows.length === 0 ? 0 : b % (rows.length - first + 1);
        const pick = Int32Array.from({ length: count }, (_, i) => first + i).filter((_, i) => i % 2 === 0);
        if (picked) origins.append(other, 0, pick.length, pick, offset);
        else origins.append(other, first, count, undefined, offset);
        const taken = picked ? Array.from(pick) : Array.from({ length: count }, (_, i) => first + i);
        expectRows(origins, [...head, ...taken.map((r) => [rows[r][0], rows[r][1] + offset] as [number, number])]);
      }),
    );
  });

  it('crosses threads in batches of new runs, and whole by state', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.array(fc.nat({ max: 40 }), { maxLength: 20 }), (moves, batches) => {
        const rows = expand(moves);
        const sender = new RowOrigins();
        const receiver = new RowOrigins();
        let sent = 0;
        let at = 0;
        for (const size of [...batches, rows.length]) {
          for (const [input, line] of rows.slice(at, at + size)) sender.add(input, line);
          at = Math.min(rows.length, at + size);
          receiver.extend(sender.runsFrom(sent));
          sent = sender.runCount;
          expectRows(receiver, rows.slice(0, at));
        }
        expectRows(RowOrigins.restore(structuredClone(sender.state())), rows);
      }),
    );
  });
});

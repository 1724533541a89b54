import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitsAt, flagAt, isoInstantAt, isoSecondsAt } from '../../src/ingest/cells.js';
import { CsvTokenizer } from '../../src/ingest/csv.js';
import { InputLog } from '../../src/ingest/log.js';
import { RowMapper, parseFlag } from '../../src/ingest/map.js';
import { quantile, summarizeSample } from '../../src/metrics/stats.js';
import { CONTACT_FIELDS, type KindSpec } from '../../src/model/fields.js';
import { TextDictionary } from '../../src/model/dictionary.js';
import { TableBuilder } from '../../src/model/table.js';
import type { TimeColumn } from '../../src/model/table.js';
import { columnValues } from '../helpers/columns.js';
import { createTimestampParser } from '../../src/time/timestamp.js';

/**
 * The fast paths taken for speed (docs/performance.md) must give what the general code gives:
 * cells read in place vs. cut out and parsed, field ranges vs. field strings, the dictionary vs.
 * a Map, selection vs. sorting.
 */

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** ISO instants, mostly well-formed, some with a character changed. */
const isoText = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.option(digits(1).chain((d) => fc.constantFrom(d, `${d}23`, `${d}2345`)), { nil: undefined }),
    fc.constantFrom('Z', 'z', '+01:00', '-05:30', '+00:00', '+24:00', '+01:60', '+0100', '', ' UTC'),
    fc.constantFrom('T', 't', ' '),
    fc.option(fc.tuple(fc.nat(30), fc.constantFrom('x', ':', '-', '.', ',', ' ', '9')), { nil: undefined }),
  )
  .map(([y, mo, d, h, mi, s, fraction, zone, sep, change]) => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    let text = `${p(y, 4)}-${p(mo)}-${p(d)}${sep}${p(h)}:${p(mi)}:${p(s)}${fraction ? `.${fraction}` : ''}${zone}`;
    if (change) text = text.slice(0, change[0]) + change[1] + text.slice(change[0] + 1);
    return text;
  });

describe('cells read in place', () => {
  it('ISO instants: the value of the general parser, in any zone, or "not this shape"', () => {
    const parsers = ['UTC', 'Europe/Berlin', 'America/New_York'].map((zone) => createTimestampParser({ zone }));
    fc.assert(
      fc.property(isoText, fc.string({ maxLength: 3 }), (text, pad) => {
        const line = `${pad},${text},`;
        const fast = isoInstantAt(line, pad.length + 1, pad.length + 1 + text.length);
        // The whole-seconds path agrees with it wherever it gives a value, and gives one for
        // every instant without a fraction.
        const seconds = isoSecondsAt(line, pad.length + 1, pad.length + 1 + text.length);
        if (!Number.isNaN(seconds)) expect(seconds * 1000).toBe(fast);
        else if (!Number.isNaN(fast)) expect(text).toMatch(/T\d\d:\d\d:\d\d[.,]/);
        if (Number.isNaN(fast)) return;
        for (const parse of parsers) expect(fast).toBe(parse(text));
      }),
      { numRuns: 5000 },
    );
    expect(isoInstantAt('2024-02-29T23:59:59.9999Z', 0, 25)).toBe(Date.parse('2024-02-29T23:59:59.999Z'));
    expect(isoInstantAt('2024-03-31T02:30:00+02:00', 0, 25)).toBe(Date.parse('2024-03-31T00:30:00Z'));
    expect(isoInstantAt('2023-02-29T00:00:00Z', 0, 20)).toBeNaN();
    expect(isoSecondsAt('2024-03-31T02:30:00+02:00', 0, 25)).toBe(Date.parse('2024-03-31T00:30:00Z') / 1000);
    expect(isoSecondsAt('2024-03-31T02:30:00.5Z', 0, 22)).toBeNaN();
  });

  it('counts: plain digits only', () => {
    fc.assert(
      fc.property(fc.oneof(digits(1), digits(5), digits(15), fc.string({ maxLength: 6 })), (text) => {
        const fast = digitsAt(`;${text};`, 1, 1 + text.length);
        if (fast >= 0) expect(fast).toBe(Number(text));
        else expect(/^[0-9]{1,15}$/.test(text)).toBe(false);
      }),
    );
  });

  it('flags: the boolean words in any case, nothing else', () => {
    const words: Record<string, number> = { true: 1, yes: 1, '1': 1, y: 1, t: 1, false: 0, no: 0, '0': 0, n: 0, f: 0 };
    const casings = fc.constantFrom(...Object.keys(words), 'TRUE', 'No', 'yEs', 'F', 'tru', 'yess', 'ok', '', ' y', 'İ', 'K');
    fc.assert(
      fc.property(fc.oneof(casings, fc.string({ maxLength: 5 })), (text) => {
        const expected = words[text.toLowerCase()];
        expect(flagAt(`,${text},`, 1, 1 + text.length)).toBe(expected ?? -1);
        expect(parseFlag(text)).toBe(expected as 0 | 1 | undefined);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('TextDictionary', () => {
  it('numbers values in order of first appearance, like a Map, looked up in place', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('a', 'b', 'é', '\ud800', 'x'.repeat(30))), { maxLength: 300 }), (texts) => {
        const dictionary = new TextDictionary();
        const map = new Map<string, number>();
        for (const text of texts) {
          const line = `<<${text}>>`;
          if (!map.has(text)) {
            expect(dictionary.find(line, 2, 2 + text.length)).toBe(-1);
            map.set(text, map.size);
          }
          expect(dictionary.code(line, 2, 2 + text.length)).toBe(map.get(text));
        }
        expect(dictionary.size).toBe(map.size);
        expect(dictionary.values).toEqual([...map.keys()]);
      }),
    );
  });

  it('takes values from another dictionary\'s content, and makes strings as values are added', () => {
    const a = new TextDictionary();
    const b = new TextDictionary();
    for (const text of ['x', 'Ștefan', '', 'long value of more than thirteen']) a.code(text);
    b.code('Ștefan');
    expect(b.values).toEqual(['Ștefan']);
    b.reserve(100);
    const content = a.contentFrom(0);
    expect([0, 1, 2, 3].map((code) => a.valueAt(code))).toEqual(['x', 'Ștefan', '', 'long value of more than thirteen']);
    expect([0, 1, 2, 3].map((code) => b.codeOf(content, code))).toEqual([1, 0, 2, 3]);
    expect(b.values).toEqual(['Ștefan', 'x', '', 'long value of more than thirteen']);
    const tail = a.contentFrom(2);
    expect(tail).toMatchObject({ first: 2, count: 2 });
    const c = new TextDictionary();
    expect([1, 0, 1].map((i) => c.codeOf(tail, i))).toEqual([0, 1, 0]);
    expect(c.values).toEqual(['long value of more than thirteen', '']);
  });
});

describe('CSV records as field ranges', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'a', ' b ', 'x,y', 'say "hi"', 'two\nlines', 'cr\rhere', 'é'),
    fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', ' ', 'é'), maxLength: 8 }),
  );
  const csv = fc
    .tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([rows, newline]) =>
      rows.map((row) => row.map((c) => (/[",\n\r]/.test(c) && c.length % 2 === 0 ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(newline),
    );

  function tokenize(text: string, chunks: number[], ranges: boolean) {
    const events: unknown[] = [];
    const sink = {
      record: (fields: string[], line: number) => events.push([fields, line]),
      malformed: (line: number, reason: string) => events.push([line, reason]),
      ...(ranges
        ? {
            recordRange: (buf: string, starts: Int32Array, count: number, line: number) => {
              const fields: string[] = [];
              for (let j = 0; j < count; j++) fields.push(buf.slice(starts[j], starts[j + 1] - 1));
              events.push([fields, line]);
            },
          }
        : {}),
    };
    const tokenizer = new CsvTokenizer(sink, { delimiter: ',' });
    let at = 0;
    for (const size of chunks) {
      tokenizer.push(text.slice(at, at + size));
      at += size;
    }
    tokenizer.push(text.slice(at));
    tokenizer.end();
    return events;
  }

  it('give the same fields and lines as field strings, however the text is chunked', () => {
    fc.assert(
      fc.property(csv, fc.array(fc.nat(20), { maxLength: 6 }), (text, chunks) => {
        expect(tokenize(text, chunks, true)).toEqual(tokenize(text, [], false));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('RowMapper.rowRange', () => {
  const header = ['id', 'channel', 'created_at', 'resolved_at', 'missed', 'agent_replies', 'agent', 'first_response_seconds'];
  const cells = [
    fc.constantFrom('T1', 'T2', ' T3', 'T1 ', '', '\u00a0T4', 'T5\u2003'),
    fc.constantFrom('email', 'Email', ' chat', 'PHONE ', '', 'É'),
    fc.constantFrom('2024-03-01T00:00:00Z', '2024-03-01T01:00:00+01:00', '2024-03-01 10:00', '2024-02-30T00:00:00Z', '', 'soon', ' 2024-03-01T00:00:00Z'),
    fc.constantFrom('2024-03-02T00:00:00.5Z', '2024-02-01T00:00:00Z', '', 'x'),
    fc.constantFrom('true', 'NO', 'y', '', 'maybe', ' 1'),
    fc.constantFrom('0', '12', '007', '1e3', '-1', ' 4', '2.5', 'x', ''),
    fc.constantFrom('Ana', 'Bo Müller', ' Cy', '', 'Ana'),
    fc.constantFrom('60', '-60', '', '1.5', 'abc'),
  ];
  const rows = fc.array(fc.tuple(...cells), { maxLength: 30 });

  function mapAll(lines: string[][], ranges: boolean) {
    const table = new TableBuilder(CONTACT_FIELDS as KindSpec, 4);
    const log = new InputLog();
    const mapper = new RowMapper(
      { kind: 'contacts', table, input: 0, parseTime: createTimestampParser({ zone: 'Europe/Berlin' }), log, inputPaths: ['x.csv'] },
      header,
    );
    const starts = new Int32Array(header.length + 1);
    lines.forEach((fields, i) => {
      if (!ranges) return mapper.row(fields, i + 2);
      const text = `junk\n${fields.join(',')}\n`;
      let at = 5;
      fields.forEach((field, j) => {
        starts[j] = at;
        at += field.length + 1;
      });
      starts[fields.length] = at;
      mapper.rowRange(text, starts, fields.length, i + 2);
    });
    return { table: table.build(), log };
  }

  it('maps cells read in place exactly as cut-out cells: values, rejects, warnings', () => {
    fc.assert(
      fc.property(rows, (lines) => {
        const slow = mapAll(lines, false);
        const fast = mapAll(lines, true);
        expect(fast.log).toEqual(slow.log);
        expect(fast.table.length).toBe(slow.table.length);
        for (const group of ['time', 'number', 'flag'] as const) {
          for (const [name, column] of Object.entries(slow.table[group] as Record<string, ArrayLike<number> | TimeColumn>)) {
            expect(columnValues((fast.table[group] as Record<string, ArrayLike<number> | TimeColumn>)[name]), name).toEqual(columnValues(column));
          }
        }
        type Text = { values: string[]; codes: ArrayLike<number> };
        for (const [name, column] of Object.entries(slow.table.text as Record<string, Text>)) {
          const other = (fast.table.text as Record<string, Text>)[name];
          expect(other.values, name).toEqual(column.values);
          expect(Array.from(other.codes), name).toEqual(Array.from(column.codes));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('summarizeSample by selection', () => {
  it('gives the quantiles, minimum and maximum of the sorted values', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let run = 0; run < 200; run++) {
      const n = 1 + Math.floor(random() * 5000);
      const shape = run % 4;
      const values = Array.from({ length: n }, (_, i) =>
        shape === 0 ? Math.floor(random() * 5) : shape === 1 ? random() * 1e6 - 5e5 : shape === 2 ? i : n - i,
      );
      const sorted = Float64Array.from(values).sort();
      const summary = summarizeSample(values, 'x');
      expect([summary.median, summary.p90, summary.min, summary.max]).toEqual([
        quantile(sorted, 0.5),
        quantile(sorted, 0.9),
        sorted[0],
        sorted[n - 1],
      ]);
    }
  });

  it('orders -0 before 0 as a sort does', () => {
    const summary = summarizeSample([0, -0, 0], 'x');
    expect(Object.is(summary.min, -0)).toBe(true);
    expect(Object.is(summary.max, 0)).toBe(true);
  });
});

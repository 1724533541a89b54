import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { JsonRecordSplitter } from '../../src/ingest/json.js';

type Event = ['object', Record<string, unknown>, number] | ['malformed', number, string];

interface Result {
  events: Event[];
  objects: Array<Record<string, unknown>>;
  lines: number[];
  malformed: Array<[number, string]>;
  format: 'array' | 'ndjson' | undefined;
}

function splitChunks(chunks: string[], options?: { maxRecordLength?: number }): Result {
  const events: Event[] = [];
  const splitter = new JsonRecordSplitter(
    {
      object: (value, line) => events.push(['object', value, line]),
      malformed: (line, reason) => events.push(['malformed', line, reason]),
    },
    options,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  const objects: Array<Record<string, unknown>> = [];
  const lines: number[] = [];
  const malformed: Array<[number, string]> = [];
  for (const event of events) {
    if (event[0] === 'object') {
      objects.push(event[1]);
      lines.push(event[2]);
    } else {
      malformed.push([event[1], event[2]]);
    }
  }
  return { events, objects, lines, malformed, format: splitter.format };
}

function split(text: string, options?: { maxRecordLength?: number }): Result {
  return splitChunks([text], options);
}

function cut(text: string, positions: number[]): string[] {
  const points = [...new Set(positions.map((p) => Math.min(Math.max(p, 0), text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const tricky = [
  { id: 'a', note: 'brackets ] [ } { and a comma, here' },
  { id: 'b', note: 'escaped \\" quote and backslash \\\\', nested: { list: [1, [2, { x: ']' }]], empty: {} } },
  { id: 'c', note: 'unicode \u00e9 \ud83d\ude00 and \\u0041', tags: ['x', 'y'] },
];

describe('JsonRecordSplitter format', () => {
  it('is undefined until the first non-whitespace character', () => {
    const splitter = new JsonRecordSplitter({ object() {}, malformed() {} });
    splitter.push('  \n\t');
    expect(splitter.format).toBeUndefined();
    splitter.push(' [');
    expect(splitter.format).toBe('array');
    const other = new JsonRecordSplitter({ object() {}, malformed() {} });
    other.push('\n{');
    expect(other.format).toBe('ndjson');
  });

  it('reports nothing for empty or blank input', () => {
    expect(split('').events).toEqual([]);
    expect(split(' \n \n').events).toEqual([]);
    expect(split(' \n \n').format).toBeUndefined();
  });
});

describe('JsonRecordSplitter arrays', () => {
  it('streams the objects of an array with the line each starts on', () => {
    const text = '[\n  {"id": 1},\n  {"id": 2,\n   "x": [1, 2]},\n\n  {"id": 3}\n]\n';
    const result = split(text);
    expect(result.format).toBe('array');
    expect(result.objects).toEqual([{ id: 1 }, { id: 2, x: [1, 2] }, { id: 3 }]);
    expect(result.lines).toEqual([2, 3, 6]);
    expect(result.malformed).toEqual([]);
  });

  it('reads an empty array, and the pretty-printed output of JSON.stringify', () => {
    expect(split('[]').events).toEqual([]);
    expect(split(' [ \n ] ').events).toEqual([]);
    expect(split(JSON.stringify(tricky, null, 2)).objects).toEqual(tricky);
    expect(split(JSON.stringify(tricky)).objects).toEqual(tricky);
  });

  it('finds element boundaries around strings holding brackets, braces and escaped quotes', () => {
    const text = JSON.stringify(tricky, null, 1);
    const whole = split(text);
    expect(whole.objects).toEqual(tricky);
    for (let i = 0; i <= text.length; i++) {
      expect(splitChunks(cut(text, [i])).events).toEqual(whole.events);
    }
    expect(splitChunks([...text]).events).toEqual(whole.events);
  });

  it('reports an element that does not parse and goes on', () => {
    const result = split('[\n{"id": 1},\n{"id": 2,,},\n{"id": 3}\n]');
    expect(result.objects).toEqual([{ id: 1 }, { id: 3 }]);
    expect(result.lines).toEqual([2, 4]);
    expect(result.malformed).toHaveLength(1);
    expect(result.malformed[0][0]).toBe(3);
    expect(result.malformed[0][1]).toMatch(/^invalid JSON/);
  });

  it('reports elements that are not plain objects', () => {
    const result = split('[{"a":1}, 2, "s", null, [1], true, {"b":2}]');
    expect(result.objects).toEqual([{ a: 1 }, { b: 2 }]);
    expect(result.malformed.map(([, reason]) => reason)).toEqual([
      'not a JSON object (got a number)',
      'not a JSON object (got a string)',
      'not a JSON object (got null)',
      'not a JSON object (got an array)',
      'not a JSON object (got a boolean)',
    ]);
  });

  it('reports a truncated array: inside an element, and after a complete one', () => {
    const inside = split('[\n{"id": 1},\n{"id": 2, "x": "ab');
    expect(inside.objects).toEqual([{ id: 1 }]);
    expect(inside.malformed).toEqual([[3, 'truncated array: element not finished at end of input']]);
    const after = split('[\n{"id": 1},\n');
    expect(after.objects).toEqual([{ id: 1 }]);
    expect(after.malformed).toEqual([[3, 'truncated array: no closing ] at end of input']]);
    expect(split('[').malformed).toHaveLength(1);
  });

  it('reports empty elements and text after the array', () => {
    expect(split('[{"a":1},]').malformed).toEqual([[1, 'empty element before ] (trailing comma)']]);
    expect(split('[{"a":1},,{"b":2}]').objects).toEqual([{ a: 1 }, { b: 2 }]);
    const trailing = split('[{"a":1}]\n[{"b":2}]\n');
    expect(trailing.objects).toEqual([{ a: 1 }]);
    expect(trailing.malformed).toEqual([[2, 'unexpected text after the end of the array, ignored']]);
  });

  it('skips an over-long element without holding it, and reads on', () => {
    const big = JSON.stringify({ note: 'x'.repeat(200) });
    const text = `[\n{"id":1},\n${big},\n{"id":2}\n]`;
    const result = splitChunks(cut(text, [20, 40, 60, 80, 100, 120, 140]), { maxRecordLength: 50 });
    expect(result.objects).toEqual([{ id: 1 }, { id: 2 }]);
    expect(result.malformed).toEqual([[3, 'record longer than 50 characters, skipped']]);
    expect(result.lines).toEqual([2, 4]);
  });
});

describe('JsonRecordSplitter NDJSON', () => {
  it('reads one object per line, skipping blank lines, with line numbers', () => {
    const text = '{"id":1}\n\n  \r\n{"id":2,"s":"a\\nb"}\r\n{"id":3}';
    const result = split(text);
    expect(result.format).toBe('ndjson');
    expect(result.objects).toEqual([{ id: 1 }, { id: 2, s: 'a\nb' }, { id: 3 }]);
    expect(result.lines).toEqual([1, 4, 5]);
  });

  it('counts blank lines before the first record', () => {
    expect(split('\n\n{"id":1}\n').lines).toEqual([3]);
  });

  it('reports a bad line and a non-object line and goes on', () => {
    const result = split('{"id":1}\n{"id":\n[1,2]\n{"id":4}\n');
    expect(result.objects).toEqual([{ id: 1 }, { id: 4 }]);
    expect(result.lines).toEqual([1, 4]);
    expect(result.malformed.map(([line]) => line)).toEqual([2, 3]);
    expect(result.malformed[0][1]).toMatch(/^invalid JSON/);
    expect(result.malformed[1][1]).toBe('not a JSON object (got an array)');
  });

  it('gives the same result for every cut position', () => {
    const text = tricky.map((value) => JSON.stringify(value)).join('\n') + '\n\n{"id":"d"}';
    const whole = split(text);
    expect(whole.objects).toEqual([...tricky, { id: 'd' }]);
    for (let i = 0; i <= text.length; i++) {
      expect(splitChunks(cut(text, [i])).events).toEqual(whole.events);
    }
  });

  it('skips an over-long line and reads on', () => {
    const text = `{"id":1}\n{"note":"${'y'.repeat(100)}"}\n{"id":2}\n`;
    const result = splitChunks(cut(text, [12, 30, 50, 70]), { maxRecordLength: 40 });
    expect(result.objects).toEqual([{ id: 1 }, { id: 2 }]);
    expect(result.malformed).toEqual([[2, 'record longer than 40 characters, skipped']]);
    expect(result.lines).toEqual([1, 3]);
  });
});

describe('JsonRecordSplitter chunking (property)', () => {
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '[', ']', '{', '}', ',', ':', '\n', 'é', '😀') }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    ),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 3 })),
  })).node;
  const record = fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 4 });

  it('splits arrays and NDJSON the same way however they are chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: value }), { maxLength: 6 }),
        fc.array(fc.nat({ max: 400 }), { maxLength: 10 }),
        fc.boolean(),
        fc.constantFrom(undefined, 2),
        (values, positions, asArray, indent) => {
          // NDJSON that opens with an array is read as a JSON array: the first character decides.
          fc.pre(asArray || !Array.isArray(values[0]));
          const text = asArray
            ? JSON.stringify(values, null, indent)
            : values.map((v) => JSON.stringify(v)).join('\n');
          const whole = split(text);
          expect(splitChunks(cut(text, positions)).events).toEqual(whole.events);
          const expected = values.filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
          expect(whole.objects).toEqual(expected);
          expect(whole.objects.length + whole.malformed.length).toBe(values.length);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

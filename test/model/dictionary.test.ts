import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DictionaryContent } from '../../src/model/dictionary.js';
import { TextDictionary } from '../../src/model/dictionary.js';

/**
 * Any UTF-16 code unit, mostly Latin-1 so that runs stay narrow for a while: strings of these
 * include non-Latin-1 characters, lone surrogates and, by chance, surrogate pairs.
 */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x100, max: 0xffff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }) },
).map((code) => String.fromCharCode(code));
const text = fc.oneof(
  fc.string({ unit, maxLength: 12 }),
  fc.constantFrom('', 'a', 'ÿ', 'Ā', '\ud800', '\udc00', '😀', 'Ștefan', 'T0000001'),
);
const latin1Text = fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 12 });

/**
 * Numbered ids, as helpdesks number tickets: mostly one prefix, then 1 to 10 digits (up to 8 are
 * held as numbers), leading zeros and all; now and then another prefix or a value with none.
 */
const digitString = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
const digits = fc.oneof({ weight: 40, arbitrary: digitString(1, 8) }, { weight: 1, arbitrary: digitString(9, 10) });
const numberedId = (prefix: string) =>
  fc.oneof(
    { weight: 30, arbitrary: digits.map((d) => prefix + d) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', 'T', 'INC-', 'Ω', `${prefix}x`), digits).map(([p, d]) => p + d) },
    { weight: 1, arbitrary: text },
  );

/**
 * The bits of a slot for code + 1 at first: the default (24, leaving 8 for the hash's tag); few,
 * so that the codes outgrow them after a few values and the table moves to wider ones (fewer tag
 * bits), several times over; or most, leaving a tag of 1 to 4 bits that many values share.
 */
const codeBits = fc.oneof(fc.constant(24), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 28, max: 31 }));

/** One call on a dictionary, with the text to look up placed inside a larger string. */
type Step =
  | { op: 'code' | 'find' | 'append'; text: string; before: string; after: string }
  | { op: 'reserve'; count: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constantFrom('code', 'find', 'append'), text, before: text, after: text }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reserve'), count: fc.nat({ max: 2000 }) }) },
) as fc.Arbitrary<Step>;

/**
 * What a dictionary should hold: every value by code, and the codes `code`, `find` and `codeOf`
 * see (appended values are not indexed, so a later `code` of the same text adds it again).
 */
class Model {
  readonly values: string[] = [];
  readonly indexed = new Map<string, number>();

  code(text: string): number {
    let code = this.indexed.get(text);
    if (code === undefined) {
      code = this.values.push(text) - 1;
      this.indexed.set(text, code);
    }
    return code;
  }

  append(text: string): number {
    return this.values.push(text) - 1;
  }
}

/** Runs `steps` on both, checking every answer. */
function run(dictionary: TextDictionary, model: Model, steps: readonly Step[]): void {
  for (const s of steps) {
    if (s.op === 'reserve') {
      dictionary.reserve(s.count);
      continue;
    }
    const line = s.before + s.text + s.after;
    const start = s.before.length;
    const end = start + s.text.length;
    if (s.op === 'find') expect(dictionary.find(line, start, end)).toBe(model.indexed.get(s.text) ?? -1);
    else if (s.op === 'code') expect(dictionary.code(line, start, end)).toBe(model.code(s.text));
    else expect(dictionary.append(line, start, end)).toBe(model.append(s.text));
  }
  expect(dictionary.size).toBe(model.values.length);
}

/** Whether `text` has a code unit past Latin-1. */
const isWide = (text: string) => /[^\u0000-\u00ff]/.test(text);

/** Bytes (1) or two-byte units (2) per code unit, as a dictionary holds its values; numbered ids are written out as their prefix is. */
function unitWidth(content: DictionaryContent): number {
  if ('ids' in content) return isWide(content.prefix) ? 2 : 1;
  return content.chars instanceof Uint16Array ? 2 : 1;
}

/** Checks every value back, as `valueAt`, `values` and lookups of whole strings, and their width. */
function expectHolds(dictionary: TextDictionary, model: Model): void {
  expect(unitWidth(dictionary.contentFrom(0))).toBe(model.values.some(isWide) ? 2 : 1);
  expect(model.values.map((_, code) => dictionary.valueAt(code))).toEqual(model.values);
  expect(dictionary.values).toEqual(model.values);
  for (const [value, code] of model.indexed) expect(dictionary.find(value)).toBe(code);
}

/** The content's values as strings, by index. */
function contentValues(content: DictionaryContent): string[] {
  const values: string[] = [];
  for (let i = 0; i < content.count; i++) {
    if ('ids' in content) {
      const id = content.ids[i];
      values.push(content.prefix + String(id >>> 3).padStart((id & 7) + 1, '0'));
      continue;
    }
    const start = i === 0 ? 0 : content.ends[i - 1];
    values.push(String.fromCharCode(...content.chars.subarray(start, content.ends[i])));
  }
  return values;
}

describe('TextDictionary', () => {
  it('answers code, find and append like a Map, looked up by ranges of larger strings', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), codeBits, fc.boolean(), (steps, bits, withAppend) => {
        // Without appends every value is indexed, and rehashing takes them in code order.
        const dictionary = new TextDictionary(bits);
        const model = new Model();
        run(dictionary, model, withAppend ? steps : steps.filter((s) => s.op !== 'append'));
        expectHolds(dictionary, model);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps values and codes when its units widen in the middle of a run', () => {
    fc.assert(
      fc.property(
        fc.array(latin1Text, { minLength: 1, maxLength: 200 }),
        fc.string({ unit, minLength: 1, maxLength: 6 }).map((text) => `${text}Ā${text}`),
        fc.array(text, { maxLength: 200 }),
        fc.boolean(),
        codeBits,
        (narrow, wide, later, appendWide, bits) => {
          const dictionary = new TextDictionary(bits);
          const model = new Model();
          for (const value of narrow) expect(dictionary.code(`[${value}]`, 1, value.length + 1)).toBe(model.code(value));
          // Strings made before widening stay, and the array goes on from them.
          const made = dictionary.values;
          expect(made).toEqual(model.values);
          expect(unitWidth(dictionary.contentFrom(0))).toBe(1);
          if (appendWide) expect(dictionary.append(wide, 0, wide.length)).toBe(model.append(wide));
          else expect(dictionary.code(wide)).toBe(model.code(wide));
          expect(unitWidth(dictionary.contentFrom(0))).toBe(2);
          for (const value of [...narrow, ...later]) expect(dictionary.code(value)).toBe(model.code(value));
          expect(dictionary.values).toBe(made);
          expectHolds(dictionary, model);
        },
      ),
    );
  });

  it('takes values from content of another dictionary, narrow or wide, as if given the strings', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 150 }),
        fc.array(step, { maxLength: 150 }),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 300 }),
        fc.boolean(),
        fc.boolean(),
        codeBits,
        (sourceSteps, targetSteps, firstSeed, picks, wideSource, wideTarget, bits) => {
          const source = new TextDictionary();
          const sourceModel = new Model();
          if (wideSource) expect(source.append('Ā', 0, 1)).toBe(sourceModel.append('Ā'));
          run(source, sourceModel, sourceSteps);
          const target = new TextDictionary(bits);
          const targetModel = new Model();
          if (wideTarget) expect(target.code('ĀĀ')).toBe(targetModel.code('ĀĀ'));
          run(target, targetModel, targetSteps);

          const first = firstSeed % (source.size + 1);
          const content = source.contentFrom(first);
          const sent = sourceModel.values.slice(first);
          expect(content).toMatchObject({ first, count: sent.length });
          expect(contentValues(content)).toEqual(sent);
          expect(unitWidth(content)).toBe(sourceModel.values.some(isWide) ? 2 : 1);

          // Every value once in order, then some again in any order.
          const order = [...sent.keys(), ...(sent.length === 0 ? [] : picks.map((pick) => pick % sent.length))];
          for (const i of order) expect(target.codeOf(content, i)).toBe(targetModel.code(sent[i]));
          expectHolds(target, targetModel);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds and adds values as before once its hash table is released', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 200 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }), (values, more) => {
        const dictionary = new TextDictionary();
        const expected = new Map<string, number>();
        for (const value of values) expected.set(value, dictionary.code(value));
        dictionary.release();
        for (const value of values) expect(dictionary.find(value)).toBe(expected.get(value));
        dictionary.release();
        for (const value of more) {
          if (!expected.has(value)) expected.set(value, expected.size);
          expect(dictionary.code(value)).toBe(expected.get(value));
        }
        expect(dictionary.values).toEqual([...expected.keys()]);
      }),
    );
  });

  it('holds numbered ids as numbers while they fit, then as code units, answering like a Map', () => {
    const numberedSteps = fc.constantFrom('T', '', 'INC-', 'Ω', '0').chain((prefix) =>
      fc.array(fc.record({ op: fc.constantFrom('code', 'find', 'append'), text: numberedId(prefix), before: fc.constant('"'), after: fc.constant(',') }), { maxLength: 300, size: 'large' }),
    ) as fc.Arbitrary<Step[]>;
    fc.assert(
      fc.property(numberedSteps, codeBits, fc.boolean(), (steps, bits, withAppend) => {
        const dictionary = new TextDictionary(bits);
        const model = new Model();
        run(dictionary, model, withAppend ? steps : steps.filter((s) => s.op !== 'append'));
        expectHolds(dictionary, model);
        // Released and found again, then sent to another dictionary and taken back.
        dictionary.release();
        for (const [value, code] of model.indexed) expect(dictionary.find(value)).toBe(code);
        const content = dictionary.contentFrom(0);
        expect(contentValues(content)).toEqual(model.values);
        const other = new TextDictionary();
        const otherModel = new Model();
        for (let i = 0; i < content.count; i++) expect(other.codeOf(content, i)).toBe(otherModel.code(model.values[i]));
        expectHolds(other, otherModel);
      }),
      { numRuns: 300 },
    );
  });

  it('holds numbered ids that count up without a hash table, and answers like a Map after one comes out of order', () => {
    // Ids that mostly count up from a start, by steps of 1 to 3, with now and then one repeated
    // (the last or an earlier one), one lower, or another value altogether.
    const counting = fc.record({
      prefix: fc.constantFrom('T', '', 'INC', 'A1'),
      start: fc.nat({ max: 99_999_000 }),
      moves: fc.array(
        fc.oneof(
          { weight: 40, arbitrary: fc.integer({ min: 1, max: 3 }) },
          { weight: 1, arbitrary: fc.integer({ min: -50, max: 0 }) },
          { weight: 1, arbitrary: fc.constant('other' as const) },
        ),
        { maxLength: 300 },
      ),
      ops: fc.array(fc.constantFrom('code', 'code', 'code', 'find', 'append'), { minLength: 300, maxLength: 300 }),
    });
    fc.assert(
      fc.property(counting, codeBits, fc.boolean(), ({ prefix, start, moves, ops }, bits, withAppend) => {
        let n = start;
        const steps: Step[] = moves.map((move, i) => {
          if (move !== 'other') n = Math.max(0, n + move);
          const text = move === 'other' ? `x${i}` : prefix + String(n).padStart(8, '0');
          const op = ops[i] === 'append' && !withAppend ? 'code' : ops[i];
          return { op, text, before: '', after: '' } as Step;
        });
        const dictionary = new TextDictionary(bits);
        const model = new Model();
        run(dictionary, model, steps);
        expectHolds(dictionary, model);
        // Taken over by another dictionary, as a worker's table is, then looked up and added to there.
        const copy = new TextDictionary(bits);
        if (!withAppend) {
          copy.restore(dictionary.state());
          const next = prefix + String(n + 1).padStart(8, '0');
          expect(copy.code(next)).toBe(model.code(next));
          expectHolds(copy, model);
        }
        // Sent as content into a dictionary that already holds some values.
        const other = new TextDictionary();
        const otherModel = new Model();
        for (const value of model.values.slice(0, 5)) expect(other.code(value)).toBe(otherModel.code(value));
        const content = dictionary.contentFrom(0);
        for (let i = 0; i < content.count; i++) expect(other.codeOf(content, i)).toBe(otherModel.code(model.values[i]));
        expectHolds(other, otherModel);
      }),
      { numRuns: 300 },
    );
  });

  it('looks up ascending ids by search, and builds its table once searches stop paying', () => {
    const dictionary = new TextDictionary();
    const ids = Array.from({ length: 1000 }, (_, i) => `T${String(2 * i).padStart(7, '0')}`);
    ids.forEach((id, i) => expect(dictionary.code(id)).toBe(i));
    expect(dictionary.find('T0000001')).toBe(-1);
    expect(dictionary.find('T0000002')).toBe(1);
    expect(dictionary.find('X')).toBe(-1);
    expect(dictionary.state().ascending).toBe(true);
    // Repeats of earlier ids: searched while they are fewer than the values, then hashed.
    ids.forEach((id, i) => expect(dictionary.code(id)).toBe(i));
    expect(dictionary.state().ascending).toBe(true);
    for (let round = 0; round < 2; round++) ids.forEach((id, i) => expect(dictionary.code(id)).toBe(i));
    expect(dictionary.state().ascending).toBe(false);
    expect(dictionary.code('T0000001')).toBe(1000);
    expect(dictionary.find('T0000001')).toBe(1000);
    expect(dictionary.code('T0002000')).toBe(1001);
    expect(ids.map((id) => dictionary.find(id))).toEqual(ids.map((_, i) => i));
  });

  it('writes numbered ids back with their leading zeros and prefix, and moves to units at the first that does not fit', () => {
    const dictionary = new TextDictionary();
    const ids = ['T0000001', 'T42', 'T99999999', 'T00000000', 'T0000001'];
    expect(ids.map((id) => dictionary.code(id))).toEqual([0, 1, 2, 3, 0]);
    expect('ids' in dictionary.contentFrom(0)).toBe(true);
    expect(dictionary.code('T123456789')).toBe(4); // nine digits: written out as units from here on
    expect(dictionary.code('X1')).toBe(5);
    expect(dictionary.values).toEqual(['T0000001', 'T42', 'T99999999', 'T00000000', 'T123456789', 'X1']);
    expect(['T0000001', 'T00000001', 'T1', 'T42'].map((id) => dictionary.find(id))).toEqual([0, -1, -1, 1]);
  });

  it('keeps codes in order across many rehashes, and finds every value after', () => {
    const dictionary = new TextDictionary();
    const count = 50_000;
    const line = Array.from({ length: count }, (_, i) => `T${String(i).padStart(7, '0')}`).join(',');
    for (let i = 0; i < count; i++) expect(dictionary.code(line, 9 * i, 9 * i + 8)).toBe(i);
    dictionary.reserve(4 * count);
    for (let i = 0; i < count; i++) expect(dictionary.find(line, 9 * i, 9 * i + 8)).toBe(i);
    expect(dictionary.valueAt(count - 1)).toBe(`T${String(count - 1).padStart(7, '0')}`);
    expect(dictionary.code('Ω')).toBe(count);
    for (let i = 0; i < count; i += 997) expect(dictionary.find(line, 9 * i, 9 * i + 8)).toBe(i);
  });

  it('finds many values whose tags collide, across moves to wider codes, rehashes and reserves', () => {
    // 28 and 31 bits leave a tag of 4 bits or 1 that many values share; 1 and 4 move to wider
    // codes many times (by several bits at once after appends); 24 is the default.
    const count = 5000;
    const ids = Array.from({ length: count }, (_, i) => (i % 3 === 2 ? `Ω${i}` : `C${String(i).padStart(7, '0')}`));
    const line = ids.join(',');
    const starts: number[] = [];
    for (let i = 0, at = 0; i < count; at += ids[i].length + 1, i++) starts.push(at);
    const other = new TextDictionary();
    for (const id of ids) other.code(id);
    const content = other.contentFrom(0);
    for (const bits of [1, 4, 24, 28, 31]) {
      for (const way of ['code', 'codeOf', 'append first'] as const) {
        const dictionary = new TextDictionary(bits);
        if (way === 'append first') for (let i = 0; i < 10; i++) dictionary.append('x', 0, 1);
        const first = dictionary.size;
        const expected = ids.map((_, i) => first + i);
        const added: number[] = [];
        for (let i = 0; i < count; i++) {
          if (i === count / 2) dictionary.reserve(3 * count);
          const end = starts[i] + ids[i].length;
          added.push(way === 'codeOf' ? dictionary.codeOf(content, i) : dictionary.code(line, starts[i], end));
        }
        expect(added).toEqual(expected);
        expect(ids.map((id) => dictionary.find(id))).toEqual(expected);
        expect(ids.map((_, i) => dictionary.codeOf(content, i))).toEqual(expected);
        expect(dictionary.find('x')).toBe(-1);
        expect(dictionary.find('C9999999')).toBe(-1);
        expect(dictionary.values.slice(first)).toEqual(ids);
      }
    }
  });

  it('tells its holder before adding a code past its limit, from every way of adding', () => {
    class Limited extends TextDictionary {
      readonly told: number[] = [];
      constructor(limit: number) {
        super();
        this.codeLimit = limit;
      }
      protected override outgrew(code: number): void {
        expect(this.size).toBe(code); // before the code is added
        this.told.push(code);
        this.codeLimit = code;
      }
    }
    const other = new TextDictionary();
    for (const value of ['p', 'q']) other.code(value);
    const content = other.contentFrom(0);

    const dictionary = new Limited(1);
    dictionary.code('a');
    dictionary.code('b');
    dictionary.code('a');
    expect(dictionary.told).toEqual([]);
    dictionary.code('c');
    dictionary.append('d', 0, 1);
    dictionary.codeOf(content, 0);
    dictionary.codeOf(content, 0);
    expect(dictionary.told).toEqual([2, 3, 4]);
    expect(dictionary.values).toEqual(['a', 'b', 'c', 'd', 'p']);
  });
});

import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AsideOptions } from '../../src/ingest/aside.js';
import type { ParallelOptions } from '../../src/ingest/parallel.js';
import { readInputs } from '../../src/ingest/read.js';
import { expandSources } from '../../src/ingest/sources.js';
import { TextDictionary } from '../../src/model/dictionary.js';
import { SURVEY_FIELDS } from '../../src/model/fields.js';
import { TableBuilder } from '../../src/model/table.js';
import type { SurveyTable } from '../../src/model/table.js';
import { ROOT, cli, tempFiles } from '../helpers/cli.js';
import { expectSameData } from '../helpers/columns.js';

/**
 * Inputs read whole on another core (src/ingest/aside.ts) must give exactly what the reading
 * thread gives reading them itself: the same rows, codes, dictionaries, rejects and warnings.
 * Workers run the built code (dist/), so these tests need `npm run build` first.
 */

const DEMO = join(ROOT, 'fixtures/demo');
const NONE: AsideOptions = { minBytes: Number.POSITIVE_INFINITY };
const ALL: AsideOptions = { minBytes: 0, cores: 2 };

async function read(paths: string[], aside: AsideOptions, parallel?: ParallelOptions) {
  return readInputs(expandSources(paths), { zone: 'Europe/Berlin', aside, parallel });
}

/** Reads both ways, expects the same, and returns the paths of the inputs read aside. */
async function expectSameRead(paths: string[], parallel?: ParallelOptions): Promise<string[]> {
  const one = await read(paths, NONE);
  const aside = await read(paths, ALL, parallel);
  expectSameData(aside.data, one.data);
  expect(aside.data.eventRows).toEqual(one.data.eventRows);
  expect(aside.data.inputFields).toEqual(one.data.inputFields);
  const withoutRanges = (inputs: typeof one.inputs) => inputs.map(({ workerRanges, ...rest }) => rest);
  expect(withoutRanges(aside.inputs)).toEqual(withoutRanges(one.inputs));
  return aside.inputs.filter((input) => input.workerRanges === 1).map((input) => input.path);
}

const surveyRow = fc.record({
  id: fc.integer({ min: 1, max: 60 }),
  kind: fc.constantFrom('csat', 'nps', 'CES', 'poll', ''),
  score: fc.constantFrom('5', '1', '10', '4.5', 'x', '', '-2'),
  minute: fc.integer({ min: 0, max: 90 * 24 * 60 }),
  contact: fc.constantFrom('T1', 'T2', 'T17', '', '"T3"'),
  agent: fc.constantFrom('Ana', 'Bo Müller', '"Li, Na"', '', '"two\nlines"'),
  short: fc.boolean(),
});

type SurveyRow = typeof surveyRow extends fc.Arbitrary<infer T> ? T : never;

function surveysCsv(rows: SurveyRow[], newline: string): string {
  const lines = rows.map((r) => {
    const at = new Date(Date.UTC(2024, 1, 1) + r.minute * 60_000).toISOString().replace('.000Z', 'Z');
    const cells = [`S${r.id}`, r.kind, r.score, '5', at, r.contact, r.agent];
    return (r.short ? cells.slice(0, 4) : cells).join(',');
  });
  return ['id,kind,score,scale,responded_at,contact_id,agent', ...lines].join(newline) + newline;
}

function contactsCsv(count: number, from: number): string {
  const rows = Array.from({ length: count }, (_, i) => `T${from + i},${['email', 'Chat', 'phone'][i % 3]},2024-03-0${1 + (i % 9)}T10:00:00Z,C${i % 5}`);
  return ['id,channel,created_at,customer_id', ...rows].join('\n') + '\n';
}

describe('reading inputs aside', () => {
  it('reads the demo exports aside exactly as the reading thread does, as many as the largest file leaves room for', async () => {
    // contacts 1.29 MB; customers 0.58 MB go aside (x2.2, ASIDE_WEIGHT: 1.27 MB of the room),
    // events and surveys (0.40 and 0.18 MB more) would overfill it and are read by the reading thread
    const aside = await expectSameRead([DEMO]);
    expect(aside.map((path) => path.split('/').pop()).sort()).toEqual(['customers.csv']);
    // events read aside fold into the same contacts and replies
    const events = join(DEMO, 'events.csv');
    expect(await expectSameRead([join(DEMO, 'contacts.csv'), events])).toEqual([events]);
  });

  it('gives exactly the rows, codes, rejects and warnings of the reading thread for any surveys file', async () => {
    let asideCount = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(surveyRow, { minLength: 0, maxLength: 80 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('one', 'two contacts files', 'two surveys files', 'json contacts'),
        async (rows, newline, layout) => {
          const files: Record<string, string> = { 'contacts.csv': contactsCsv(300, 1), 'surveys.csv': surveysCsv(rows, newline) };
          if (layout === 'two contacts files') files['more-contacts.csv'] = contactsCsv(50, 1000);
          if (layout === 'two surveys files') files['more-surveys.csv'] = surveysCsv(rows.slice(0, 5), '\n');
          if (layout === 'json contacts') files['more.json'] = JSON.stringify([{ id: 'T9000', created_at: '2024-03-01T00:00:00Z' }]);
          const dir = tempFiles(files);
          const aside = await expectSameRead([dir]);
          // Only the one file of its kind, and only among native CSV files, is read aside.
          const expected = layout === 'one' || layout === 'two contacts files' ? [join(dir, 'surveys.csv')] : [];
          expect(aside).toEqual(expected);
          asideCount += aside.length;
        },
      ),
      { numRuns: 20 },
    );
    expect(asideCount).toBeGreaterThan(0);
  });

  it('keeps the largest input on the reading thread and reads the others aside in the inputs\' order', async () => {
    const dir = tempFiles({ 'a-surveys.csv': surveysCsv([], '\n'), 'b-contacts.csv': contactsCsv(500, 1), 'c-customers.csv': 'customer_id,started_at\nC1,2023-01-01\n' });
    const aside = await expectSameRead([join(dir, 'a-surveys.csv'), join(dir, 'b-contacts.csv'), join(dir, 'c-customers.csv')]);
    expect(aside).toEqual([join(dir, 'a-surveys.csv'), join(dir, 'c-customers.csv')]);
  });

  it('reads aside once the parse workers of the largest file are done with their ranges', async () => {
    const dir = tempFiles({ 'contacts.csv': contactsCsv(3000, 1), 'surveys.csv': surveysCsv([], '\n'), 'customers.csv': 'customer_id,started_at\nC1,2023-01-01\n' });
    for (const ranges of [2, 3]) {
      // the contacts' second range comes from a parse worker too (workerRanges 1)
      const aside = await expectSameRead([dir], { minBytes: 0, ranges, stepRows: 100 });
      expect(aside.filter((path) => !path.endsWith('contacts.csv'))).toEqual([join(dir, 'customers.csv'), join(dir, 'surveys.csv')]);
    }
  });

  it('the command gives the same report, warnings and exit code with and without reading aside', () => {
    const args = ['report', DEMO, '--period', '2024-03', '--format', 'json', '--no-timestamp'];
    const one = cli(args);
    const aside = cli(args, { env: { SUPMETRICS_ASIDE_MIN_BYTES: '0' } });
    expect(one.code).toBe(0);
    expect(aside).toEqual(one);
  });
});

describe('handing a table to another thread', () => {
  it('a dictionary taking over another\'s state has the same values and codes, and goes on adding', () => {
    for (const values of [['T0001', 'T0002', 'T0010', 'T0002'], ['ana', 'Bo Müller', 'ana', 'Ștefan', '']]) {
      const first = new TextDictionary();
      for (const value of values) first.code(value);
      const second = new TextDictionary();
      second.restore(first.state());
      expect(second.values).toEqual(first.values);
      for (const value of values) expect(second.find(value)).toBe(first.find(value));
      expect(second.code('new one')).toBe(first.size);
      expect(second.find('new one')).toBe(first.size);
    }
  });

  it('a table taking over another builder\'s state holds its rows and takes more after them', () => {
    const source = new TableBuilder(SURVEY_FIELDS);
    source.use(['id', 'score', 'responded_at']);
    for (let i = 0; i < 3; i++) {
      const row = source.reserve();
      source.text.id.codes[row] = source.text.id.code(`S${i}`);
      source.setNumber('score', row, i + 1);
      source.time.responded_at.setSeconds(row, 1_700_000_000 + i);
      source.commit(0, i + 2);
    }
    const target = new TableBuilder(SURVEY_FIELDS);
    expect(target.pristine).toBe(true);
    target.adopt(source.state());
    expect(target.pristine).toBe(false);
    const row = target.reserve();
    target.text.id.codes[row] = target.text.id.code('S9');
    target.setNumber('score', row, 300); // widens the byte column it took over
    target.commit(1, 2);
    const table = target.build() as unknown as SurveyTable;
    expect(table.length).toBe(4);
    expect(Array.from({ length: 4 }, (_, r) => table.text.id.valueAt(table.text.id.codes[r]))).toEqual(['S0', 'S1', 'S2', 'S9']);
    expect(Array.from({ length: 4 }, (_, r) => table.number.score.at(r))).toEqual([1, 2, 3, 300]);
    expect(table.time.responded_at.at(2)).toBe(1_700_000_002_000);
    expect(Number.isNaN(table.time.responded_at.at(3))).toBe(true);
    expect([0, 1, 2, 3].map((row) => table.origins.inputAt(row))).toEqual([0, 0, 0, 1]);
    expect(() => target.adopt(source.state())).toThrow(/nothing was read/);
  });
});

import fc from 'fast-check';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read.js';
import { planRanges } from '../../src/ingest/parallel.js';
import type { ParallelOptions } from '../../src/ingest/parallel.js';
import { expandSources } from '../../src/ingest/sources.js';
import { cli, tempFiles } from '../helpers/cli.js';
import { expectSameData } from '../helpers/columns.js';

/**
 * Reading a file on several cores (src/ingest/parallel.ts) must give exactly what one thread
 * gives: the same rows in the same order, the same dictionaries, the same rejects and warnings.
 * Workers run the built code (dist/), so these tests need `npm run build` first, as the e2e
 * tests do.
 */

const SINGLE: ParallelOptions = { minBytes: Number.POSITIVE_INFINITY };

async function read(dir: string, parallel: ParallelOptions) {
  return readInputs(expandSources([dir]), { zone: 'Europe/Berlin', parallel });
}

async function expectSameRead(dir: string, parallel: ParallelOptions): Promise<number> {
  const one = await read(dir, SINGLE);
  const many = await read(dir, parallel);
  expectSameData(many.data, one.data);
  expect(many.inputs.map(({ workerRanges, ...rest }) => rest)).toEqual(one.inputs.map(({ workerRanges, ...rest }) => rest));
  return many.inputs.reduce((sum, input) => sum + input.workerRanges, 0);
}

// answered_at is often empty and now and then has milliseconds: the column widens in one range and not another
const HEADER = 'id,channel,created_at,first_response_at,resolved_at,missed,agent,customer_id,agent_replies,escalation_reason,answered_at,abandoned_at';

interface RowSpec {
  id: number;
  channel: string;
  minute: number;
  reply: number | null;
  missed: string;
  agent: string;
  replies: string;
  reason: string;
  /** Seconds after creation the contact was answered (milliseconds too when fractional), or none. */
  answer: number | null;
  flaw: 'none' | 'no-created' | 'bad-time' | 'bad-number' | 'short' | 'reply-before';
}

const rowSpec = (ids: number) =>
  fc.record<RowSpec>({
    id: fc.integer({ min: 1, max: ids }),
    channel: fc.constantFrom('email', 'Email', 'chat', ' phone', ''),
    minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
    reply: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    missed: fc.constantFrom('', 'true', 'no', 'Y', 'maybe'),
    agent: fc.constantFrom('Ana', 'Bo Müller', 'Ștefan Ionescu-Popescu', '', '\uFEFFlead'),
    replies: fc.constantFrom('', '0', '3', '12', '2.5', '-1'),
    reason: fc.constantFrom('', 'billing', '"quoted, with comma"', '"two\nlines"', '"three\r\nlines\nhere"', '"say ""hi"""'),
    answer: fc.option(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 900 }) }, { weight: 1, arbitrary: fc.constant(1.25) }), { nil: null, freq: 2 }),
    flaw: fc.constantFrom('none', 'none', 'none', 'none', 'no-created', 'bad-time', 'bad-number', 'short', 'reply-before'),
  });

function iso(minute: number, offset: boolean): string {
  const text = new Date(Date.UTC(2024, 2, 1) + minute * 60_000).toISOString().replace('.000Z', 'Z');
  return offset ? text.replace('Z', '+01:00') : text;
}

function toCsv(rows: RowSpec[], newline: string): string {
  const lines = rows.map((r) => {
    const created = r.flaw === 'no-created' ? '' : r.flaw === 'bad-time' ? '2024-13-01T00:00:00Z' : iso(r.minute, r.id % 3 === 0);
    const reply = r.flaw === 'reply-before' ? iso(r.minute - 5, false) : r.reply === null ? '' : iso(r.minute + r.reply, r.id % 2 === 0);
    const cells = [
      `T${r.id}`,
      r.channel,
      created,
      reply,
      r.id % 5 === 0 ? `${created.slice(0, 10)} 18:00` : '',
      r.missed,
      r.agent,
      `C${r.id % 7}`,
      r.flaw === 'bad-number' ? 'lots' : r.replies,
      r.reason,
      r.answer === null || created === '' || r.flaw === 'bad-time' ? '' : new Date(Date.parse(created) + r.answer * 1000).toISOString().replace('.000Z', 'Z'),
      r.id % 4 === 0 ? iso(r.minute + 1, false) : '',
    ];
    return (r.flaw === 'short' ? cells.slice(0, 6) : cells).join(',');
  });
  return [HEADER, ...lines].join(newline) + newline;
}

describe('reading a file on several cores', () => {
  it('gives exactly the rows, dictionaries, rejects and warnings of one thread', async () => {
    let used = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowSpec(40), { minLength: 1, maxLength: 120 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom(1, 3, 1000),
        async (rows, newline, ranges, stepRows) => {
          const dir = tempFiles({ 'contacts.csv': toCsv(rows, newline) });
          used += await expectSameRead(dir, { minBytes: 0, ranges, stepRows });
        },
      ),
      { numRuns: 25 },
    );
    // Most cuts fall between records, so most parts come from workers.
    expect(used).toBeGreaterThan(10);
  });

  it('finds duplicate keys across the cut and names the first occurrence', async () => {
    const rows = ['id,created_at,answered_at'];
    for (let i = 0; i < 400; i++) rows.push(`T${i % 250},2024-03-01T00:00:00Z,${i % 3 === 0 ? `2024-03-01T00:00:${String(i % 60).padStart(2, '0')}Z` : ''}`);
    const dir = tempFiles({ 'contacts.csv': rows.join('\n') + '\n' });
    expect(await expectSameRead(dir, { minBytes: 0, ranges: 2, stepRows: 7 })).toBe(1);
    const { inputs } = await read(dir, { minBytes: 0, ranges: 2, stepRows: 7 });
    expect(inputs[0].log.rejected).toBe(150);
    expect(inputs[0].log.rejects[0].reason).toMatch(/^duplicate id 'T0' \(first seen at .*contacts\.csv:2\)$/);
  });

  it('lists the same first rejects and warnings when there are more than are listed', async () => {
    const rows = ['id,created_at,agent_replies'];
    for (let i = 0; i < 6000; i++) {
      const id = i % 7 === 0 ? `T${i % 500}` : `T${i}`; // duplicates, some across the cut
      const created = i % 5 === 0 ? 'never' : '2024-03-01T00:00:00Z'; // rejects
      rows.push(`${id},${created},${i % 3 === 0 ? 'x' : '1'}`); // warnings
    }
    const dir = tempFiles({ 'contacts.csv': rows.join('\n') });
    for (const ranges of [2, 3]) {
      for (const stepRows of [100, 100_000]) expect(await expectSameRead(dir, { minBytes: 0, ranges, stepRows })).toBe(ranges - 1);
    }
    const { inputs } = await read(dir, { minBytes: 0, ranges: 3 });
    expect(inputs[0].log.rejects.length).toBe(1000);
    expect(inputs[0].log.warningSamples.length).toBe(1000);
  });

  it('takes the rows of a part that outgrew its window from the worker\'s own arrays', async () => {
    // The rows per byte are guessed from the first megabyte, here all long rows, so the window
    // for the short rows after the cut is far too small.
    const rows = ['id,created_at,escalation_reason'];
    for (let i = 0; i < 300; i++) rows.push(`L${i},2024-03-01T00:00:00Z,${'x'.repeat(3000)}`);
    for (let i = 0; i < 20_000; i++) rows.push(`S${i % 15_000},2024-03-02T00:00:00Z,`);
    const dir = tempFiles({ 'contacts.csv': rows.join('\n') });
    for (const stepRows of [500, 100_000]) expect(await expectSameRead(dir, { minBytes: 0, ranges: 2, stepRows })).toBe(1);
  });

  it('widens columns whose values first outgrow them in a worker\'s range, as one thread does', async () => {
    // Before the cut: one channel, one agent, small whole counts, whole-second times. After it:
    // 300 channels (past Int8 codes), 40,000 agents (past Int16), fractional and huge counts
    // (past Float32), replies timed to the millisecond (past Int32 seconds).
    const rows = ['id,channel,created_at,first_response_at,agent,agent_replies,handoffs'];
    for (let i = 0; i < 40_000; i++) rows.push(`A${i},email,2024-03-01T00:00:00Z,2024-03-01T00:01:00Z,Ana,1,0`);
    for (let i = 0; i < 40_000; i++) {
      rows.push(`B${i},ch${i % 300},2024-03-02T00:00:00Z,2024-03-02T00:01:00.${String(i % 1000).padStart(3, '0')}Z,agent ${i},${i % 2 ? '2.5' : '123456789'},${i}`);
    }
    const dir = tempFiles({ 'contacts.csv': rows.join('\n') });
    for (const stepRows of [1000, 100_000]) expect(await expectSameRead(dir, { minBytes: 0, ranges: 2, stepRows })).toBe(1);
    const { contacts } = (await read(dir, { minBytes: 0, ranges: 2 })).data;
    expect(contacts.text.channel.codes).toBeInstanceOf(Int16Array);
    expect(contacts.text.agent.codes).toBeInstanceOf(Int32Array);
    expect(contacts.number.agent_replies.floats).toBeInstanceOf(Float64Array);
    expect(contacts.number.handoffs.floats).toBeInstanceOf(Float32Array);
    expect(contacts.number.agent_replies.at(40_001)).toBe(2.5);
    expect(contacts.number.agent_replies.at(40_000)).toBe(123456789);
    expect(contacts.time.first_response_at.ms).toBeInstanceOf(Float64Array);
    expect(contacts.time.first_response_at.at(40_007)).toBe(Date.parse('2024-03-02T00:01:00.007Z'));
    expect(contacts.time.created_at.seconds).toBeInstanceOf(Int32Array);
  });

  it('appends a worker\'s narrower rows to columns the reading thread widened, converting seconds to milliseconds', async () => {
    // The widening values come before the cut this time: the reading thread widens its own
    // arrays while the worker's window keeps the narrow types.
    const rows = ['id,channel,created_at,first_response_at,agent_replies'];
    for (let i = 0; i < 40_000; i++) {
      rows.push(`A${i},ch${i % 300},2024-03-01T00:00:00Z,2024-03-01T00:01:00.${String(i % 1000).padStart(3, '0')}Z,${i % 2 ? '2.1' : '1'}`);
    }
    for (let i = 0; i < 40_000; i++) rows.push(`B${i},email,2024-03-02T00:00:00Z,${i % 3 ? '2024-03-02T00:01:00Z' : ''},${i % 5 ? 1 : ''}`);
    const dir = tempFiles({ 'contacts.csv': rows.join('\n') });
    for (const stepRows of [1000, 100_000]) expect(await expectSameRead(dir, { minBytes: 0, ranges: 2, stepRows })).toBe(1);
    const { contacts } = (await read(dir, { minBytes: 0, ranges: 2 })).data;
    expect(contacts.time.first_response_at.ms).toBeInstanceOf(Float64Array);
    expect(contacts.time.first_response_at.at(40_001)).toBe(Date.parse('2024-03-02T00:01:00Z'));
    expect(contacts.time.first_response_at.has(40_000)).toBe(false);
    expect(contacts.number.agent_replies.floats).toBeInstanceOf(Float64Array);
    expect(contacts.number.agent_replies.at(40_000)).toBeNaN();
    expect(contacts.number.agent_replies.at(40_001)).toBe(1);
  });

  it('reads a range itself when the cut falls inside a quoted field with newlines', async () => {
    // One quoted field spanning the middle of the file: the cut after the first newline past
    // the middle is inside it, so the worker's part cannot be used.
    const long = Array.from({ length: 200 }, (_, i) => `note ${i}`).join('\n');
    const csv = `id,created_at,escalation_reason\nA,2024-03-01T00:00:00Z,"${long}"\nB,2024-03-01T00:00:00Z,x\n`;
    const dir = tempFiles({ 'contacts.csv': csv });
    expect(await expectSameRead(dir, { minBytes: 0, ranges: 2 })).toBe(0);
    const { data } = await read(dir, { minBytes: 0, ranges: 2 });
    expect(data.contacts.origins.lineAt(1)).toBe(202);
  });

  it('reads several files, some split and some not, into one table', async () => {
    const a = ['id,created_at,agent', ...Array.from({ length: 300 }, (_, i) => `A${i},2024-03-01T00:00:00Z,ana`)];
    const b = ['id,created_at,agent', ...Array.from({ length: 300 }, (_, i) => `${i % 2 ? 'B' : 'A'}${i},2024-03-02T00:00:00Z,bo`)];
    const dir = tempFiles({ 'a.csv': a.join('\n'), 'b.csv': b.join('\r\n') + '\r\n', 'c.json': '[{"id":"Z","created_at":"2024-03-03T00:00:00Z"}]' });
    expect(await expectSameRead(dir, { minBytes: 0, ranges: 3 })).toBeGreaterThanOrEqual(2);
  });

  it('reads Windows-1252 files and stray bytes that are not UTF-8 as one thread does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowSpec(40), { minLength: 1, maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.integer({ min: 2, max: 4 }),
        async (rows, strays, ranges) => {
          // Windows-1252: the same rows in a single-byte encoding (Ș is not in it: S instead)
          const text = toCsv(rows, '\n').replace(/[^\x00-\xff]/g, 'S');
          // UTF-8 with bytes 0xFF put in at places after the header
          const bytes = Buffer.from(toCsv(rows, '\n'));
          const parts: Buffer[] = [];
          let from = 0;
          for (const at of strays.map((n) => HEADER.length + (n % (bytes.length - HEADER.length))).sort((a, b) => a - b)) {
            parts.push(bytes.subarray(from, at), Buffer.from([0xff]));
            from = at;
          }
          parts.push(bytes.subarray(from));
          for (const content of [Buffer.from(text, 'latin1'), Buffer.concat(parts)]) {
            await expectSameRead(tempFiles({ 'contacts.csv': content }), { minBytes: 0, ranges, stepRows: 3 });
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('does not cut files whose bytes cannot be cut at a newline: UTF-16 (with a BOM or without), gzip', () => {
    const csv = 'id,created_at\n' + 'T1,2024-03-01T00:00:00Z\n'.repeat(100);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const dir = tempFiles({ 'a.csv': csv, 'b.csv': utf16, 'c.csv.gz': gzipSync(csv), 'd.csv': Buffer.from(csv, 'utf16le') });
    const plan = (name: string) => planRanges(join(dir, name), statSync(join(dir, name)).size, { minBytes: 0, ranges: 2 });
    expect(plan('a.csv')?.bounds).toHaveLength(3);
    expect(plan('b.csv')).toBeUndefined();
    expect(plan('c.csv.gz')).toBeUndefined();
    expect(plan('d.csv')).toBeUndefined(); // UTF-16 without a BOM
  });

  it('the command gives the same JSON report with and without workers', () => {
    const rows = ['id,channel,created_at,first_response_at,resolved_at'];
    for (let i = 0; i < 2000; i++) {
      const created = Date.UTC(2024, 2, 1) + i * 600_000;
      rows.push(`T${i % 1900},${['email', 'chat'][i % 2]},${new Date(created).toISOString()},${new Date(created + 60_000 * (i % 50)).toISOString()},`);
    }
    const dir = tempFiles({ 'contacts.csv': rows.join('\n') });
    const args = ['report', join(dir, 'contacts.csv'), '--period', '2024-03', '--format', 'json'];
    const one = cli(args, { env: { SUPMETRICS_PARALLEL_MIN_BYTES: String(Number.MAX_SAFE_INTEGER) } });
    const many = cli(args, { env: { SUPMETRICS_PARALLEL_MIN_BYTES: '0' } });
    expect(one.code).toBe(0);
    const strip = (text: string) => {
      const report = JSON.parse(text) as Record<string, unknown>;
      delete report.generatedAt;
      return report;
    };
    expect(strip(many.stdout)).toEqual(strip(one.stdout));
    expect(many.stderr).toBe(one.stderr);
  });
});

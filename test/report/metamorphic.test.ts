import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read.js';
import { expandSources } from '../../src/ingest/sources.js';
import { DEFAULT_SETTINGS } from '../../src/metrics/types.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/report.js';
import { parsePeriod } from '../../src/time/period.js';
import { tempFiles } from '../helpers/cli.js';
import type { ContactRow } from '../helpers/contacts.js';
import { contactRows, toCsv } from '../helpers/contacts.js';

async function report(files: Record<string, string>): Promise<Report> {
  const dir = tempFiles(files);
  const { data, inputs } = await readInputs(expandSources([dir]), { zone: 'UTC' });
  const period = parsePeriod('2024-03', { zone: 'UTC', now: 0 });
  return buildReport(data, inputs, { period, filters: {}, settings: DEFAULT_SETTINGS });
}

/** The same instant written with another UTC offset: 2024-03-05T10:00:00Z → 2024-03-05T15:30:00+05:30. */
function withOffset(iso: string, minutes: number): string {
  if (iso === '') return iso;
  const local = new Date(Date.parse(iso) + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const TIME_COLUMNS = ['created_at', 'first_response_at', 'answered_at', 'ended_at', 'resolved_at', 'closed_at', 'abandoned_at', 'sla_first_response_due_at'] as const;

describe('metamorphic properties of the report', () => {
  it('rewriting every timestamp in another UTC offset never changes it', async () => {
    const offset = fc.constantFrom(-600, -300, -210, 0, 60, 120, 330, 345, 540, 840);
    await fc.assert(
      fc.asyncProperty(contactRows(25), fc.array(offset, { minLength: 25, maxLength: 25 }), async (rows, offsets) => {
        const rewritten = rows.map((row, i): ContactRow => {
          const copy = { ...row };
          for (const column of TIME_COLUMNS) copy[column] = withOffset(row[column], offsets[i]);
          return copy;
        });
        const a = await report({ 'c.csv': toCsv(rows) });
        const b = await report({ 'c.csv': toCsv(rewritten) });
        expect(b.metrics).toEqual(a.metrics);
      }),
      { numRuns: 30 },
    );
  });

  it('columns held in wider types never change it (milliseconds, far dates, fractional counts)', async () => {
    // One more contact, created in 2100, has a time to the millisecond, one past 2038 and a
    // fractional count: every time column and the counts move to Float64, and nothing of March
    // may change.
    const widening: ContactRow = {
      id: 'Z1', channel: 'email', created_at: '2100-01-01T00:00:00Z', first_response_at: '2100-01-01T00:00:00.250Z',
      answered_at: '2100-01-01T00:00:00.250Z', ended_at: '2100-01-01T00:00:00.500Z', resolved_at: '2100-01-01T00:00:01.500Z',
      closed_at: '2100-01-01T00:00:01.500Z', abandoned_at: '', missed: '', agent: 'zed', team: 'tier3', priority: 'low',
      customer_id: 'K99', agent_replies: '0.1', reopens: '0.1', handoffs: '0.1', escalated: 'false',
      sla_first_response_due_at: '2100-01-01T00:00:00.750Z',
    };
    await fc.assert(
      fc.asyncProperty(contactRows(25), async (rows) => {
        const narrow = await report({ 'c.csv': toCsv(rows) });
        const wide = await report({ 'c.csv': toCsv(rows), 'd.csv': toCsv([widening]) });
        expect(wide.metrics).toEqual(narrow.metrics);
      }),
      { numRuns: 25 },
    );
  });

  it('repeating a file counts its contacts once and rejects the repeats as duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(contactRows(20), async (rows) => {
        const once = await report({ 'a.csv': toCsv(rows) });
        const twice = await report({ 'a.csv': toCsv(rows), 'b.csv': toCsv(rows) });
        expect(twice.metrics).toEqual(once.metrics);
        expect(twice.inputs[1].rows).toMatchObject({ read: rows.length, rejected: rows.length, used: 0 });
        for (const reject of twice.inputs[1].rejects) expect(reject.reason).toMatch(/^duplicate id/);
      }),
      { numRuns: 25 },
    );
  });
});

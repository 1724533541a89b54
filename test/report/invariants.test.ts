import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read.js';
import { expandSources } from '../../src/ingest/sources.js';
import { DEFAULT_SETTINGS } from '../../src/metrics/types.js';
import { buildReport } from '../../src/report/build.js';
import type { Dimension } from '../../src/report/breakdown.js';
import type { Report } from '../../src/report/report.js';
import type { Filters } from '../../src/report/select.js';
import { parsePeriod } from '../../src/time/period.js';
import { tempFiles } from '../helpers/cli.js';
import type { ContactRow } from '../helpers/contacts.js';
import { contactRows, toCsv } from '../helpers/contacts.js';

const PERIOD = parsePeriod('2024-03', { zone: 'UTC', now: 0 });

async function report(files: Record<string, string>, filters: Filters = {}): Promise<Report> {
  const dir = tempFiles(files);
  const { data, inputs } = await readInputs(expandSources([dir]), { zone: 'UTC' });
  return buildReport(data, inputs, { period: PERIOD, filters, settings: DEFAULT_SETTINGS });
}

/** Equal up to floating-point summation order (means of the same values added in another order). */
function expectSameMetrics(actual: Report['metrics'], expected: Report['metrics']): void {
  const round = (value: unknown): unknown => {
    if (typeof value === 'number') return Number(value.toPrecision(10));
    if (Array.isArray(value)) return value.map(round);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
    }
    return value;
  };
  expect(round(actual)).toEqual(round(expected));
}

const totals = (r: Report) =>
  r.inputs.reduce(
    (sum, input) => ({
      read: sum.read + input.rows.read,
      used: sum.used + input.rows.used,
      filtered: sum.filtered + input.rows.filtered,
      rejected: sum.rejected + input.rows.rejected,
    }),
    { read: 0, used: 0, filtered: 0, rejected: 0 },
  );

describe('report invariants (property tests)', () => {
  it('shuffling the rows never changes the report', async () => {
    await fc.assert(
      fc.asyncProperty(contactRows(25).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))), async ([rows, shuffled]) => {
        const a = await report({ 'contacts.csv': toCsv(rows) });
        const b = await report({ 'contacts.csv': toCsv(shuffled as ContactRow[]) });
        expectSameMetrics(b.metrics, a.metrics);
        expect(b.inputs[0].rows).toEqual(a.inputs[0].rows);
      }),
      { numRuns: 40 },
    );
  });

  it('splitting a file in two never changes the metrics, and rows still add up', async () => {
    await fc.assert(
      fc.asyncProperty(contactRows(25), fc.nat(), async (rows, cut) => {
        const at = rows.length === 0 ? 0 : cut % (rows.length + 1);
        const whole = await report({ 'contacts.csv': toCsv(rows) });
        const split = await report({ 'a.csv': toCsv(rows.slice(0, at)), 'b.csv': toCsv(rows.slice(at)) });
        expectSameMetrics(split.metrics, whole.metrics);
        expect(totals(split)).toEqual(totals(whole));
      }),
      { numRuns: 40 },
    );
  });

  it('channel filters partition volume, and every input accounts for every row', async () => {
    await fc.assert(
      fc.asyncProperty(contactRows(30), async (rows) => {
        const files = { 'contacts.csv': toCsv(rows) };
        const all = await report(files);
        let sum = 0;
        for (const channel of ['email', 'web', 'chat', 'phone', 'social']) {
          const one = await report(files, { channel: [channel] });
          sum += one.metrics.volume.value as number;
          const { read, used, filtered, rejected } = one.inputs[0].rows;
          expect(read).toBe(used + filtered + rejected);
        }
        expect(sum).toBe(all.metrics.volume.value);
      }),
      { numRuns: 25 },
    );
  });

  it('rates stay within 0-100 and durations are never negative', async () => {
    await fc.assert(
      fc.asyncProperty(contactRows(30), async (rows) => {
        const r = await report({ 'contacts.csv': toCsv(rows) });
        for (const [id, result] of Object.entries(r.metrics)) {
          if (result.unit === 'percent' && result.value !== null && !['retention_rate', 'volume_change'].includes(id)) {
            expect(result.value, id).toBeGreaterThanOrEqual(0);
            expect(result.value, id).toBeLessThanOrEqual(100);
          }
          if (result.unit === 'seconds' && result.n > 0) expect(result.min as number, id).toBeGreaterThanOrEqual(0);
        }
        expect(JSON.stringify(r)).not.toMatch(/NaN/);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the same rows in CSV, JSON and NDJSON', () => {
  it('give the same report', async () => {
    await fc.assert(
      fc.asyncProperty(contactRows(20), async (rows) => {
        fc.pre(rows.length > 0); // an empty JSON array has no keys to tell its kind from
        // Empty cells become absent keys, except in the first record, where they are null: the
        // JSON export then has every field the CSV header has (an export without a field, as
        // without first replies, is read differently: see sla_compliance).
        const objects = rows.map((row, i) =>
          Object.fromEntries(Object.entries(row).flatMap(([k, v]): [string, string | null][] => (v !== '' ? [[k, v]] : i === 0 ? [[k, null]] : []))),
        );
        const csv = await report({ 'c.csv': toCsv(rows) });
        const json = await report({ 'c.json': JSON.stringify(objects) });
        const ndjson = await report({ 'c.ndjson': objects.map((o) => JSON.stringify(o)).join('\n') });
        expectSameMetrics(json.metrics, csv.metrics);
        expectSameMetrics(ndjson.metrics, csv.metrics);
      }),
      { numRuns: 25 },
    );
  });
});

describe('breakdowns partition the report (property tests)', () => {
  const ADDITIVE_RATES = ['sla_compliance', 'fcr_rate', 'reopen_rate', 'escalation_rate', 'abandonment_rate', 'missed_rate'];

  async function withBreakdowns(rows: ContactRow[], by: Dimension[]): Promise<Report> {
    const dir = tempFiles({ 'contacts.csv': toCsv(rows) });
    const { data, inputs } = await readInputs(expandSources([dir]), { zone: 'Europe/Berlin' });
    const period = parsePeriod('2024-03', { zone: 'Europe/Berlin', now: 0 });
    return buildReport(data, inputs, { period, filters: {}, settings: DEFAULT_SETTINGS, breakdowns: by });
  }

  it('group volumes add up to the total, and group rates recombine to the total rate', async () => {
    const dimensions: Dimension[] = ['channel', 'agent', 'priority', 'day', 'week', 'hour', 'weekday'];
    await fc.assert(
      fc.asyncProperty(contactRows(30), async (rows) => {
        const r = await withBreakdowns(rows, dimensions);
        for (const dimension of dimensions) {
          const groups = Object.values(r.breakdowns![dimension]);
          const sum = (id: string, key: string) => groups.reduce((total, g) => total + (g.metrics[id][key] as number), 0);
          expect(sum('volume', 'value'), dimension).toBe(r.metrics.volume.value);
          expect(sum('first_response_time', 'n'), dimension).toBe(r.metrics.first_response_time.n);
          for (const id of ADDITIVE_RATES) {
            expect(sum(id, 'numerator'), `${dimension} ${id}`).toBe(r.metrics[id].numerator);
            expect(sum(id, 'denominator'), `${dimension} ${id}`).toBe(r.metrics[id].denominator);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

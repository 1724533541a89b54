import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/metrics/erlang.js';
import { contactsFrom } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { staffing } from '../../src/metrics/staffing.js';
import type { StaffingCell } from '../../src/metrics/staffing.js';
import { after, hasNoNaN, metricInput, period } from './helpers.js';

/** Two whole weeks, Monday 4 to Sunday 17 March 2024, in UTC. */
const TWO_WEEKS = period('2024-03-04T00:00:00Z', '2024-03-18T00:00:00Z');

/** A phone call created at `created`, answered at once, talking `talk` s, wrapped up `wrapUp` s later. */
function call(id: string, created: string, talk: number, wrapUp?: number): PlainRecord {
  const ended = after(created, talk);
  return {
    id,
    channel: 'phone',
    created_at: created,
    answered_at: created,
    ended_at: ended,
    wrap_up_at: wrapUp === undefined ? undefined : after(ended, wrapUp),
  };
}

/** `count` calls spread over the hour starting at `hourStart`, 170 s talk + 10 s wrap-up each. */
function callsInHour(prefix: string, hourStart: string, count: number): PlainRecord[] {
  return Array.from({ length: count }, (_, i) => call(`${prefix}-${i}`, after(hourStart, Math.floor((i * 3600) / count)), 170, 10));
}

/** The cell of a weekday (Monday = 0) and hour. */
function cellAt(cells: StaffingCell[], weekday: number, hour: number): StaffingCell {
  return cells[weekday * 24 + hour];
}

describe('staffing', () => {
  it('reproduces the textbook check (METRICS.md 6) from data: 100 calls an hour, 180 s, 80% in 20 s -> 8 agents', () => {
    // two Mondays with 100 calls each between 09:00 and 10:00
    const contacts = contactsFrom([
      ...callsInHour('a', '2024-03-04T09:00:00Z', 100),
      ...callsInHour('b', '2024-03-11T09:00:00Z', 100),
    ]);
    const result = staffing(metricInput({ contacts, period: TWO_WEEKS }), { timeZone: 'UTC' });
    expect(result).toMatchObject({ unit: 'agents', n: 200, value: 8, targetSeconds: 20, serviceLevelTarget: 0.8 });
    const monday9 = cellAt(result.cells, 0, 9);
    expect(monday9).toMatchObject({ weekday: 0, hour: 9, weeks: 2, arrivals: 200, arrivalsPerHour: 100, agents: 8 });
    expect(monday9.averageHandleSeconds).toBeCloseTo(180, 9);
    expect(Math.abs(monday9.serviceLevel! - 0.8801483)).toBeLessThan(1e-6);
    const erlang = erlangC({ arrivalsPerHour: 100, averageHandleSeconds: 180, agents: 8, targetSeconds: 20 });
    expect(monday9.probabilityOfWaiting).toBeCloseTo(erlang.probabilityOfWaiting, 9);
    expect(monday9.averageSpeedOfAnswerSeconds).toBeCloseTo(erlang.averageSpeedOfAnswerSeconds!, 9);
    expect(monday9.occupancy).toBeCloseTo(0.625, 9);
  });

  it('staffs the second check (METRICS.md 6) to 14 agents at an 88% target: 200 calls an hour, 180 s', () => {
    const contacts = contactsFrom(callsInHour('a', '2024-03-05T14:00:00Z', 200));
    const result = staffing(metricInput({ contacts, period: period('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z') }), {
      serviceLevelTarget: 0.88,
    });
    const tuesday14 = cellAt(result.cells, 1, 14);
    expect(tuesday14).toMatchObject({ weeks: 1, arrivalsPerHour: 200, agents: 14 });
    expect(Math.abs(tuesday14.probabilityOfWaiting! - 0.1741319)).toBeLessThan(1e-6);
    expect(Math.abs(tuesday14.serviceLevel! - 0.88835)).toBeLessThan(1e-5);
    expect(Math.abs(tuesday14.averageSpeedOfAnswerSeconds! - 7.836)).toBeLessThan(1e-3);
    expect(Math.abs(tuesday14.occupancy! - 0.7142857)).toBeLessThan(1e-6);
    expect(result.value).toBe(14);
  });

  it('lists the 168 hours of the week from Monday 00 to Sunday 23', () => {
    const result = staffing(metricInput({ period: TWO_WEEKS }), { timeZone: 'UTC' });
    expect(result.cells).toHaveLength(168);
    expect(result.cells.map((cell) => [cell.weekday, cell.hour])).toEqual(
      Array.from({ length: 168 }, (_, i) => [Math.floor(i / 24), i % 24]),
    );
    expect(result.cells.every((cell) => cell.weeks === 2)).toBe(true);
  });

  it('counts the hours of a partial week, and leaves hours that never occur empty', () => {
    // Monday 4 March 00:00 to Wednesday 13 March 12:00
    const result = staffing(metricInput({ period: period('2024-03-04T00:00:00Z', '2024-03-13T12:00:00Z') }), {
      timeZone: 'UTC',
    });
    expect(cellAt(result.cells, 1, 23).weeks).toBe(2);
    expect(cellAt(result.cells, 2, 11).weeks).toBe(2);
    expect(cellAt(result.cells, 2, 12).weeks).toBe(1);
    expect(cellAt(result.cells, 6, 0).weeks).toBe(1);

    const oneDay = staffing(metricInput({ period: period('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z') }));
    expect(cellAt(oneDay.cells, 1, 10)).toMatchObject({ weeks: 1, arrivals: 0, arrivalsPerHour: 0, agents: 0, serviceLevel: 1 });
    expect(cellAt(oneDay.cells, 0, 10)).toEqual({
      weekday: 0,
      hour: 10,
      weeks: 0,
      arrivals: 0,
      arrivalsPerHour: 0,
      averageHandleSeconds: null,
      agents: null,
      serviceLevel: null,
      probabilityOfWaiting: null,
      averageSpeedOfAnswerSeconds: null,
      occupancy: null,
    });
  });

  it('counts the hour skipped in spring once fewer and the hour repeated in autumn once more', () => {
    // Europe/Berlin: Sunday 31 March 2024 goes from 02:00 to 03:00; Sunday 27 October 2024
    // goes from 03:00 back to 02:00. March 2024 has five Sundays, October 2024 four.
    const march = staffing(metricInput({ period: period('2024-03-01T00:00:00+01:00', '2024-04-01T00:00:00+02:00') }), {
      timeZone: 'Europe/Berlin',
    });
    expect(cellAt(march.cells, 6, 1).weeks).toBe(5);
    expect(cellAt(march.cells, 6, 2).weeks).toBe(4);
    expect(cellAt(march.cells, 6, 3).weeks).toBe(5);
    expect(march.cells.reduce((sum, cell) => sum + cell.weeks, 0)).toBe(31 * 24 - 1);

    const october = staffing(metricInput({ period: period('2024-10-01T00:00:00+02:00', '2024-11-01T00:00:00+01:00') }), {
      timeZone: 'Europe/Berlin',
    });
    expect(cellAt(october.cells, 6, 2).weeks).toBe(5);
    expect(cellAt(october.cells, 6, 3).weeks).toBe(4);
    expect(october.cells.reduce((sum, cell) => sum + cell.weeks, 0)).toBe(31 * 24 + 1);
  });

  it('reads weekday and hour of arrival on the zone clock', () => {
    const contacts = contactsFrom([
      // 09:30 CET, Saturday
      call('a', '2024-03-30T08:30:00Z', 120),
      // 03:30 CEST, Sunday, just after the change
      call('b', '2024-03-31T01:30:00Z', 120),
    ]);
    const input = metricInput({ contacts, period: period('2024-03-01T00:00:00+01:00', '2024-04-01T00:00:00+02:00') });
    const berlin = staffing(input, { timeZone: 'Europe/Berlin' });
    expect(cellAt(berlin.cells, 5, 9).arrivals).toBe(1);
    expect(cellAt(berlin.cells, 6, 3).arrivals).toBe(1);
    // the zone defaults to the report's
    expect(staffing({ ...input, timeZone: 'Europe/Berlin' }).cells).toEqual(berlin.cells);
    const utc = staffing(input);
    expect(cellAt(utc.cells, 5, 8).arrivals).toBe(1);
    expect(cellAt(utc.cells, 6, 1).arrivals).toBe(1);
  });

  it('counts in-scope contacts on live channels created in the period', () => {
    const contacts = contactsFrom([
      call('phone', '2024-03-04T09:00:00Z', 100),
      { ...call('chat', '2024-03-04T09:10:00Z', 100), channel: 'chat' },
      { ...call('email', '2024-03-04T09:20:00Z', 100), channel: 'email' },
      { ...call('no channel', '2024-03-04T09:20:00Z', 100), channel: undefined },
      call('out of scope', '2024-03-04T09:30:00Z', 100),
      call('before', '2024-03-03T23:59:59Z', 100),
      call('at the end', '2024-03-18T00:00:00Z', 100),
    ]);
    const result = staffing(metricInput({ contacts, period: TWO_WEEKS, contactInScope: [1, 1, 1, 1, 0, 1, 1] }));
    expect(result.n).toBe(2);
    expect(cellAt(result.cells, 0, 9).arrivals).toBe(2);
    expect(result.cells.reduce((sum, cell) => sum + cell.arrivals, 0)).toBe(2);
  });

  it('averages talk plus after-contact work over answered contacts', () => {
    const contacts = contactsFrom([
      call('a', '2024-03-04T09:00:00Z', 100, 20), // 120 s
      call('b', '2024-03-04T09:10:00Z', 200), // no wrap-up: 200 s
      // never answered: an arrival without a handle time
      { id: 'c', channel: 'phone', created_at: '2024-03-04T09:20:00Z', abandoned_at: '2024-03-04T09:21:00Z' },
    ]);
    const cell = cellAt(staffing(metricInput({ contacts, period: TWO_WEEKS })).cells, 0, 9);
    expect(cell).toMatchObject({ arrivals: 3, arrivalsPerHour: 1.5 });
    expect(cell.averageHandleSeconds).toBeCloseTo(160, 9);
  });

  it('borrows the period mean handle time for an hour with arrivals but no answered contact', () => {
    const contacts = contactsFrom([
      call('a', '2024-03-04T09:00:00Z', 100),
      call('b', '2024-03-05T09:00:00Z', 300),
      { id: 'c', channel: 'phone', created_at: '2024-03-06T09:00:00Z', abandoned_at: '2024-03-06T09:01:00Z' },
    ]);
    const cell = cellAt(staffing(metricInput({ contacts, period: TWO_WEEKS })).cells, 2, 9);
    expect(cell.arrivals).toBe(1);
    expect(cell.averageHandleSeconds).toBeCloseTo(200, 9);
    expect(cell.agents).toBe(1);
  });

  it('gives no agents when no contact was answered at all', () => {
    const contacts = contactsFrom([
      { id: 'c', channel: 'phone', created_at: '2024-03-06T09:00:00Z', abandoned_at: '2024-03-06T09:01:00Z' },
    ]);
    const result = staffing(metricInput({ contacts, period: TWO_WEEKS }));
    expect(result).toMatchObject({ n: 1, value: null });
    expect(cellAt(result.cells, 2, 9)).toMatchObject({ arrivals: 1, averageHandleSeconds: null, agents: null });
    expect(cellAt(result.cells, 2, 10)).toMatchObject({ arrivals: 0, agents: 0 });
  });

  it('takes the peak over the hours of the week', () => {
    const contacts = contactsFrom([
      ...callsInHour('a', '2024-03-04T09:00:00Z', 100),
      ...callsInHour('b', '2024-03-05T14:00:00Z', 20),
    ]);
    const result = staffing(metricInput({ contacts, period: period('2024-03-04T00:00:00Z', '2024-03-11T00:00:00Z') }));
    expect(cellAt(result.cells, 1, 14).agents).toBeLessThan(8);
    expect(result.value).toBe(8);
  });

  it('gives n 0, value null and no NaN for no data', () => {
    const result = staffing(metricInput());
    expect(result).toMatchObject({ unit: 'agents', n: 0, value: null });
    expect(hasNoNaN(result)).toBe(true);
    expect(result.cells.every((cell) => cell.agents === 0)).toBe(true);
    expect(staffing(metricInput({ period: period('2024-03-04T00:00:00Z', '2024-03-04T00:00:00Z') })).cells.every((cell) => cell.weeks === 0)).toBe(true);
  });

  it('throws on targets out of range', () => {
    expect(() => staffing(metricInput(), { targetSeconds: -1 })).toThrow('staffing requires targetSeconds of at least 0');
    expect(() => staffing(metricInput(), { serviceLevelTarget: 80 })).toThrow('staffing requires serviceLevelTarget between 0 and 1');
  });

  it('sums arrivals to n and weeks to the hours of the period in any zone', () => {
    const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe');
    const START = Date.parse('2024-01-01T00:00:00Z');
    const HOUR = 3600_000;
    fc.assert(
      fc.property(
        zones,
        fc.integer({ min: 0, max: 360 * 24 }),
        fc.integer({ min: 0, max: 40 * 24 }),
        fc.array(fc.integer({ min: 0, max: 400 * 24 * 60 }), { maxLength: 30 }),
        (zone, startHour, hours, minutes) => {
          const start = START + startHour * HOUR;
          const contacts = contactsFrom(minutes.map((minute, i) => call(`c${i}`, new Date(START + minute * 60_000).toISOString(), 60)));
          const result = staffing(metricInput({ contacts, period: { start, end: start + hours * HOUR }, timeZone: zone }));
          expect(result.cells.reduce((sum, cell) => sum + cell.arrivals, 0)).toBe(result.n);
          // every arrival lands in an hour that occurs in the period
          expect(result.cells.every((cell) => cell.arrivals === 0 || cell.weeks > 0)).toBe(true);
          expect(hasNoNaN(result)).toBe(true);
          // whole-hour zones: one count per hour of the period
          if (zone === 'UTC') expect(result.cells.reduce((sum, cell) => sum + cell.weeks, 0)).toBe(hours);
        },
      ),
      { numRuns: 50 },
    );
  });
});

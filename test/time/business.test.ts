import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { createBusinessCalendar, parseInterval, type WeeklyHours } from '../../src/time/business.js';
import { UserError } from '../../src/errors.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A wall-clock time in a zone, as epoch ms (luxon; throws on a bad expectation). */
function local(iso: string, zone: string): number {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad expectation ${iso}`);
  return dt.toMillis();
}

// Mon-Thu 09:00-17:00, a split Friday, Sunday early hours across both DST changes (02:00-03:00
// is skipped in March and repeated in October in Europe/Berlin and America/New_York).
const OFFICE: WeeklyHours = {
  mon: ['09:00-17:00'],
  tue: ['09:00-17:00'],
  wed: ['08:30-12:00', '12:00-17:30'],
  thu: ['09:00-17:00'],
  fri: ['09:00-13:00', '14:00-17:00'],
  sun: ['01:30-02:30', '10:00-12:00', '22:00-24:00'],
};
const HOLIDAYS = ['2024-03-29', '2024-04-01', '2024-10-03', '2024-11-01', '2024-03-10', '2024-11-05'];

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Independent brute-force oracle: walks minute by minute through [start, end) with luxon in
 * the zone and asks, for each minute, whether its wall-clock time falls in the weekday's
 * intervals and its date is not a holiday. Every interval bound and every DST change in
 * these zones falls on a whole minute, so openness is constant within each minute; the
 * prefix sums then give open ms for any span inside the window, to the millisecond.
 */
function bruteForce(zone: string, hours: WeeklyHours, holidays: readonly string[], startIso: string, endIso: string) {
  const start = DateTime.fromISO(startIso, { zone: 'utc' }).toMillis();
  const end = DateTime.fromISO(endIso, { zone: 'utc' }).toMillis();
  const minutes = (end - start) / MINUTE;
  const open = new Uint8Array(minutes);
  const prefix = new Float64Array(minutes + 1);
  const holidaySet = new Set(holidays);
  const intervals = WEEKDAY_KEYS.map((key) =>
    (hours[key] ?? []).map((text) => {
      const [a, b] = text.split('-').map((hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5)));
      return [a, b] as const;
    }),
  );
  for (let i = 0; i < minutes; i++) {
    const dt = DateTime.fromMillis(start + i * MINUTE, { zone });
    const date = `${dt.year}-${String(dt.month).padStart(2, '0')}-${String(dt.day).padStart(2, '0')}`;
    const minuteOfDay = dt.hour * 60 + dt.minute;
    const isOpen = !holidaySet.has(date) && intervals[dt.weekday - 1].some(([a, b]) => minuteOfDay >= a && minuteOfDay < b);
    open[i] = isOpen ? 1 : 0;
    prefix[i + 1] = prefix[i] + (isOpen ? MINUTE : 0);
  }
  const openBefore = (t: number): number => {
    const i = Math.floor((t - start) / MINUTE);
    return i >= minutes ? prefix[minutes] : prefix[i] + open[i] * (t - start - i * MINUTE);
  };
  return {
    start,
    end,
    isOpen: (t: number): boolean => open[Math.floor((t - start) / MINUTE)] === 1,
    openSeconds: (from: number, to: number): number => (to <= from ? 0 : (openBefore(to) - openBefore(from)) / 1000),
  };
}

type Oracle = ReturnType<typeof bruteForce>;

/** A span [from, to) of up to ~10 days inside the oracle's window, on any millisecond. */
function spanIn(oracle: Oracle, maxSpan = 10 * DAY + 7 * HOUR) {
  return fc
    .tuple(fc.integer({ min: 0, max: oracle.end - oracle.start - 1 }), fc.integer({ min: 0, max: maxSpan }))
    .map(([offset, length]) => {
      const from = oracle.start + offset;
      return [from, Math.min(oracle.end, from + length)] as const;
    });
}

interface Scenario {
  name: string;
  zone: string;
  hours: WeeklyHours;
  holidays: readonly string[];
  windows: Array<[string, string]>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'Europe/Berlin around both 2024 DST changes',
    zone: 'Europe/Berlin',
    hours: OFFICE,
    holidays: HOLIDAYS,
    windows: [
      ['2024-03-20T00:00:00Z', '2024-04-12T00:00:00Z'],
      ['2024-10-16T00:00:00Z', '2024-11-08T00:00:00Z'],
    ],
  },
  {
    name: 'America/New_York around both 2024 DST changes',
    zone: 'America/New_York',
    hours: { ...OFFICE, sat: ['00:00-24:00'] },
    holidays: HOLIDAYS,
    windows: [
      ['2024-02-28T00:00:00Z', '2024-03-21T00:00:00Z'],
      ['2024-10-23T00:00:00Z', '2024-11-14T00:00:00Z'],
    ],
  },
  {
    name: 'UTC',
    zone: 'UTC',
    hours: OFFICE,
    holidays: HOLIDAYS,
    windows: [['2024-03-22T00:00:00Z', '2024-04-14T00:00:00Z']],
  },
  {
    // Clocks change at midnight here: 2024-04-07 00:00 -> 2024-04-06 23:00 (a repeated hour
    // at the end of Saturday), 2024-09-08 00:00 -> 01:00 (Sunday starts at 01:00).
    name: 'America/Santiago (DST changes at midnight), whole days',
    zone: 'America/Santiago',
    hours: { fri: ['20:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-03:00', '23:30-24:00'], mon: ['00:00-01:00'] },
    holidays: [],
    windows: [
      ['2024-03-30T00:00:00Z', '2024-04-12T00:00:00Z'],
      ['2024-09-01T00:00:00Z', '2024-09-14T00:00:00Z'],
    ],
  },
  {
    // A 30-minute DST shift at 02:00 local.
    name: 'Australia/Lord_Howe (30-minute DST)',
    zone: 'Australia/Lord_Howe',
    hours: { sun: ['01:00-03:00', '09:00-17:00'], mon: ['09:00-17:00'], sat: ['02:15-02:45'] },
    holidays: [],
    windows: [
      ['2024-03-28T00:00:00Z', '2024-04-12T00:00:00Z'],
      ['2024-09-28T00:00:00Z', '2024-10-12T00:00:00Z'],
    ],
  },
];

describe.each(SCENARIOS)('agrees with a minute-by-minute brute force: $name', (scenario) => {
  const oracles = scenario.windows.map(([a, b]) => bruteForce(scenario.zone, scenario.hours, scenario.holidays, a, b));
  const span = fc.oneof(...oracles.map((o) => spanIn(o).map((s) => ({ oracle: o, span: s }))));

  it('openSeconds equals the brute force, to the millisecond', () => {
    const calendar = createBusinessCalendar({ timeZone: scenario.zone, hours: scenario.hours, holidays: scenario.holidays });
    fc.assert(
      fc.property(span, ({ oracle, span: [from, to] }) => {
        expect(calendar.openSeconds(from, to)).toBe(oracle.openSeconds(from, to));
      }),
      { numRuns: 400 },
    );
  });

  it('openSeconds agrees on whole minutes, whatever order the calendar sees them in', () => {
    // A fresh calendar per run, so the lazily built table starts from a random place and
    // grows both ways.
    fc.assert(
      fc.property(fc.array(span, { minLength: 1, maxLength: 6 }), (spans) => {
        const calendar = createBusinessCalendar({ timeZone: scenario.zone, hours: scenario.hours, holidays: scenario.holidays });
        for (const { oracle, span: [a, b] } of spans) {
          const from = a - ((a - oracle.start) % MINUTE);
          const to = b - ((b - oracle.start) % MINUTE);
          expect(calendar.openSeconds(from, to)).toBe(oracle.openSeconds(from, to));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('isOpen equals the brute force', () => {
    const calendar = createBusinessCalendar({ timeZone: scenario.zone, hours: scenario.hours, holidays: scenario.holidays });
    fc.assert(
      fc.property(span, ({ oracle, span: [at] }) => {
        expect(calendar.isOpen(at)).toBe(oracle.isOpen(at));
      }),
      { numRuns: 1000 },
    );
    // And exhaustively, minute by minute, over every window.
    for (const oracle of oracles) {
      for (let t = oracle.start; t < oracle.end; t += MINUTE) {
        if (calendar.isOpen(t) !== oracle.isOpen(t)) throw new Error(`isOpen(${new Date(t).toISOString()}) disagrees`);
      }
    }
  });
});

describe('a per-second brute force over short spans at the DST changes', () => {
  // Walks second by second (luxon per second) through a few hours around each change, with
  // intervals whose bounds sit inside the gap or the repeated hour.
  const hours: WeeklyHours = { sun: ['00:15-01:45', '01:59-02:01', '02:30-02:31', '02:59-03:30'] };
  const zone = 'Europe/Berlin';
  const calendar = createBusinessCalendar({ timeZone: zone, hours });
  for (const [a, b] of [
    ['2024-03-30T23:00:00Z', '2024-03-31T03:00:00Z'],
    ['2024-10-26T22:00:00Z', '2024-10-27T03:00:00Z'],
  ] as const) {
    it(`${a} .. ${b}`, () => {
      const start = Date.parse(a);
      const end = Date.parse(b);
      const open: boolean[] = [];
      for (let t = start; t < end; t += 1000) {
        const dt = DateTime.fromMillis(t, { zone });
        const s = dt.hour * 3600 + dt.minute * 60 + dt.second;
        open.push(dt.weekday === 7 && ((s >= 900 && s < 6300) || (s >= 7140 && s < 7260) || (s >= 9000 && s < 9060) || (s >= 10740 && s < 12600)));
      }
      for (let i = 0; i < open.length; i++) expect(calendar.isOpen(start + i * 1000)).toBe(open[i]);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: open.length }), fc.integer({ min: 0, max: open.length }), (i, j) => {
          const [lo, hi] = i <= j ? [i, j] : [j, i];
          let expected = 0;
          for (let k = lo; k < hi; k++) expected += open[k] ? 1 : 0;
          expect(calendar.openSeconds(start + lo * 1000, start + hi * 1000)).toBe(expected);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('examples (Europe/Berlin office hours)', () => {
  const zone = 'Europe/Berlin';
  const calendar = createBusinessCalendar({ timeZone: zone, hours: OFFICE, holidays: HOLIDAYS });
  const at = (iso: string) => local(iso, zone);

  it('is 0 when both ends fall in the same closed evening', () => {
    expect(calendar.openSeconds(at('2024-03-05T18:00'), at('2024-03-05T23:59'))).toBe(0);
    expect(calendar.openSeconds(at('2024-03-05T17:00'), at('2024-03-06T08:30'))).toBe(0);
  });

  it('is 0 for an empty or reversed span', () => {
    expect(calendar.openSeconds(at('2024-03-05T10:00'), at('2024-03-05T10:00'))).toBe(0);
    expect(calendar.openSeconds(at('2024-03-05T12:00'), at('2024-03-05T10:00'))).toBe(0);
  });

  it('counts inside one interval and across a split shift', () => {
    expect(calendar.openSeconds(at('2024-03-05T10:00'), at('2024-03-05T10:30'))).toBe(1800);
    // Friday 09:00-13:00, 14:00-17:00: 12:00 -> 15:00 is 1 h + 1 h.
    expect(calendar.openSeconds(at('2024-03-08T12:00'), at('2024-03-08T15:00'))).toBe(7200);
    // Wednesday 08:30-12:00 + 12:00-17:30 touch: 9 h straight.
    expect(calendar.openSeconds(at('2024-03-06T00:00'), at('2024-03-07T00:00'))).toBe(9 * 3600);
  });

  it('skips a weekend', () => {
    // Fri 16:00-17:00, (Sat closed, Sun 01:30-02:30 + 10:00-12:00 + 22:00-24:00), Mon 09:00-10:00.
    expect(calendar.openSeconds(at('2024-03-15T16:00'), at('2024-03-18T10:00'))).toBe(3600 + 5 * 3600 + 3600);
    // Sat -> Sat is exactly one week of hours.
    const week = 8 + 8 + 9 + 8 + 7 + 5;
    expect(calendar.openSeconds(at('2024-03-02T12:00'), at('2024-03-09T12:00'))).toBe(week * 3600);
  });

  it('closes holidays all day', () => {
    // Thu 2024-03-28 16:00 -> Tue 2024-04-02 10:00: Good Friday and Easter Monday are holidays,
    // and Easter Sunday is the spring-forward date (01:30-02:00, then 02:30 is in the gap).
    expect(calendar.openSeconds(at('2024-03-28T16:00'), at('2024-04-02T10:00'))).toBe(3600 + 1800 + 2 * 3600 + 2 * 3600 + 3600);
    expect(calendar.isOpen(at('2024-03-29T10:00'))).toBe(false);
    expect(calendar.isOpen(at('2024-03-28T10:00'))).toBe(true);
  });

  it('keeps a 09:00-17:00 day at 8 hours on both DST dates, but not a whole day', () => {
    const every = { mon: ['09:00-17:00'], sat: ['00:00-24:00'], sun: ['09:00-17:00'] };
    const c = createBusinessCalendar({ timeZone: zone, hours: every });
    expect(c.openSeconds(at('2024-03-31T00:00'), at('2024-04-01T00:00'))).toBe(8 * 3600);
    expect(c.openSeconds(at('2024-10-27T00:00'), at('2024-10-28T00:00'))).toBe(8 * 3600);
    const whole = createBusinessCalendar({ timeZone: zone, hours: { sun: ['00:00-24:00'] } });
    expect(whole.openSeconds(at('2024-03-30T12:00'), at('2024-04-01T12:00'))).toBe(23 * 3600);
    expect(whole.openSeconds(at('2024-10-26T12:00'), at('2024-10-28T12:00'))).toBe(25 * 3600);
    expect(whole.openSeconds(at('2024-03-23T12:00'), at('2024-03-25T12:00'))).toBe(24 * 3600);
  });

  it('starts an interval whose start is in the gap at the first instant after the gap', () => {
    const c = createBusinessCalendar({ timeZone: zone, hours: { sun: ['02:30-05:00'] } });
    const change = Date.parse('2024-03-31T01:00:00Z'); // 02:00 CET -> 03:00 CEST
    expect(c.isOpen(change - 1)).toBe(false);
    expect(c.isOpen(change)).toBe(true);
    expect(c.openSeconds(change - DAY, change + DAY)).toBe(2 * 3600);
    expect(c.addOpenSeconds(change - HOUR, 60)).toBe(change + MINUTE);
    // In October 02:30-03:00 happens twice: both count (30 min CEST + 2.5 h CET).
    expect(c.openSeconds(at('2024-10-27T00:00'), at('2024-10-28T00:00'))).toBe(3 * 3600);
  });

  it('addOpenSeconds: due times in business hours', () => {
    // Friday 16:30 + 1 h: 30 min to 17:00, then Monday 09:00 + 30 min.
    expect(calendar.addOpenSeconds(at('2024-03-08T16:30'), 3600)).toBe(at('2024-03-11T09:30'));
    // Created on a Saturday: counting starts at the next opening (Sunday 01:30).
    expect(calendar.addOpenSeconds(at('2024-03-16T12:00'), 600)).toBe(at('2024-03-17T01:40'));
    // A target that runs out exactly at closing time is due at closing time.
    expect(calendar.addOpenSeconds(at('2024-03-05T09:00'), 8 * 3600)).toBe(at('2024-03-05T17:00'));
    expect(calendar.addOpenSeconds(at('2024-03-08T09:00'), 4 * 3600)).toBe(at('2024-03-08T13:00'));
    expect(calendar.addOpenSeconds(at('2024-03-07T16:00'), 5 * 3600)).toBe(at('2024-03-08T13:00'));
    // Over the lunch break of the split Friday.
    expect(calendar.addOpenSeconds(at('2024-03-08T12:30'), 3600)).toBe(at('2024-03-08T14:30'));
    // Zero: the instant itself, even in closed time.
    expect(calendar.addOpenSeconds(at('2024-03-09T12:00'), 0)).toBe(at('2024-03-09T12:00'));
    // Across the Easter holidays.
    expect(calendar.addOpenSeconds(at('2024-03-28T16:00'), 7 * 3600)).toBe(at('2024-04-02T10:30'));
    // A long target: 30 working weeks.
    const from = at('2024-01-08T09:00');
    const due = calendar.addOpenSeconds(from, 30 * 45 * 3600);
    expect(calendar.openSeconds(from, due)).toBe(30 * 45 * 3600);
  });

  it('handles a schedule that never opens', () => {
    const closed = createBusinessCalendar({ timeZone: zone, hours: { sat: [], sun: [] } });
    expect(closed.openSeconds(at('2024-01-01T00:00'), at('2025-01-01T00:00'))).toBe(0);
    expect(closed.addOpenSeconds(at('2024-01-01T00:00'), 1)).toBe(Number.POSITIVE_INFINITY);
    expect(closed.isOpen(at('2024-01-01T12:00'))).toBe(false);
  });

  it('gives NaN for non-finite instants and a RangeError for a bad target', () => {
    expect(calendar.openSeconds(Number.NaN, at('2024-03-05T10:00'))).toBeNaN();
    expect(calendar.openSeconds(at('2024-03-05T10:00'), Number.NaN)).toBeNaN();
    expect(calendar.openSeconds(at('2024-03-05T10:00'), Number.POSITIVE_INFINITY)).toBeNaN();
    expect(calendar.addOpenSeconds(Number.NaN, 60)).toBeNaN();
    expect(calendar.isOpen(Number.NaN)).toBe(false);
    expect(() => calendar.addOpenSeconds(0, -1)).toThrow(RangeError);
    expect(() => calendar.addOpenSeconds(0, Number.NaN)).toThrow(RangeError);
  });

  it('works over the years 0001-9999 and gives NaN outside them', () => {
    const all = ['00:00-24:00'];
    const hours = { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all };
    // Two calendars: one spanning both ends would build a table over 10,000 years.
    const c = createBusinessCalendar({ timeZone: zone, hours });
    const d = createBusinessCalendar({ timeZone: zone, hours });
    const first = Date.parse('0001-01-01T00:00:00Z');
    const last = Date.parse('9999-12-31T00:00:00Z') + DAY;
    expect(c.openSeconds(first, first + 10 * DAY)).toBe(10 * 86400);
    expect(d.openSeconds(last - 10 * DAY, last)).toBe(10 * 86400);
    expect(d.isOpen(last - 1)).toBe(true);
    expect(c.openSeconds(first - 1, first + DAY)).toBeNaN();
    expect(d.openSeconds(last - DAY, last + 1)).toBeNaN();
    expect(c.openSeconds(-8.64e15, 8.64e15)).toBeNaN();
    expect(d.isOpen(last + 1)).toBe(false);
    expect(d.addOpenSeconds(last - 1000, 1)).toBe(last);
    expect(d.addOpenSeconds(last - 1000, 5)).toBe(Number.POSITIVE_INFINITY);
  });

  it('copes with spans over decades, in both directions', () => {
    const c = createBusinessCalendar({ timeZone: zone, hours: { mon: ['09:00-17:00'] } });
    const a = at('1990-01-01T00:00'); // a Monday
    const b = at('2030-01-07T00:00'); // a Monday, 2088 weeks later
    expect(c.openSeconds(at('2024-05-06T10:00'), at('2024-05-06T11:00'))).toBe(3600);
    expect(c.openSeconds(a, b)).toBe(2088 * 8 * 3600);
  });
});

describe('properties', () => {
  const zone = 'Europe/Berlin';
  const calendar = createBusinessCalendar({ timeZone: zone, hours: OFFICE, holidays: HOLIDAYS });
  const start = Date.parse('2024-01-01T00:00:00Z');
  const end = Date.parse('2025-01-01T00:00:00Z');
  const wholeSecond = fc.integer({ min: start / 1000, max: end / 1000 }).map((s) => s * 1000);
  const anyMs = fc.integer({ min: start, max: end });
  const halfHour = fc.integer({ min: 0, max: (end - start) / 1_800_000 }).map((n) => start + n * 1_800_000);

  it('is additive: openSeconds(a, c) = openSeconds(a, b) + openSeconds(b, c)', () => {
    fc.assert(
      fc.property(fc.array(wholeSecond, { minLength: 3, maxLength: 3 }), (xs) => {
        const [a, b, c] = [...xs].sort((x, y) => x - y);
        expect(calendar.openSeconds(a, c)).toBe(calendar.openSeconds(a, b) + calendar.openSeconds(b, c));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(anyMs, { minLength: 3, maxLength: 3 }), (xs) => {
        const [a, b, c] = [...xs].sort((x, y) => x - y);
        expect(calendar.openSeconds(a, c)).toBeCloseTo(calendar.openSeconds(a, b) + calendar.openSeconds(b, c), 6);
      }),
      { numRuns: 2000 },
    );
  });

  it('is never negative and never more than the span', () => {
    fc.assert(
      fc.property(anyMs, anyMs, (a, b) => {
        const open = calendar.openSeconds(a, b);
        expect(open).toBeGreaterThanOrEqual(0);
        expect(open).toBeLessThanOrEqual(Math.max(0, (b - a) / 1000));
      }),
      { numRuns: 2000 },
    );
  });

  it('addOpenSeconds is the earliest instant with that much open time after from', () => {
    // Whole half-hours make targets that run out exactly at a closing time common.
    const halfHours = fc.integer({ min: 0, max: 2000 }).map((n) => n * 1800);
    fc.assert(
      fc.property(fc.oneof(anyMs, halfHour), fc.oneof(fc.integer({ min: 0, max: 40 * 24 * 3600 }), halfHours), (from, seconds) => {
        const due = calendar.addOpenSeconds(from, seconds);
        expect(due).toBeGreaterThanOrEqual(from);
        expect(calendar.openSeconds(from, due)).toBe(seconds);
        if (seconds > 0) {
          expect(calendar.openSeconds(from, due - 1)).toBeLessThan(seconds);
          // The last millisecond before the due time is open.
          expect(calendar.isOpen(due - 1)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('addOpenSeconds agrees with the brute force around the DST changes', () => {
    const oracle = bruteForce(zone, OFFICE, HOLIDAYS, '2024-10-16T00:00:00Z', '2024-11-08T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: oracle.start, max: oracle.start + 10 * DAY }), fc.integer({ min: 1, max: 40 * 3600 }), (from, seconds) => {
        const due = calendar.addOpenSeconds(from, seconds);
        expect(oracle.openSeconds(from, due)).toBe(seconds);
        expect(oracle.openSeconds(from, due - 1)).toBeLessThan(seconds);
      }),
      { numRuns: 500 },
    );
  });
});

describe('validation', () => {
  const make = (hours: WeeklyHours, holidays?: string[], timeZone = 'Europe/Berlin') => () =>
    createBusinessCalendar({ timeZone, hours, holidays });

  it('parseInterval reads HH:MM-HH:MM into minutes', () => {
    expect(parseInterval('09:00-17:00')).toEqual({ start: 540, end: 1020 });
    expect(parseInterval('00:00-24:00')).toEqual({ start: 0, end: 1440 });
    expect(parseInterval('13:30-13:31')).toEqual({ start: 810, end: 811 });
  });

  it.each([
    ['9-17', "bad business hours interval '9-17': expected HH:MM-HH:MM, e.g. 09:00-17:00"],
    ['9:00-17:00', "bad business hours interval '9:00-17:00': expected HH:MM-HH:MM, e.g. 09:00-17:00"],
    [' 09:00-17:00', "bad business hours interval ' 09:00-17:00': expected HH:MM-HH:MM, e.g. 09:00-17:00"],
    ['09:00 - 17:00', "bad business hours interval '09:00 - 17:00': expected HH:MM-HH:MM, e.g. 09:00-17:00"],
    ['', "bad business hours interval '': expected HH:MM-HH:MM, e.g. 09:00-17:00"],
    ['25:00-26:00', "bad business hours interval '25:00-26:00': times run from 00:00 to 24:00"],
    ['09:60-10:00', "bad business hours interval '09:60-10:00': times run from 00:00 to 24:00"],
    ['09:00-24:30', "bad business hours interval '09:00-24:30': times run from 00:00 to 24:00"],
    ['17:00-09:00', "bad business hours interval '17:00-09:00': it must end after it starts"],
    ['09:00-09:00', "bad business hours interval '09:00-09:00': it must end after it starts"],
    ['24:00-24:00', "bad business hours interval '24:00-24:00': it must end after it starts"],
  ])('rejects %j', (text, message) => {
    expect(() => parseInterval(text)).toThrow(UserError);
    expect(() => parseInterval(text)).toThrow(message);
    expect(make({ tue: ['08:00-08:30', text] })).toThrow(message);
  });

  it('rejects overlapping intervals of one day, naming them', () => {
    expect(make({ fri: ['12:00-17:00', '09:00-13:00'] })).toThrow(
      new UserError("business hours for fri overlap: '09:00-13:00' and '12:00-17:00'"),
    );
    expect(make({ mon: ['09:00-17:00', '09:00-17:00'] })).toThrow("business hours for mon overlap: '09:00-17:00' and '09:00-17:00'");
    // Touching intervals are fine.
    expect(make({ fri: ['09:00-13:00', '13:00-17:00'] })).not.toThrow();
  });

  it('rejects a bad holiday date, naming it', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-3-5', '05.03.2024', '2024-03-05T00:00', '']) {
      expect(make({ mon: ['09:00-17:00'] }, [bad])).toThrow(new UserError(`bad holiday date '${bad}': expected an existing date YYYY-MM-DD`));
    }
    expect(make({ mon: ['09:00-17:00'] }, ['2024-02-29'])).not.toThrow();
  });

  it('rejects an unknown weekday key, a non-list day and an unknown zone', () => {
    expect(make({ monday: ['09:00-17:00'] } as WeeklyHours)).toThrow(
      new UserError("bad business hours day 'monday': expected one of mon, tue, wed, thu, fri, sat, sun"),
    );
    expect(make({ mon: '09:00-17:00' } as unknown as WeeklyHours)).toThrow(
      new UserError('bad business hours for mon: expected a list like ["09:00-17:00"]'),
    );
    expect(make({ mon: ['09:00-17:00'] }, [], 'Mars/Base')).toThrow(new UserError("unknown time zone 'Mars/Base'"));
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatInstant, parsePeriod, PERIOD_FORMS, type Period } from '../../src/time/period.js';
import { UserError } from '../../src/errors.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A fixed "now": Monday 2024-04-15 12:00 UTC. */
const NOW = Date.parse('2024-04-15T12:00:00Z');

const parse = (text: string, zone = 'UTC', now = NOW): Period => parsePeriod(text, { zone, now });

/** [start, end) of a period as ISO strings in its zone. */
const span = (p: Period): [string, string] => [formatInstant(p.start, p.timeZone), formatInstant(p.end, p.timeZone)];

describe('absolute forms', () => {
  // text, label, [start, end) as local dates (midnight in each zone)
  const cases: Array<[string, string, string, string]> = [
    ['2024-03', '2024-03', '2024-03-01', '2024-04-01'],
    ['2024-02', '2024-02', '2024-02-01', '2024-03-01'],
    ['2024-12', '2024-12', '2024-12-01', '2025-01-01'],
    ['2024-W12', '2024-W12', '2024-03-18', '2024-03-25'],
    ['2024-w01', '2024-W01', '2024-01-01', '2024-01-08'],
    ['2021-W01', '2021-W01', '2021-01-04', '2021-01-11'],
    ['2020-W53', '2020-W53', '2020-12-28', '2021-01-04'],
    ['2019-W01', '2019-W01', '2018-12-31', '2019-01-07'],
    ['2026-W53', '2026-W53', '2026-12-28', '2027-01-04'],
    ['2024-Q1', '2024-Q1', '2024-01-01', '2024-04-01'],
    ['2024-q4', '2024-Q4', '2024-10-01', '2025-01-01'],
    ['2024', '2024', '2024-01-01', '2025-01-01'],
    ['2024-03-05', '2024-03-05', '2024-03-05', '2024-03-06'],
    ['2024-02-29', '2024-02-29', '2024-02-29', '2024-03-01'],
    ['2024-03-01..2024-03-15', '2024-03-01..2024-03-15', '2024-03-01', '2024-03-16'],
    ['2024-03-05..2024-03-05', '2024-03-05..2024-03-05', '2024-03-05', '2024-03-06'],
    ['2023-12-25..2024-01-07', '2023-12-25..2024-01-07', '2023-12-25', '2024-01-08'],
    [' 2024-03 ', '2024-03', '2024-03-01', '2024-04-01'],
  ];
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

  for (const zone of zones) {
    it.each(cases)(`%j in ${zone}`, (text, label, from, until) => {
      const p = parse(text, zone);
      expect(p.label).toBe(label);
      expect(p.timeZone).toBe(zone);
      expect(p.start).toBe(DateTime.fromISO(from, { zone }).toMillis());
      expect(p.end).toBe(DateTime.fromISO(until, { zone }).toMillis());
      // boundaries are local midnights
      expect(DateTime.fromMillis(p.start, { zone }).toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
      expect(DateTime.fromMillis(p.end, { zone }).toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
    });
  }

  it('gives exact instants with the zone offsets', () => {
    expect(span(parse('2024-03', 'Europe/Berlin'))).toEqual(['2024-03-01T00:00:00.000+01:00', '2024-04-01T00:00:00.000+02:00']);
    expect(span(parse('2024-03', 'UTC'))).toEqual(['2024-03-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z']);
    expect(span(parse('2024-11', 'America/New_York'))).toEqual(['2024-11-01T00:00:00.000-04:00', '2024-12-01T00:00:00.000-05:00']);
    expect(span(parse('2024-03-05', 'Asia/Kolkata'))).toEqual(['2024-03-05T00:00:00.000+05:30', '2024-03-06T00:00:00.000+05:30']);
    expect(parse('2024-03-05', 'Asia/Kolkata').start).toBe(Date.parse('2024-03-04T18:30:00Z'));
  });

  it('months and days that hold a DST change have the right length', () => {
    const hours = (text: string, zone: string) => {
      const p = parse(text, zone);
      return (p.end - p.start) / HOUR;
    };
    expect(hours('2024-03', 'UTC')).toBe(744);
    expect(hours('2024-03', 'Europe/Berlin')).toBe(743);
    expect(hours('2024-10', 'Europe/Berlin')).toBe(745);
    expect(hours('2024-03', 'America/New_York')).toBe(743);
    expect(hours('2024-11', 'America/New_York')).toBe(721);
    expect(hours('2024-03', 'Asia/Kolkata')).toBe(744);
    expect(hours('2024-03-31', 'Europe/Berlin')).toBe(23);
    expect(hours('2024-10-27', 'Europe/Berlin')).toBe(25);
    expect(hours('2024-W13', 'Europe/Berlin')).toBe(167);
    expect(hours('2024', 'Europe/Berlin')).toBe(8784);
    expect(hours('2024-Q1', 'America/New_York')).toBe(2183);
  });

  it('starts a day at its first instant where midnight does not exist (America/Havana)', () => {
    // 2024-03-10 00:00 -> 01:00 in Havana
    const p = parse('2024-03-10', 'America/Havana');
    expect(span(p)).toEqual(['2024-03-10T01:00:00.000-04:00', '2024-03-11T00:00:00.000-04:00']);
  });

  it('ISO week-years: weeks 52 and 53', () => {
    expect(() => parse('2020-W53')).not.toThrow();
    expect(() => parse('2015-W53')).not.toThrow();
    expect(() => parse('2024-W53')).toThrow(UserError);
    expect(() => parse('2021-W53')).toThrow(UserError);
    // consecutive weeks tile the week-year
    const w52 = parse('2020-W52');
    const w53 = parse('2020-W53');
    const next = parse('2021-W01');
    expect(w52.end).toBe(w53.start);
    expect(w53.end).toBe(next.start);
  });

  it('consecutive months, quarters and years tile time without gaps', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York']) {
      let prev = parse('2023-12', zone);
      for (let m = 1; m <= 12; m++) {
        const p = parse(`2024-${String(m).padStart(2, '0')}`, zone);
        expect(p.start).toBe(prev.end);
        prev = p;
      }
      expect(parse('2024', zone).start).toBe(parse('2024-Q1', zone).start);
      expect(parse('2024', zone).end).toBe(parse('2024-Q4', zone).end);
      expect(parse('2024-Q2', zone).start).toBe(parse('2024-Q1', zone).end);
    }
  });
});

describe('relative forms', () => {
  it('resolve around a fixed now (Monday 2024-04-15 12:00 UTC)', () => {
    const labels = Object.fromEntries(
      ['today', 'yesterday', 'this-week', 'last-week', 'this-month', 'last-month', 'last-7d', 'last-30d'].map((t) => [t, parse(t).label]),
    );
    expect(labels).toEqual({
      today: '2024-04-15',
      yesterday: '2024-04-14',
      'this-week': '2024-W16',
      'last-week': '2024-W15',
      'this-month': '2024-04',
      'last-month': '2024-03',
      'last-7d': '2024-04-08..2024-04-14',
      'last-30d': '2024-03-16..2024-04-14',
    });
  });

  it('equal the absolute period their label names', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      for (const t of ['today', 'yesterday', 'this-week', 'last-week', 'this-month', 'last-month', 'last-7d', 'last-30d']) {
        const p = parse(t, zone);
        expect(parse(p.label, zone)).toEqual(p);
      }
    }
  });

  it('last-7d and last-30d are the whole days before today, today excluded', () => {
    const p = parse('last-7d', 'Europe/Berlin');
    expect(p.end).toBe(parse('today', 'Europe/Berlin').start);
    expect(span(p)).toEqual(['2024-04-08T00:00:00.000+02:00', '2024-04-15T00:00:00.000+02:00']);
    const q = parse('last-30d', 'Europe/Berlin');
    expect(span(q)).toEqual(['2024-03-16T00:00:00.000+01:00', '2024-04-15T00:00:00.000+02:00']);
    expect((q.end - q.start) / HOUR).toBe(30 * 24 - 1); // holds the spring-forward day
    // stable at any hour of the day
    for (const hour of [0, 5, 13, 23]) {
      const now = DateTime.fromObject({ year: 2024, month: 4, day: 15, hour, minute: 59 }, { zone: 'Europe/Berlin' }).toMillis();
      expect(parse('last-7d', 'Europe/Berlin', now)).toEqual(p);
    }
  });

  it('near a year boundary, on a Sunday (2021-01-03)', () => {
    const now = Date.parse('2021-01-03T12:00:00Z');
    const at = (t: string) => parse(t, 'UTC', now);
    expect(at('today').label).toBe('2021-01-03');
    expect(at('yesterday').label).toBe('2021-01-02');
    expect(at('this-week').label).toBe('2020-W53');
    expect(span(at('this-week'))).toEqual(['2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z']);
    expect(at('last-week').label).toBe('2020-W52');
    expect(at('this-month').label).toBe('2021-01');
    expect(at('last-month').label).toBe('2020-12');
    expect(at('last-7d').label).toBe('2020-12-27..2021-01-02');
    expect(at('last-30d').label).toBe('2020-12-04..2021-01-02');
  });

  it('in January, last-month is December of the previous year; this-week can be W01 of the next', () => {
    const now = Date.parse('2024-12-31T10:00:00Z'); // a Tuesday in 2025-W01
    expect(parse('this-week', 'UTC', now).label).toBe('2025-W01');
    expect(parse('last-week', 'UTC', now).label).toBe('2024-W52');
    expect(parse('last-month', 'UTC', Date.parse('2025-01-01T00:00:00Z')).label).toBe('2024-12');
  });

  it('use the calendar day of now in the zone (Sunday evening in UTC is Monday in Asia)', () => {
    const now = Date.parse('2024-03-31T23:30:00Z'); // Sunday in UTC and New York, Monday in Berlin and Kolkata
    expect(parse('today', 'UTC', now).label).toBe('2024-03-31');
    expect(parse('this-week', 'UTC', now).label).toBe('2024-W13');
    expect(parse('this-month', 'UTC', now).label).toBe('2024-03');
    expect(parse('today', 'America/New_York', now).label).toBe('2024-03-31');
    expect(parse('today', 'Europe/Berlin', now).label).toBe('2024-04-01');
    expect(parse('this-week', 'Europe/Berlin', now).label).toBe('2024-W14');
    expect(parse('this-month', 'Asia/Kolkata', now).label).toBe('2024-04');
    expect(parse('last-month', 'Asia/Kolkata', now).label).toBe('2024-03');
    expect(parse('yesterday', 'Europe/Berlin', now).label).toBe('2024-03-31');
    expect((parse('yesterday', 'Europe/Berlin', now).end - parse('yesterday', 'Europe/Berlin', now).start) / HOUR).toBe(23);
  });

  it('are case-insensitive', () => {
    expect(parse('Today').label).toBe('2024-04-15');
    expect(parse('LAST-MONTH').label).toBe('2024-03');
  });

  it('properties: current periods contain now, and previous ones end where current ones start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2090-01-01T00:00:00Z') }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'),
        (now, zone) => {
          const at = (t: string) => parse(t, zone, now);
          for (const t of ['today', 'this-week', 'this-month']) {
            const p = at(t);
            expect(p.start).toBeLessThanOrEqual(now);
            expect(p.end).toBeGreaterThan(now);
          }
          expect(at('yesterday').end).toBe(at('today').start);
          expect(at('last-week').end).toBe(at('this-week').start);
          expect(at('last-month').end).toBe(at('this-month').start);
          expect(at('last-7d').end).toBe(at('today').start);
          expect(at('last-30d').end).toBe(at('today').start);
          const week = at('this-week');
          expect(Math.abs(week.end - week.start - 7 * DAY)).toBeLessThanOrEqual(HOUR);
          expect(DateTime.fromMillis(week.start, { zone }).weekday).toBe(1);
          const d7 = at('last-7d');
          expect(Math.abs(d7.end - d7.start - 7 * DAY)).toBeLessThanOrEqual(HOUR);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('errors', () => {
  const bad: Array<[string, RegExp]> = [
    ['2024-13', /month must be 01-12/],
    ['2024-00', /month must be 01-12/],
    ['2024-W54', /week must be 01-52/],
    ['2024-W53', /2024 has 52 ISO weeks/],
    ['2024-W00', /week must be/],
    ['2024-Q0', /quarter must be Q1-Q4/],
    ['2024-Q5', /quarter must be Q1-Q4/],
    ['2023-02-29', /not a date/],
    ['2024-04-31', /not a date/],
    ['2024-03-16..2024-03-01', /ends .* before it starts/],
    ['2024-03-01..', /a range is two days/],
    ['2024-03..2024-04', /a range is two days/],
    ['2024-03-01..2024-13-01', /month must be 01-12/],
    ['lastweek', /not a period/],
    ['last-8d', /not a period/],
    ['tomorrow', /not a period/],
    ['', /not a period/],
    ['24-03', /not a period/],
    ['2024-3', /not a period/],
    ['March 2024', /not a period/],
  ];
  it.each(bad)('%j', (text, reason) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toMatch(reason);
    expect(message.startsWith(`bad --period '${text}': `)).toBe(true);
    expect(message).toContain(PERIOD_FORMS.join(', '));
  });

  it('rejects an unknown zone', () => {
    expect(() => parsePeriod('2024-03', { zone: 'Mars/Base', now: NOW })).toThrow(UserError);
    expect(() => parsePeriod('2024-03', { zone: 'Mars/Base', now: NOW })).toThrow("unknown time zone 'Mars/Base'");
  });
});

describe('PERIOD_FORMS', () => {
  it('lists forms that all parse', () => {
    expect(PERIOD_FORMS.length).toBe(14);
    for (const form of PERIOD_FORMS) expect(() => parse(form, 'Europe/Berlin')).not.toThrow();
  });
});

describe('formatInstant', () => {
  it('writes ISO 8601 with the zone offset at that instant', () => {
    const ms = Date.parse('2024-03-01T00:00:00+01:00');
    expect(formatInstant(ms, 'Europe/Berlin')).toBe('2024-03-01T00:00:00.000+01:00');
    expect(formatInstant(Date.parse('2024-07-01T12:34:56.789Z'), 'Europe/Berlin')).toBe('2024-07-01T14:34:56.789+02:00');
    expect(formatInstant(ms, 'Asia/Kolkata')).toBe('2024-03-01T04:30:00.000+05:30');
    expect(formatInstant(ms, 'America/New_York')).toBe('2024-02-29T18:00:00.000-05:00');
    expect(formatInstant(Date.parse('2024-01-15T00:00:00Z'), 'Europe/London')).toBe('2024-01-15T00:00:00.000+00:00');
  });

  it('writes Z for UTC under any of its names', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'utc']) {
      expect(formatInstant(0, zone)).toBe('1970-01-01T00:00:00.000Z');
    }
  });

  it('round-trips through Date.parse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1950-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
        (ms, zone) => {
          expect(Date.parse(formatInstant(ms, zone))).toBe(ms);
        },
      ),
    );
  });

  it('rejects a non-instant and an unknown zone', () => {
    expect(() => formatInstant(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => formatInstant(0, 'Mars/Base')).toThrow(UserError);
  });
});

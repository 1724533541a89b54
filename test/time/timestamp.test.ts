import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { assertZone, createTimestampParser, daysFromCivil } from '../../src/time/timestamp.js';
import { UserError } from '../../src/errors.js';

const utc = createTimestampParser({ zone: 'UTC' });
const berlin = createTimestampParser({ zone: 'Europe/Berlin' });
const newYork = createTimestampParser({ zone: 'America/New_York', dateOrder: 'mdy' });
const kolkata = createTimestampParser({ zone: 'Asia/Kolkata' });
const utcMdy = createTimestampParser({ zone: 'UTC', dateOrder: 'mdy' });

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad expectation ${iso}`);
  return ms;
};

describe('daysFromCivil', () => {
  it('matches Date.UTC', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        expect(daysFromCivil(y, m, d) * 86_400_000).toBe(date.getTime());
      }),
    );
  });
});

describe('ISO 8601 / RFC 3339 with a zone', () => {
  const cases: Array<[string, string]> = [
    ['2024-03-05T14:02:11Z', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05T14:02Z', '2024-03-05T14:02:00.000Z'],
    ['2024-03-05t14:02:11z', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05 14:02:11Z', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05T14:02:11.5Z', '2024-03-05T14:02:11.500Z'],
    ['2024-03-05T14:02:11.12Z', '2024-03-05T14:02:11.120Z'],
    ['2024-03-05T14:02:11.123Z', '2024-03-05T14:02:11.123Z'],
    ['2024-03-05T14:02:11.123456Z', '2024-03-05T14:02:11.123Z'],
    ['2024-03-05T14:02:11.999999999Z', '2024-03-05T14:02:11.999Z'],
    ['2024-03-05T14:02:11,25Z', '2024-03-05T14:02:11.250Z'],
    ['2024-03-05T14:02:11+01:00', '2024-03-05T13:02:11.000Z'],
    ['2024-03-05T14:02:11+0100', '2024-03-05T13:02:11.000Z'],
    ['2024-03-05T14:02:11+01', '2024-03-05T13:02:11.000Z'],
    ['2024-03-05T14:02:11-05:30', '2024-03-05T19:32:11.000Z'],
    ['2024-03-05T14:02:11.250-05:00', '2024-03-05T19:02:11.250Z'],
    ['2024-03-05T14:02:11+00:00', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05T14:02:11-00:00', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05T00:30:00+05:30', '2024-03-04T19:00:00.000Z'],
    ['2024-03-05 14:02:11 UTC', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05 14:02:11 GMT', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05 14:02:11 utc', '2024-03-05T14:02:11.000Z'],
    ['2024-03-05 14:02:11 GMT+01:00', '2024-03-05T13:02:11.000Z'],
    ['2024-03-05 14:02:11 +0100', '2024-03-05T13:02:11.000Z'],
    ['05/03/2024 14:02 UTC', '2024-03-05T14:02:00.000Z'],
    ['5/3/2024 2:05 PM -05:00', '2024-03-05T19:05:00.000Z'],
    ['  2024-03-05T14:02:11Z \n', '2024-03-05T14:02:11.000Z'],
    ['\uFEFF2024-03-05T14:02:11Z', '2024-03-05T14:02:11.000Z'],
    ['1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z'],
  ];
  it.each(cases)('%j', (text, expected) => {
    // The zone for naive times must not matter when the text has its own zone.
    expect(utc(text)).toBe(at(expected));
    expect(berlin(text)).toBe(at(expected));
    expect(kolkata(text)).toBe(at(expected));
  });
});

describe('naive times, read in the zone', () => {
  const cases: Array<[string, string]> = [
    ['2024-03-05', '2024-03-05T00:00:00Z'],
    ['2024-03-05T14:02', '2024-03-05T14:02:00Z'],
    ['2024-03-05T14:02:11', '2024-03-05T14:02:11Z'],
    ['2024-03-05 14:02:11', '2024-03-05T14:02:11Z'],
    ['2024-03-05 14:02:11.5', '2024-03-05T14:02:11.500Z'],
    ['2024/03/05 14:02', '2024-03-05T14:02:00Z'],
    ['2024/3/5', '2024-03-05T00:00:00Z'],
    ['05/03/2024 14:02', '2024-03-05T14:02:00Z'],
    ['05/03/2024', '2024-03-05T00:00:00Z'],
    ['5/3/2024 1:16', '2024-03-05T01:16:00Z'],
    ['05.03.2024 14:02', '2024-03-05T14:02:00Z'],
    ['05.03.2024 14:02:59', '2024-03-05T14:02:59Z'],
    ['05-03-2024 14:02', '2024-03-05T14:02:00Z'],
    ['25/03/2024 14:02', '2024-03-25T14:02:00Z'],
    ['03/25/2024 14:02', '2024-03-25T14:02:00Z'], // second > 12: month first, against dateOrder
    ['05/03/2024, 14:02', '2024-03-05T14:02:00Z'],
    ['05/03/2024 2:05 PM', '2024-03-05T14:05:00Z'],
    ['05/03/2024 2:05PM', '2024-03-05T14:05:00Z'],
    ['05/03/2024 2:05:09 pm', '2024-03-05T14:05:09Z'],
    ['05/03/2024 12:00 AM', '2024-03-05T00:00:00Z'],
    ['05/03/2024 12:30 PM', '2024-03-05T12:30:00Z'],
    ['05/03/2024 11:59 PM', '2024-03-05T23:59:00Z'],
    ['05/03/2024 2:05\u202FPM', '2024-03-05T14:05:00Z'],
    ['2024-03-05 24:00', '2024-03-06T00:00:00Z'],
    ['2024-12-31T24:00:00', '2025-01-01T00:00:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
    ['2000-02-29', '2000-02-29T00:00:00Z'],
  ];
  it.each(cases)('%j in UTC', (text, expected) => {
    expect(utc(text)).toBe(at(expected));
  });

  it('honours dateOrder for ambiguous slashed and dashed dates', () => {
    expect(utc('05/03/2024')).toBe(at('2024-03-05T00:00:00Z'));
    expect(utcMdy('05/03/2024')).toBe(at('2024-05-03T00:00:00Z'));
    expect(utcMdy('05-03-2024 14:02')).toBe(at('2024-05-03T14:02:00Z'));
    expect(utcMdy('3/5/2024 2:05 PM')).toBe(at('2024-03-05T14:05:00Z'));
    // a first number over 12 can only be a day, whatever dateOrder says
    expect(utcMdy('25/03/2024')).toBe(at('2024-03-25T00:00:00Z'));
    expect(utc('03/25/2024')).toBe(at('2024-03-25T00:00:00Z'));
    // dotted dates are always day.month.year
    expect(utcMdy('05.03.2024')).toBe(at('2024-03-05T00:00:00Z'));
    expect(utcMdy('03.25.2024')).toBeNaN();
  });

  it('reads the wall time in the zone', () => {
    expect(berlin('2024-03-05 14:02:11')).toBe(at('2024-03-05T14:02:11+01:00'));
    expect(berlin('2024-07-05 14:02:11')).toBe(at('2024-07-05T14:02:11+02:00'));
    expect(berlin('2024-03-05')).toBe(at('2024-03-05T00:00:00+01:00'));
    expect(berlin('05.03.2024 14:02')).toBe(at('2024-03-05T14:02:00+01:00'));
    expect(newYork('3/5/2024 2:05 PM')).toBe(at('2024-03-05T14:05:00-05:00'));
    expect(newYork('2024-07-04T09:00')).toBe(at('2024-07-04T09:00:00-04:00'));
    expect(kolkata('2024-03-05 14:02:11')).toBe(at('2024-03-05T14:02:11+05:30'));
    expect(kolkata('2024-03-05')).toBe(at('2024-03-04T18:30:00Z'));
  });
});

describe('daylight saving time', () => {
  it('moves a wall time in a gap forward by the gap (Europe/Berlin)', () => {
    // 2024-03-31: 02:00 CET -> 03:00 CEST
    expect(berlin('2024-03-31 01:59:59')).toBe(at('2024-03-31T01:59:59+01:00'));
    expect(berlin('2024-03-31 02:00')).toBe(at('2024-03-31T03:00:00+02:00'));
    expect(berlin('2024-03-31 02:30')).toBe(at('2024-03-31T03:30:00+02:00'));
    expect(berlin('2024-03-31 03:00')).toBe(at('2024-03-31T03:00:00+02:00'));
    expect(berlin('2024-03-31 03:30')).toBe(at('2024-03-31T03:30:00+02:00'));
  });

  it('takes the earlier instant in an overlap (Europe/Berlin)', () => {
    // 2024-10-27: 03:00 CEST -> 02:00 CET, so 02:00-02:59 happen twice
    expect(berlin('2024-10-27 01:59')).toBe(at('2024-10-27T01:59:00+02:00'));
    expect(berlin('2024-10-27 02:00')).toBe(at('2024-10-27T02:00:00+02:00'));
    expect(berlin('2024-10-27 02:30')).toBe(at('2024-10-27T02:30:00+02:00'));
    expect(berlin('2024-10-27 02:59:59')).toBe(at('2024-10-27T02:59:59+02:00'));
    expect(berlin('2024-10-27 03:00')).toBe(at('2024-10-27T03:00:00+01:00'));
  });

  it('handles America/New_York gap and overlap', () => {
    // 2024-03-10: 02:00 EST -> 03:00 EDT; 2024-11-03: 02:00 EDT -> 01:00 EST
    expect(newYork('2024-03-10 02:30')).toBe(at('2024-03-10T03:30:00-04:00'));
    expect(newYork('03/10/2024 2:30 AM')).toBe(at('2024-03-10T03:30:00-04:00'));
    expect(newYork('2024-03-10 01:59')).toBe(at('2024-03-10T01:59:00-05:00'));
    expect(newYork('2024-03-10 03:00')).toBe(at('2024-03-10T03:00:00-04:00'));
    expect(newYork('2024-11-03 01:30')).toBe(at('2024-11-03T01:30:00-04:00'));
    expect(newYork('2024-11-03 00:59')).toBe(at('2024-11-03T00:59:00-04:00'));
    expect(newYork('2024-11-03 02:00')).toBe(at('2024-11-03T02:00:00-05:00'));
  });

  it('handles a zone with half-hour DST (Australia/Lord_Howe)', () => {
    const lordHowe = createTimestampParser({ zone: 'Australia/Lord_Howe' });
    // 2024-10-06: 02:00 +10:30 -> 02:30 +11:00; 2024-04-07: 02:00 +11:00 -> 01:30 +10:30
    expect(lordHowe('2024-10-06 02:15')).toBe(at('2024-10-06T02:45:00+11:00'));
    expect(lordHowe('2024-10-06 02:45')).toBe(at('2024-10-06T02:45:00+11:00'));
    expect(lordHowe('2024-04-07 01:45')).toBe(at('2024-04-07T01:45:00+11:00'));
    expect(lordHowe('2024-04-07 02:15')).toBe(at('2024-04-07T02:15:00+10:30'));
  });

  it('a zone whose DST gap is at midnight (America/Havana)', () => {
    const havana = createTimestampParser({ zone: 'America/Havana' });
    // 2024-03-10: 00:00 CST -> 01:00 CDT
    expect(havana('2024-03-10')).toBe(at('2024-03-10T01:00:00-04:00'));
  });
});

describe('invalid input gives NaN', () => {
  const bad = [
    '', ' ', 'abc', 'null', 'NaN', '2024', '2024-03', '12:00', '2024-03-05T', '2024-03-05 T10:00',
    '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-03-00', '2024-03-32',
    '2024-03-05 25:00', '2024-03-05 24:01', '2024-03-05 24:00:01', '2024-03-05 23:60', '2024-03-05 23:59:60',
    '2024-03-05T14', '2024-03-05T14:2', '2024-03-05T14:02:1', '2024-03-05T14:02:11.', '2024-03-05T14:02:11Zulu',
    '2024-03-05T14:02:11+1', '2024-03-05T14:02:11+01:0', '2024-03-05T14:02:11+24:00', '2024-03-05T14:02:11+01:60',
    '2024-03-05T14:02:11 CET', '2024-03-05T14:02:11Z extra', '2024-03-05T14:02:11ZZ', '2024-03/05',
    '2024-003-05', '20240305', '24-03-05', '05/03/24', '5/3/20245', '13/13/2024', '00/03/2024',
    '05/03/2024 13:00 PM', '05/03/2024 0:30 AM', '05/03/2024 2:05 XM', '2024-03-05T-1:00',
    '2024-03-05x14:02', '2024--03-05', '+2024-03-05', '2024-03-05T14:02:11+', '2024-03-05 14:02 UTC+',
    '\u0660\u0662-03-2024', '2024-03-05T14:02:11.5e3Z', '1e12',
  ];
  it.each(bad)('%j', (text) => {
    expect(utc(text)).toBeNaN();
    expect(berlin(text)).toBeNaN();
  });

  it('never throws, and returns NaN or a whole number of milliseconds, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9:\/.\- TZ+APMUTCG]{0,30}$/)), (text) => {
        const ms = berlin(text);
        expect(Number.isNaN(ms) || Number.isInteger(ms)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('returns NaN for non-strings (robust against untyped callers)', () => {
    expect(utc(undefined as unknown as string)).toBeNaN();
    expect(utc(12 as unknown as string)).toBeNaN();
  });
});

describe('zones', () => {
  it('assertZone throws a UserError for an unknown zone', () => {
    expect(() => assertZone('Mars/Base')).toThrow(UserError);
    expect(() => assertZone('Mars/Base')).toThrow("unknown time zone 'Mars/Base'");
    expect(() => assertZone('')).toThrow(UserError);
    expect(() => createTimestampParser({ zone: 'Mars/Base' })).toThrow(UserError);
    expect(() => assertZone('Europe/Berlin')).not.toThrow();
    expect(() => assertZone('UTC')).not.toThrow();
    expect(() => assertZone('Etc/GMT+5')).not.toThrow();
  });

  it('handles fixed-offset Etc zones', () => {
    const gmtPlus5 = createTimestampParser({ zone: 'Etc/GMT+5' }); // POSIX sign: UTC-5
    expect(gmtPlus5('2024-03-05 10:00')).toBe(at('2024-03-05T15:00:00Z'));
  });
});

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Wall-clock fields of a "local ms" value (a wall time encoded as UTC). */
function fields(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
  };
}

describe('properties', () => {
  const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });

  it('an instant written as ISO 8601 with any offset parses back to that instant', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -14 * 4, max: 14 * 4 }).map((quarters) => quarters * 15),
        fc.constantFrom('colon', 'compact', 'hours'),
        fc.constantFrom('T', 't', ' '),
        fc.constantFrom('none', 'ms', 'long'),
        fc.constantFrom('Europe/Berlin', 'UTC', 'Asia/Kolkata'), // parser zone must not matter
        (ms, offsetMinutes, offsetStyle, sep, fraction, zone) => {
          if (offsetStyle === 'hours' && offsetMinutes % 60 !== 0) offsetStyle = 'colon';
          const expected = fraction === 'none' ? ms - (((ms % 1000) + 1000) % 1000) : ms;
          const f = fields(ms + offsetMinutes * 60_000);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const hh = pad(Math.floor(abs / 60));
          const mm = pad(abs % 60);
          const offset = offsetMinutes === 0 && offsetStyle === 'hours' ? 'Z'
            : offsetStyle === 'colon' ? `${sign}${hh}:${mm}` : offsetStyle === 'compact' ? `${sign}${hh}${mm}` : `${sign}${hh}`;
          const frac = fraction === 'none' ? '' : fraction === 'ms' ? `.${pad(f.ms, 3)}` : `.${pad(f.ms, 3)}987`;
          const text = `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}${sep}${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}${frac}${offset}`;
          expect(createTimestampParser({ zone })(text)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  const zones = [
    'UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'America/Sao_Paulo',
    'America/Santiago', 'America/St_Johns', 'America/Havana', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Tehran',
    'Australia/Adelaide', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Apia', 'Africa/Casablanca',
  ];
  const wall = fc.record({
    y: fc.integer({ min: 1971, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    ms: fc.integer({ min: 0, max: 999 }),
  }).filter((w) => w.d <= new Date(Date.UTC(w.y, w.mo, 0)).getUTCDate());

  /** Compares our reading of a naive wall time with luxon's, allowing for overlaps. */
  function checkAgainstLuxon(text: string, w: { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number }, zone: string): void {
    const mine = createTimestampParser({ zone })(text);
    const theirs = DateTime.fromISO(text, { zone });
    expect(theirs.isValid).toBe(true);
    // Read luxon's instant back rather than its fields: at some changes (Pacific/Apia,
    // 2011-04-02 04:00) fromISO keeps the offset of before the change in the fields it shows.
    const read = DateTime.fromMillis(theirs.toMillis(), { zone });
    const exists = read.year === w.y && read.month === w.mo && read.day === w.d && read.hour === w.h && read.minute === w.mi;
    if (!exists) {
      // In a gap: moved forward by the length of the gap, as luxon also does.
      const inputWall = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms);
      const shownWall = mine + DateTime.fromMillis(mine, { zone }).offset * 60_000;
      expect(shownWall).toBeGreaterThan(inputWall);
      expect(shownWall - inputWall).toBeLessThanOrEqual(86_400_000);
      expect(mine).toBe(theirs.toMillis());
      return;
    }
    if (mine !== theirs.toMillis()) {
      // In an overlap luxon's pick depends on the current date; ours is the earlier instant.
      const shown = DateTime.fromMillis(mine, { zone });
      expect([shown.year, shown.month, shown.day, shown.hour, shown.minute, shown.second]).toEqual([w.y, w.mo, w.d, w.h, w.mi, w.s]);
      expect(mine).toBeLessThan(theirs.toMillis());
      return;
    }
    expect(mine).toBe(theirs.toMillis());
  }

  it('the first wall time after a change back agrees with luxon (Pacific/Apia, 2011-04-02 04:00)', () => {
    checkAgainstLuxon('2011-04-02T04:00:00.000', { y: 2011, mo: 4, d: 2, h: 4, mi: 0, s: 0, ms: 0 }, 'Pacific/Apia');
    expect(createTimestampParser({ zone: 'Pacific/Apia' })('2011-04-02T04:00:00.000')).toBe(Date.UTC(2011, 3, 2, 15));
  });

  it('naive wall times agree with luxon DateTime.fromISO in the same zone', () => {
    fc.assert(
      fc.property(wall, fc.constantFrom(...zones), (w, zone) => {
        const text = `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}.${pad(w.ms, 3)}`;
        checkAgainstLuxon(text, w, zone);
      }),
      { numRuns: 4000 },
    );
  });

  it('naive wall times near DST changes agree with luxon (overlaps aside)', () => {
    // Wall times within a few hours of the 2024 changes in each zone.
    const changes: Array<[string, number]> = [];
    for (const zone of zones) {
      let prev = DateTime.fromObject({ year: 2024, month: 1, day: 1 }, { zone });
      for (let t = prev.plus({ hours: 1 }); t.year < 2025; t = t.plus({ hours: 1 })) {
        if (t.offset !== prev.offset) changes.push([zone, t.toMillis()]);
        prev = t;
      }
    }
    expect(changes.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.constantFrom(...changes), fc.integer({ min: -180, max: 180 }), ([zone, change], minutes) => {
        const f = fields(change + DateTime.fromMillis(change, { zone }).offset * 60_000 + minutes * 60_000);
        const w = { ...f, ms: 0, s: 0 };
        const text = `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
        checkAgainstLuxon(text, w, zone);
      }),
      { numRuns: 3000 },
    );
  });

  it('every accepted naive form of a wall time gives the same instant', () => {
    fc.assert(
      fc.property(wall, fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'), (w, zone) => {
        const dmy = createTimestampParser({ zone });
        const mdy = createTimestampParser({ zone, dateOrder: 'mdy' });
        const time = `${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
        const expected = dmy(`${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)} ${time}`);
        const h12 = w.h % 12 === 0 ? 12 : w.h % 12;
        const ampm = w.h < 12 ? 'AM' : 'PM';
        expect(dmy(`${pad(w.y, 4)}/${pad(w.mo)}/${pad(w.d)} ${time}`)).toBe(expected);
        expect(dmy(`${pad(w.d)}/${pad(w.mo)}/${w.y} ${time}`)).toBe(expected);
        expect(dmy(`${w.d}/${w.mo}/${w.y} ${w.h}:${pad(w.mi)}:${pad(w.s)}`)).toBe(expected);
        expect(dmy(`${pad(w.d)}-${pad(w.mo)}-${w.y} ${time}`)).toBe(expected);
        expect(dmy(`${pad(w.d)}.${pad(w.mo)}.${w.y} ${time}`)).toBe(expected);
        expect(mdy(`${pad(w.mo)}/${pad(w.d)}/${w.y} ${time}`)).toBe(expected);
        expect(mdy(`${w.mo}/${w.d}/${w.y} ${h12}:${pad(w.mi)}:${pad(w.s)} ${ampm}`)).toBe(expected);
        expect(mdy(`${pad(w.d)}.${pad(w.mo)}.${w.y} ${time}`)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

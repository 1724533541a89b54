import { zoneResolver } from './zone.js';

export { assertZone } from './zone.js';

/** Order of day and month in slashed or dashed dates like 05/03/2024. */
export type DateOrder = 'dmy' | 'mdy';

export interface TimestampOptions {
  /** IANA zone for naive (offset-less) times, e.g. 'UTC', 'Europe/Berlin'. */
  zone: string;
  /** Order of day and month in slashed dates like 05/03/2024; default 'dmy'. */
  dateOrder?: DateOrder;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// Character codes used by the scanner.
const C_0 = 48;
const C_9 = 57;
const C_PLUS = 43;
const C_COMMA = 44;
const C_DASH = 45;
const C_DOT = 46;
const C_SLASH = 47;
const C_COLON = 58;

/** Whitespace trimmed around a value and allowed between its parts (incl. NBSP, U+202F, BOM). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0xfeff;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's
 * days_from_civil): pure integer arithmetic, no Date object.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = ((153 * mp + 2) / 5 | 0) + day - 1;
  const doe = yoe * 365 + (yoe / 4 | 0) - (yoe / 100 | 0) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Returns a parser from text to epoch milliseconds, or NaN when the text is not a valid
 * timestamp. The parser never throws on any input string and allocates nothing per call:
 * it scans character codes by hand and caches the zone's offsets (see zone.ts), because it
 * runs once per timestamp cell on millions of rows. Creating the parser throws a UserError
 * for an unknown zone.
 *
 * Accepted (after trimming surrounding whitespace):
 * - Dates: `2024-03-05` and `2024/03/05` (year first); `05/03/2024` and `05-03-2024`, read as
 *   day-month or month-day per `dateOrder`, except that a first number over 12 forces
 *   day-month and a second number over 12 forces month-day; `05.03.2024` (always
 *   day-month). Month and day may be unpadded (`5/3/2024`); the year has four digits.
 * - An optional time after `T`, `t`, or whitespace (optionally a comma first): `H:MM`,
 *   `H:MM:SS`, `H:MM:SS.fff` (`.` or `,`, any number of fraction digits), then optionally
 *   `AM`/`PM` (12-hour clock, hour 1-12; 12 AM is midnight).
 * - An optional zone after the time: `Z`, `+01:00`, `+0100`, `+01`, `-05:30`, ` UTC`, ` GMT`
 *   (also `UTC+01:00`). With a zone the text denotes that instant; without one (a naive
 *   time, or a date alone, which means midnight) it is a wall-clock time in `zone`.
 *
 * Choices:
 * - Fractional seconds are truncated to the millisecond (`.1239` -> 123 ms), as Date.parse
 *   and luxon do, so a value never rounds up into the next second, minute or day.
 * - `24:00` (also `24:00:00`, `24:00:00.000`) is accepted, as ISO 8601 allows, and means
 *   midnight at the end of that day (= 00:00 of the next day). Any other hour over 23, a
 *   minute or second over 59 (leap seconds included), month 0 or 13, or a day not in the
 *   month (2023-02-29) gives NaN.
 * - Naive times in a DST gap (2024-03-31 02:30 in Europe/Berlin does not exist) move forward
 *   by the gap (-> 03:30 CEST); naive times in an overlap (2024-10-27 02:30 in
 *   Europe/Berlin happens twice) give the earlier instant (02:30 CEST). This is Temporal's
 *   'compatible' disambiguation.
 */
export function createTimestampParser(options: TimestampOptions): (text: string) => number {
  const resolver = zoneResolver(options.zone); // throws UserError for an unknown zone
  const monthFirst = options.dateOrder === 'mdy';

  return function parseTimestamp(text: string): number {
    if (typeof text !== 'string') return Number.NaN;
    let i = 0;
    let end = text.length;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
    if (end - i < 8) return Number.NaN; // shortest date: 1/1/2024, 2024-1-1

    // ---- date: three numbers with one separator (- / .) between them ----
    let c = 0;
    let start = i;
    let first = 0;
    while (i < end && (c = text.charCodeAt(i)) >= C_0 && c <= C_9) {
      first = first * 10 + (c - C_0);
      i++;
    }
    const firstLength = i - start;
    if (i >= end) return Number.NaN;
    const sep = text.charCodeAt(i);
    if (sep !== C_DASH && sep !== C_SLASH && sep !== C_DOT) return Number.NaN;
    i++;

    start = i;
    let second = 0;
    while (i < end && (c = text.charCodeAt(i)) >= C_0 && c <= C_9) {
      second = second * 10 + (c - C_0);
      i++;
    }
    if (i - start < 1 || i - start > 2 || i >= end || text.charCodeAt(i) !== sep) return Number.NaN;
    i++;

    start = i;
    let third = 0;
    while (i < end && (c = text.charCodeAt(i)) >= C_0 && c <= C_9) {
      third = third * 10 + (c - C_0);
      i++;
    }
    const thirdLength = i - start;

    let year: number;
    let month: number;
    let day: number;
    if (firstLength === 4) {
      if (thirdLength < 1 || thirdLength > 2) return Number.NaN;
      year = first;
      month = second;
      day = third;
    } else if (firstLength === 1 || firstLength === 2) {
      if (thirdLength !== 4) return Number.NaN;
      year = third;
      if (sep === C_DOT) {
        day = first; // German dotted dates are always day.month.year
        month = second;
      } else if (first > 12) {
        day = first;
        month = second;
      } else if (second > 12) {
        month = first;
        day = second;
      } else if (monthFirst) {
        month = first;
        day = second;
      } else {
        day = first;
        month = second;
      }
    } else {
      return Number.NaN;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;

    const days = daysFromCivil(year, month, day);
    if (i === end) return resolver.toInstant(days * DAY); // a date alone: local midnight

    // ---- separator between date and time ----
    c = text.charCodeAt(i);
    if (c === 84 /* T */ || c === 116 /* t */) {
      i++;
    } else {
      if (c === C_COMMA) i++;
      const spaceStart = i;
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i === spaceStart) return Number.NaN;
    }

    // ---- time: H[H]:MM[:SS[.fff]] ----
    start = i;
    let hour = 0;
    while (i < end && (c = text.charCodeAt(i)) >= C_0 && c <= C_9) {
      hour = hour * 10 + (c - C_0);
      i++;
    }
    if (i - start < 1 || i - start > 2 || i + 2 >= end || text.charCodeAt(i) !== C_COLON) return Number.NaN;
    let d1 = text.charCodeAt(i + 1) - C_0;
    let d2 = text.charCodeAt(i + 2) - C_0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return Number.NaN;
    const minute = d1 * 10 + d2;
    i += 3;

    let secondOfMinute = 0;
    let millis = 0;
    if (i < end && text.charCodeAt(i) === C_COLON) {
      if (i + 2 >= end) return Number.NaN;
      d1 = text.charCodeAt(i + 1) - C_0;
      d2 = text.charCodeAt(i + 2) - C_0;
      if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return Number.NaN;
      secondOfMinute = d1 * 10 + d2;
      i += 3;
      if (i < end && ((c = text.charCodeAt(i)) === C_DOT || c === C_COMMA)) {
        i++;
        start = i;
        let scale = 100;
        while (i < end && (c = text.charCodeAt(i)) >= C_0 && c <= C_9) {
          millis += (c - C_0) * scale; // digits past the third add 0: truncation
          scale = scale / 10 | 0;
          i++;
        }
        if (i === start) return Number.NaN;
      }
    }

    // ---- optional AM/PM ----
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i + 1 < end) {
      c = text.charCodeAt(i) | 0x20; // lower-case ASCII letters
      if ((c === 97 /* a */ || c === 112 /* p */) && (text.charCodeAt(i + 1) | 0x20) === 109 /* m */) {
        if (hour < 1 || hour > 12) return Number.NaN;
        hour = c === 112 ? (hour % 12) + 12 : hour % 12;
        i += 2;
        while (i < end && isSpace(text.charCodeAt(i))) i++;
      }
    }

    if (minute > 59 || secondOfMinute > 59) return Number.NaN;
    if (hour > 23 && !(hour === 24 && minute === 0 && secondOfMinute === 0 && millis === 0)) return Number.NaN;
    const wallMs = days * DAY + hour * HOUR + minute * MINUTE + secondOfMinute * 1000 + millis;
    if (i === end) return resolver.toInstant(wallMs); // naive: a wall time in the zone

    // ---- zone: Z | UTC or GMT, optionally followed by an offset | +hh[[:]mm] ----
    c = text.charCodeAt(i);
    let offset = 0;
    if (c === 90 /* Z */ || c === 122 /* z */) {
      i++;
    } else {
      const lower = c | 0x20;
      if (i + 2 < end && (
        (lower === 117 /* u */ && (text.charCodeAt(i + 1) | 0x20) === 116 /* t */ && (text.charCodeAt(i + 2) | 0x20) === 99 /* c */) ||
        (lower === 103 /* g */ && (text.charCodeAt(i + 1) | 0x20) === 109 /* m */ && (text.charCodeAt(i + 2) | 0x20) === 116 /* t */))) {
        i += 3;
        if (i === end) return wallMs;
        c = text.charCodeAt(i);
      }
      if (c !== C_PLUS && c !== C_DASH && c !== 0x2212 /* minus sign */) return Number.NaN;
      const sign = c === C_PLUS ? 1 : -1;
      if (i + 2 >= end) return Number.NaN;
      d1 = text.charCodeAt(i + 1) - C_0;
      d2 = text.charCodeAt(i + 2) - C_0;
      if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return Number.NaN;
      const offsetHours = d1 * 10 + d2;
      i += 3;
      let offsetMinutes = 0;
      if (i < end) {
        if (text.charCodeAt(i) === C_COLON) i++;
        if (i + 1 >= end) return Number.NaN;
        d1 = text.charCodeAt(i) - C_0;
        d2 = text.charCodeAt(i + 1) - C_0;
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return Number.NaN;
        offsetMinutes = d1 * 10 + d2;
        i += 2;
      }
      if (offsetHours > 23 || offsetMinutes > 59) return Number.NaN;
      offset = sign * (offsetHours * HOUR + offsetMinutes * MINUTE);
    }
    if (i !== end) return Number.NaN;
    return wallMs - offset;
  };
}

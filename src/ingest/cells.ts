import { daysFromCivil } from '../time/timestamp.js';

/**
 * Fast paths for the cell shapes that fill large exports, read in place from a range of the
 * line (text[start, end)) without cutting the cell out as a string first. Each either returns
 * the value the general parser would give for that text, or says "not this shape" (NaN / -1),
 * and the caller then cuts the cell out and takes the general path, so values, warnings and
 * rejects never depend on which path ran.
 */

/** The digit at text[i] as a number, or a value over 9 when it is not a digit. */
function digit(text: string, i: number): number {
  return (text.charCodeAt(i) - 48) >>> 0;
}

function twoDigits(text: string, i: number): number {
  const a = digit(text, i);
  const b = digit(text, i + 1);
  return a > 9 || b > 9 ? -1 : a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The offset of a zone suffix text[zone, end): `Z`, or a sign, two digits, a colon and two
 * digits (`+01:00`, `-05:30`), in seconds; NaN for anything else.
 */
function zoneOffsetAt(text: string, zone: number, end: number): number {
  if (end - zone === 1) return text.charCodeAt(zone) === 90 /* Z */ ? 0 : NaN;
  if (end - zone !== 6) return NaN;
  const sign = text.charCodeAt(zone);
  if ((sign !== 43 /* + */ && sign !== 45 /* - */) || text.charCodeAt(end - 3) !== 58 /* : */) return NaN;
  const hours = twoDigits(text, end - 5);
  const minutes = twoDigits(text, end - 2);
  if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return NaN;
  return (sign === 43 ? 1 : -1) * (hours * 3600 + minutes * 60);
}

/** Where the zone suffix of an instant ending at `end` starts: `Z` or `+01:00`. */
function zoneStart(text: string, end: number): number {
  return text.charCodeAt(end - 1) === 90 /* Z */ ? end - 1 : end - 6;
}

/** `2024-03-05T14:02:11` at text[start, start + 19) as seconds since the epoch on that clock; NaN for any other text. */
function wallSecondsAt(text: string, start: number): number {
  if (
    text.charCodeAt(start + 4) !== 45 /* - */ ||
    text.charCodeAt(start + 7) !== 45 ||
    text.charCodeAt(start + 10) !== 84 /* T */ ||
    text.charCodeAt(start + 13) !== 58 /* : */ ||
    text.charCodeAt(start + 16) !== 58
  ) {
    return NaN;
  }
  const century = twoDigits(text, start);
  const yy = twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  const hour = twoDigits(text, start + 11);
  const minute = twoDigits(text, start + 14);
  const second = twoDigits(text, start + 17);
  if ((century | yy | month | day | hour | minute | second) < 0) return NaN;
  const year = century * 100 + yy;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
}

/**
 * `2024-03-05T14:02:11Z` or `2024-03-05T14:02:11+01:00` (no fraction) as whole seconds since the
 * epoch; NaN for any other text. The common case of `isoInstantAt`, returned as an integer: V8
 * passes those without allocating, where a millisecond count is a heap number per cell.
 */
export function isoSecondsAt(text: string, start: number, end: number): number {
  const zone = zoneStart(text, end);
  if (zone - start !== 19) return NaN;
  return wallSecondsAt(text, start) - zoneOffsetAt(text, zone, end);
}

/**
 * `2024-03-05T14:02:11Z` or `2024-03-05T14:02:11+01:00` (`-05:30`), optionally with a fraction
 * (`.123`, truncated to the millisecond), as epoch milliseconds; NaN for any other text, valid or
 * not. These name an instant whatever the zone, so this agrees with createTimestampParser for
 * every zone.
 */
export function isoInstantAt(text: string, start: number, end: number): number {
  if (end - start < 20) return NaN;
  const zone = zoneStart(text, end);
  if (zone - start < 19) return NaN;
  let millis = 0;
  if (zone - start > 19) {
    // `.` or `,` then one or more digits; digits past the third add nothing (truncation).
    const mark = text.charCodeAt(start + 19);
    if ((mark !== 46 && mark !== 44) || zone - start === 20) return NaN;
    let scale = 100;
    for (let i = start + 20; i < zone; i++) {
      const d = digit(text, i);
      if (d > 9) return NaN;
      millis += d * scale;
      scale = (scale / 10) | 0;
    }
  }
  return (wallSecondsAt(text, start) - zoneOffsetAt(text, zone, end)) * 1000 + millis;
}

/** A count written as 1 to 15 plain digits (`0`, `12`, `007`), else -1. */
export function digitsAt(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = digit(text, i);
    if (d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The character code lower-cased when it is an ASCII capital. */
function lower(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/**
 * A boolean word in any case: 1 for true/yes/1/y/t, 0 for false/no/0/n/f, -1 otherwise.
 * Comparing ASCII letters is enough: no other character lower-cases to one of these letters.
 */
export function flagAt(text: string, start: number, end: number): number {
  const c = lower(text, start);
  switch (end - start) {
    case 1:
      if (c === 116 /* t */ || c === 121 /* y */ || c === 49 /* 1 */) return 1;
      if (c === 102 /* f */ || c === 110 /* n */ || c === 48 /* 0 */) return 0;
      return -1;
    case 2:
      return c === 110 && lower(text, start + 1) === 111 /* o */ ? 0 : -1;
    case 3:
      return c === 121 && lower(text, start + 1) === 101 /* e */ && lower(text, start + 2) === 115 /* s */ ? 1 : -1;
    case 4:
      return c === 116 && lower(text, start + 1) === 114 /* r */ && lower(text, start + 2) === 117 /* u */ &&
        lower(text, start + 3) === 101
        ? 1
        : -1;
    case 5:
      return c === 102 && lower(text, start + 1) === 97 /* a */ && lower(text, start + 2) === 108 /* l */ &&
        lower(text, start + 3) === 115 && lower(text, start + 4) === 101
        ? 0
        : -1;
    default:
      return -1;
  }
}

import { UserError } from '../errors.js';
import { daysFromCivil } from './timestamp.js';

/**
 * Explicit timestamp formats for exports whose dates the general parser cannot read or would
 * read ambiguously (`29/2/2016 01:16`, `1-Jan-21`, `01-06-2023 12:15`), written with luxon's
 * tokens. A format is compiled once into a list of steps; each cell is then scanned by hand, with
 * no luxon call and no allocation per row.
 *
 * Tokens: `yyyy` (4-digit year), `yy` (2-digit year: 00-59 -> 2000s, 60-99 -> 1900s, luxon's
 * cutoff), `M`/`MM` (month, 1 or 2 digits), `MMM` (Jan, ..., case-insensitive; also the full name),
 * `d`/`dd` (day), `H`/`HH` (hour 0-23), `h`/`hh` (hour 1-12, with `a`), `m`/`mm`, `s`/`ss`,
 * `S`, `SS`, `SSS` (fraction of a second, truncated to ms), `a` (AM/PM). Text in single quotes and
 * any other character is literal; a space matches one or more spaces. Unpadded and padded
 * numbers both accept one or two digits.
 *
 * A cell that stops where the format goes on with a space (a date alone for `d/M/yyyy H:mm`)
 * reads the missing time as midnight.
 */
export type WallParser = (text: string) => number;

const DAY = 86_400_000;

type Step =
  | { kind: 'literal'; char: number }
  | { kind: 'space' }
  | { kind: 'number'; field: Field; min: number; max: number }
  | { kind: 'month-name' }
  | { kind: 'fraction'; digits: number }
  | { kind: 'meridiem' };

type Field = 'year' | 'year2' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];

const NUMBER_TOKENS: Record<string, { field: Field; min: number; max: number }> = {
  yyyy: { field: 'year', min: 4, max: 4 },
  yy: { field: 'year2', min: 2, max: 2 },
  M: { field: 'month', min: 1, max: 2 },
  MM: { field: 'month', min: 1, max: 2 },
  d: { field: 'day', min: 1, max: 2 },
  dd: { field: 'day', min: 1, max: 2 },
  H: { field: 'hour', min: 1, max: 2 },
  HH: { field: 'hour', min: 1, max: 2 },
  h: { field: 'hour12', min: 1, max: 2 },
  hh: { field: 'hour12', min: 1, max: 2 },
  m: { field: 'minute', min: 1, max: 2 },
  mm: { field: 'minute', min: 1, max: 2 },
  s: { field: 'second', min: 1, max: 2 },
  ss: { field: 'second', min: 1, max: 2 },
};

function compileSteps(format: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === "'") {
      const close = format.indexOf("'", i + 1);
      if (close < 0) throw new UserError(`time format '${format}': unclosed quote`);
      for (let k = i + 1; k < close; k++) steps.push({ kind: 'literal', char: format.charCodeAt(k) });
      i = close + 1;
      continue;
    }
    if (c === ' ') {
      while (format[i] === ' ') i++;
      steps.push({ kind: 'space' });
      continue;
    }
    let j = i;
    while (j < format.length && format[j] === c) j++;
    const run = format.slice(i, j);
    i = j;
    if (/[A-Za-z]/.test(c)) {
      if (run === 'MMM' || run === 'MMMM') steps.push({ kind: 'month-name' });
      else if (c === 'S' && run.length <= 3) steps.push({ kind: 'fraction', digits: run.length });
      else if (run === 'a') steps.push({ kind: 'meridiem' });
      else if (NUMBER_TOKENS[run]) steps.push({ kind: 'number', ...NUMBER_TOKENS[run] });
      else throw new UserError(`time format '${format}': unknown token '${run}' (see the README, "Config mappings")`);
    } else {
      for (let k = 0; k < run.length; k++) steps.push({ kind: 'literal', char: run.charCodeAt(k) });
    }
  }
  const fields = new Set(steps.flatMap((step) => (step.kind === 'number' ? [step.field] : step.kind === 'month-name' ? ['month'] : [])));
  if (!(fields.has('year') || fields.has('year2')) || !fields.has('month') || !fields.has('day')) {
    throw new UserError(`time format '${format}': needs a year, a month and a day`);
  }
  if (fields.has('hour12') && !steps.some((step) => step.kind === 'meridiem')) {
    throw new UserError(`time format '${format}': h/hh needs a (AM/PM); use H for a 24-hour clock`);
  }
  return steps;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/**
 * Compiles a luxon-style format into a parser from text to "wall milliseconds" (the wall-clock
 * time encoded as if it were UTC; a ZoneResolver turns it into an instant), NaN when the text does
 * not have that shape or names no real date or time. Throws a UserError for a bad format.
 */
export function compileTimeFormat(format: string): WallParser {
  const steps = compileSteps(format);
  const count = steps.length;
  return function parseWall(text: string): number {
    let i = 0;
    let end = text.length;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
    let year = -1;
    let month = -1;
    let day = -1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let millis = 0;
    let pm = -1;
    let hour12 = -1;
    for (let s = 0; s < count; s++) {
      const step = steps[s];
      if (i >= end) {
        // The cell stops where the format goes on with a space: the time is left out (midnight).
        if (step.kind === 'space') break;
        return NaN;
      }
      switch (step.kind) {
        case 'literal':
          if (text.charCodeAt(i) !== step.char) return NaN;
          i++;
          break;
        case 'space':
          if (!isSpace(text.charCodeAt(i))) return NaN;
          while (i < end && isSpace(text.charCodeAt(i))) i++;
          break;
        case 'number': {
          let value = 0;
          let digits = 0;
          while (digits < step.max && i < end) {
            const d = text.charCodeAt(i) - 48;
            if (d < 0 || d > 9) break;
            value = value * 10 + d;
            digits++;
            i++;
          }
          if (digits < step.min) return NaN;
          switch (step.field) {
            case 'year':
              year = value;
              break;
            case 'year2':
              year = value < 60 ? 2000 + value : 1900 + value;
              break;
            case 'month':
              month = value;
              break;
            case 'day':
              day = value;
              break;
            case 'hour':
              hour = value;
              break;
            case 'hour12':
              hour12 = value;
              break;
            case 'minute':
              minute = value;
              break;
            case 'second':
              second = value;
              break;
          }
          break;
        }
        case 'month-name': {
          let j = i;
          while (j < end) {
            const c = text.charCodeAt(j) | 0x20;
            if (c < 97 || c > 122) break;
            j++;
          }
          const word = text.slice(i, j).toLowerCase();
          let found = MONTHS.indexOf(word);
          if (found < 0) found = MONTH_NAMES.indexOf(word);
          if (found < 0 && word === 'sept') found = 8;
          if (found < 0) return NaN;
          month = found + 1;
          i = j;
          break;
        }
        case 'fraction': {
          let scale = 100;
          let digits = 0;
          while (i < end) {
            const d = text.charCodeAt(i) - 48;
            if (d < 0 || d > 9) break;
            millis += d * scale;
            scale = (scale / 10) | 0;
            digits++;
            i++;
          }
          if (digits === 0) return NaN;
          break;
        }
        case 'meridiem': {
          const c = text.charCodeAt(i) | 0x20;
          if ((c !== 97 && c !== 112) || i + 1 >= end || (text.charCodeAt(i + 1) | 0x20) !== 109) return NaN;
          pm = c === 112 ? 1 : 0;
          i += 2;
          break;
        }
      }
    }
    if (i !== end) return NaN;
    if (hour12 >= 0) {
      if (hour12 < 1 || hour12 > 12 || pm < 0) return NaN;
      hour = (hour12 % 12) + (pm === 1 ? 12 : 0);
    } else if (pm >= 0) {
      if (hour < 1 || hour > 12) return NaN;
      hour = (hour % 12) + (pm === 1 ? 12 : 0);
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
    if (hour > 23 || minute > 59 || second > 59) return NaN;
    return daysFromCivil(year, month, day) * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
  };
}

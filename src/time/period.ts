import { DateTime } from 'luxon';
import { UserError } from '../errors.js';
import { assertZone, isUtcZone } from './zone.js';

/** A half-open interval of instants, [start, end), named by its canonical label. */
export interface Period {
  /** Canonical label: '2024-03', '2024-W12', '2024-Q1', '2024', '2024-03-05', '2024-03-01..2024-03-15'. Relative forms resolve to the canonical label of what they denote (last-month in April 2024 → '2024-03'; last-week → '2024-W12'; last-7d/last-30d → 'YYYY-MM-DD..YYYY-MM-DD'; today → 'YYYY-MM-DD'). */
  label: string;
  /** Start instant, epoch ms, inclusive. */
  start: number;
  /** End instant, epoch ms, exclusive. */
  end: number;
  /** IANA zone the period's calendar days are in. */
  timeZone: string;
}

/** The accepted --period forms, for --help text and error messages. */
export const PERIOD_FORMS: readonly string[] = Object.freeze([
  '2024-03',
  '2024-W12',
  '2024-Q1',
  '2024',
  '2024-03-05',
  '2024-03-01..2024-03-15',
  'today',
  'yesterday',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'last-7d',
  'last-30d',
]);

const RELATIVE_FORMS = new Set(PERIOD_FORMS.filter((form) => /^[a-z]/.test(form)));

/** A calendar date, with no zone attached. */
interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dayLabel(d: CivilDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Adds days (or months) to a calendar date, by calendar arithmetic in UTC. */
function addToDate(d: CivilDate, amount: { days?: number; months?: number }): CivilDate {
  const moved = DateTime.utc(d.year, d.month, d.day).plus(amount);
  return { year: moved.year, month: moved.month, day: moved.day };
}

/**
 * The first instant of a calendar day in `zone`: local midnight, or, where midnight falls in a
 * DST gap (some zones change clocks at 00:00), the first wall time that exists after it.
 */
function startOfDay(d: CivilDate, zone: string): number {
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone }).toMillis();
}

/** The period of whole days [from, untilExclusive) in `zone`. */
function days(label: string, from: CivilDate, untilExclusive: CivilDate, zone: string): Period {
  const start = startOfDay(from, zone);
  const end = startOfDay(untilExclusive, zone);
  // A zone that moved across the date line skipped whole days (Pacific/Apia has no 2011-12-30).
  if (!(start < end)) throw new UserError(`bad --period '${label}': there is no such time in ${zone} (its calendar skipped it)`);
  return { label, start, end, timeZone: zone };
}

function monthPeriod(year: number, month: number, zone: string): Period {
  const from = { year, month, day: 1 };
  return days(`${pad(year, 4)}-${pad(month, 2)}`, from, addToDate(from, { months: 1 }), zone);
}

function dayPeriod(d: CivilDate, zone: string): Period {
  return days(dayLabel(d), d, addToDate(d, { days: 1 }), zone);
}

/** The Monday that starts ISO week `week` of ISO week-year `weekYear`. */
function isoWeekMonday(weekYear: number, week: number): CivilDate {
  const monday = DateTime.fromObject({ weekYear, weekNumber: week, weekday: 1 }, { zone: 'utc' });
  return { year: monday.year, month: monday.month, day: monday.day };
}

function weekPeriod(weekYear: number, week: number, zone: string): Period {
  const monday = isoWeekMonday(weekYear, week);
  return days(`${pad(weekYear, 4)}-W${pad(week, 2)}`, monday, addToDate(monday, { days: 7 }), zone);
}

/** Number of ISO weeks (52 or 53) in an ISO week-year. */
function weeksInWeekYear(weekYear: number): number {
  return DateTime.fromObject({ weekYear, weekNumber: 1, weekday: 1 }, { zone: 'utc' }).weeksInWeekYear;
}

function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DateTime.utc(year, month, 1).daysInMonth!;
}

function fail(text: string, reason: string): never {
  throw new UserError(`bad --period '${text}': ${reason}; accepted forms: ${PERIOD_FORMS.join(', ')}`);
}

/** Parses 'YYYY-MM-DD' (checked), or returns undefined when the text has another shape. */
function parseDay(text: string, whole: string): CivilDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) fail(whole, 'month must be 01-12');
  if (!isValidDate(year, month, day)) fail(whole, `${text} is not a date`);
  return { year, month, day };
}

/**
 * Parses the --period grammar in `zone` (see PERIOD_FORMS). `now` (epoch ms) anchors the
 * relative forms; it is an argument, never read from the clock here, so reports are
 * reproducible and testable.
 *
 * Every period is a half-open interval [start, end) of instants whose boundaries are the
 * first instants of calendar days in `zone` (local midnight), so a month holds its DST
 * change (March 2024 in Europe/Berlin is 743 hours long). Weeks are ISO weeks: they start on
 * Monday and belong to the ISO week-year of their Thursday (2021-W01 starts 2021-01-04;
 * 2020 has a W53). A range `a..b` includes both days, so it ends at the start of the day
 * after b.
 *
 * Relative forms: `today`, `yesterday`, `this-week`, `this-month` denote the whole current
 * day, week or month (the end may be in the future); `last-week` and `last-month` the
 * previous ones. `last-7d` and `last-30d` are the N whole days before today,
 * [start of today - N days, start of today): today is excluded, so a report run by cron at
 * any hour of a day covers the same complete days.
 *
 * Throws UserError naming the bad text and listing the accepted forms.
 */
export function parsePeriod(text: string, options: { zone: string; now: number }): Period {
  const zone = options.zone;
  assertZone(zone);
  const raw = String(text);
  const t = raw.trim();
  let m: RegExpExecArray | null;

  if ((m = /^(\d{4})$/.exec(t))) {
    const year = Number(m[1]);
    return days(m[1], { year, month: 1, day: 1 }, { year: year + 1, month: 1, day: 1 }, zone);
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) fail(raw, 'month must be 01-12');
    return monthPeriod(Number(m[1]), month, zone);
  }
  if ((m = /^(\d{4})-[Ww](\d{1,2})$/.exec(t))) {
    const weekYear = Number(m[1]);
    const week = Number(m[2]);
    const weeks = weeksInWeekYear(weekYear);
    if (week < 1 || week > weeks) fail(raw, `week must be 01-${weeks} (${m[1]} has ${weeks} ISO weeks)`);
    return weekPeriod(weekYear, week, zone);
  }
  if ((m = /^(\d{4})-[Qq](\d)$/.exec(t))) {
    const year = Number(m[1]);
    const quarter = Number(m[2]);
    if (quarter < 1 || quarter > 4) fail(raw, 'quarter must be Q1-Q4');
    const from = { year, month: quarter * 3 - 2, day: 1 };
    return days(`${m[1]}-Q${quarter}`, from, addToDate(from, { months: 3 }), zone);
  }
  const range = /^(.*?)\s*\.\.\s*(.*)$/.exec(t);
  if (range) {
    const from = parseDay(range[1], raw);
    const to = parseDay(range[2], raw);
    if (!from || !to) fail(raw, 'a range is two days, YYYY-MM-DD..YYYY-MM-DD');
    const fromLabel = dayLabel(from);
    const toLabel = dayLabel(to);
    if (toLabel < fromLabel) fail(raw, `the range ends (${toLabel}) before it starts (${fromLabel})`);
    return days(`${fromLabel}..${toLabel}`, from, addToDate(to, { days: 1 }), zone);
  }
  const day = parseDay(t, raw);
  if (day) return dayPeriod(day, zone);

  const word = t.toLowerCase();
  if (!RELATIVE_FORMS.has(word)) fail(raw, 'not a period');

  if (!Number.isFinite(options.now)) throw new TypeError('parsePeriod: options.now must be epoch milliseconds');
  const nowLocal = DateTime.fromMillis(options.now, { zone });
  const today: CivilDate = { year: nowLocal.year, month: nowLocal.month, day: nowLocal.day };

  switch (word) {
    case 'today':
      return dayPeriod(today, zone);
    case 'yesterday':
      return dayPeriod(addToDate(today, { days: -1 }), zone);
    case 'this-week':
      return weekPeriod(nowLocal.weekYear, nowLocal.weekNumber, zone);
    case 'last-week': {
      const lastWeek = DateTime.utc(today.year, today.month, today.day).minus({ days: 7 });
      return weekPeriod(lastWeek.weekYear, lastWeek.weekNumber, zone);
    }
    case 'this-month':
      return monthPeriod(today.year, today.month, zone);
    case 'last-month': {
      const first = addToDate({ year: today.year, month: today.month, day: 1 }, { months: -1 });
      return monthPeriod(first.year, first.month, zone);
    }
    case 'last-7d':
    case 'last-30d': {
      const n = word === 'last-7d' ? 7 : 30;
      const from = addToDate(today, { days: -n });
      const last = addToDate(today, { days: -1 });
      return days(`${dayLabel(from)}..${dayLabel(last)}`, from, today, zone);
    }
  }
  return fail(raw, 'not a period');
}

/**
 * Formats an instant as ISO 8601 with milliseconds and the zone's offset at that instant,
 * e.g. '2024-03-01T00:00:00.000+01:00' (for the report's period.start/end). In UTC itself
 * (any alias: 'UTC', 'Etc/UTC', 'GMT', ...) the offset is written 'Z'; zones that are merely
 * at +00:00 for a while (Europe/London in winter) write '+00:00'.
 */
export function formatInstant(ms: number, zone: string): string {
  assertZone(zone);
  const iso = DateTime.fromMillis(ms, { zone: isUtcZone(zone) ? 'utc' : zone }).toISO({ includeOffset: true });
  if (iso === null) throw new RangeError(`formatInstant: not an instant: ${ms}`);
  return iso;
}

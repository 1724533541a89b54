import { UserError } from '../errors.js';
import { daysFromCivil } from './timestamp.js';
import { zoneResolver, type ZoneResolver } from './zone.js';

/**
 * Weekly open hours: for each weekday, a list of 'HH:MM-HH:MM' intervals (several per day
 * allowed, e.g. fri: ['09:00-13:00','14:00-17:00']); a missing or empty day is closed.
 * '00:00-24:00' is the whole day.
 */
export type WeeklyHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', readonly string[]>>;

export interface BusinessCalendarOptions {
  /** IANA zone the open hours and holidays are read in. */
  timeZone: string;
  hours: WeeklyHours;
  /** 'YYYY-MM-DD' local dates, closed all day. */
  holidays?: readonly string[];
}

export interface BusinessCalendar {
  /**
   * Open seconds in [from, to) (epoch ms instants); 0 when to <= from or when nothing is
   * open in between. Never negative; NaN only for an instant that is not finite or lies
   * outside the years 0001-9999.
   */
  openSeconds(from: number, to: number): number;
  /**
   * The earliest instant at which `seconds` of open time have elapsed after `from` (SLA due
   * times in business hours: due = addOpenSeconds(created, target)). If `from` is in closed
   * time, counting starts at the next opening; a result with seconds > 0 is the instant the
   * last open second ends (17:00, not the next morning, for a target that runs out at 17:00).
   * `seconds` = 0 gives `from` itself. Infinity when the schedule never opens (no open hours
   * in the week) or the due time would fall after the year 9999; NaN for a `from` that is
   * not finite or lies outside the years 0001-9999. Throws RangeError for a negative or non-finite
   * `seconds` (a programming error: targets are validated earlier).
   */
  addOpenSeconds(from: number, seconds: number): number;
  /** Whether the instant is inside open hours. */
  isOpen(at: number): boolean;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Bound on any zone's UTC offset (tzdb: -12 h .. +14 h, historical LMT a little more). */
const MAX_OFFSET = 18 * HOUR;
/**
 * Offsets are sampled once per UTC day (a luxon/Intl call costs microseconds, so this bounds
 * the cost of building a day); a change between two samples is located by bisection. This
 * assumes no zone changes its offset twice within 24 hours, as zone.ts does for two days.
 */
const SAMPLE = DAY;
/**
 * Supported instants: years 0001 to 9999 (every timestamp the parsers produce), so that a
 * zone's offset is always known and the table stays finite. Outside: NaN (isOpen: false).
 */
const MIN_INSTANT = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_INSTANT = 253_402_300_800_000; // 10000-01-01T00:00:00Z

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];

const INTERVAL = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/**
 * Parses 'HH:MM-HH:MM' into minutes of the day [start, end) (start 0..1439, end 1..1440;
 * '24:00' only as an end). Throws UserError naming the text when it has another shape, a
 * time does not exist, or the interval does not end after it starts. Exported for the
 * config validator.
 */
export function parseInterval(text: string): { start: number; end: number } {
  const m = typeof text === 'string' ? INTERVAL.exec(text) : null;
  if (!m) throw new UserError(`bad business hours interval ${describe(text)}: expected HH:MM-HH:MM, e.g. 09:00-17:00`);
  const start = clockMinutes(Number(m[1]), Number(m[2]));
  const end = clockMinutes(Number(m[3]), Number(m[4]));
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new UserError(`bad business hours interval '${text}': times run from 00:00 to 24:00`);
  }
  if (end <= start) throw new UserError(`bad business hours interval '${text}': it must end after it starts`);
  return { start, end };
}

function clockMinutes(hour: number, minute: number): number {
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return Number.NaN;
  return hour * 60 + minute;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(JSON.stringify(value) ?? value);
}

/** Parses 'YYYY-MM-DD' into a day number (days since 1970-01-01), or throws UserError. */
function parseHoliday(text: string): number {
  const m = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return daysFromCivil(year, month, day);
  }
  throw new UserError(`bad holiday date ${describe(text)}: expected an existing date YYYY-MM-DD`);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Validates the weekly hours: per weekday (0 = Monday), sorted [start, end) pairs in ms of the day. */
function parseWeek(hours: WeeklyHours): number[][] {
  if (hours === null || typeof hours !== 'object' || Array.isArray(hours)) {
    throw new UserError('bad business hours: expected an object like {"mon": ["09:00-17:00"]}');
  }
  for (const key of Object.keys(hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new UserError(`bad business hours day '${key}': expected one of ${WEEKDAYS.join(', ')}`);
    }
  }
  return WEEKDAYS.map((name: Weekday) => {
    const list = hours[name];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) throw new UserError(`bad business hours for ${name}: expected a list like ["09:00-17:00"]`);
    const parsed = list.map((text) => ({ text, ...parseInterval(text) })).sort((a, b) => a.start - b.start);
    const flat: number[] = [];
    for (let i = 0; i < parsed.length; i++) {
      if (i > 0 && parsed[i].start < parsed[i - 1].end) {
        throw new UserError(`business hours for ${name} overlap: '${parsed[i - 1].text}' and '${parsed[i].text}'`);
      }
      flat.push(parsed[i].start * MINUTE, parsed[i].end * MINUTE);
    }
    return flat;
  });
}

/**
 * A business-time calendar for one zone, weekly schedule and holiday list.
 *
 * Semantics: an instant is open when its wall-clock time in `timeZone` lies in one of the
 * intervals of its local weekday and its local date is not a holiday. Consequences at DST
 * changes: an interval whose start falls in a gap starts at the first instant after the gap
 * (and one whose end falls in a gap ends there), so a 00:00-24:00 day on the spring-forward
 * date has 23 open hours; wall times that happen twice (fall-back) are open both times, so
 * such a day has 25; a 09:00-17:00 day is 8 hours unless the change falls inside it.
 *
 * Speed: the instant line is cut into 24-hour blocks. Each block is built once, lazily, the
 * first time an instant in (or a span over) it is seen: its open intervals as epoch-ms
 * pairs, plus a running total of open time before it. Then openSeconds is two lookups
 * (block index by arithmetic, a prefix-sum read, a scan over the block's one or two
 * intervals), whatever the span: about 40 ns a call. The table grows contiguously over the
 * range of instants seen, at a few µs a day (one luxon offset lookup per UTC day, plus a
 * bisection at each offset change): a year in 5-10 ms, but one far-off instant (a typo'd
 * year 1900 or 9999) costs building every day in between once (about 0.25 s a century).
 *
 * Throws UserError for an unknown zone, a bad interval, overlapping intervals of one day, an
 * unknown weekday key, or a bad holiday date, naming the bad value.
 */
export function createBusinessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const resolver = zoneResolver(options.timeZone); // UserError for an unknown zone
  const week = parseWeek(options.hours);
  const holidays = new Set<number>();
  const holidayList = options.holidays ?? [];
  if (!Array.isArray(holidayList)) throw new UserError('bad holidays: expected a list of dates YYYY-MM-DD');
  for (const text of holidayList) holidays.add(parseHoliday(text));
  return new BlockCalendar(resolver, week, holidays);
}

class BlockCalendar implements BusinessCalendar {
  /** Block k holds the instants [k * DAY + shift, (k + 1) * DAY + shift). */
  private readonly shift: number;
  private readonly neverOpen: boolean;

  /** Storage position p holds block base + p; the built blocks are [lo, hi). */
  private base = 0;
  private lo = 0;
  private hi = 0;
  /** Open ms before the block, counted from an arbitrary origin (may be negative). */
  private cum = new Float64Array(0);
  /** Open ms in the block. */
  private total = new Float64Array(0);
  /** Index of the block's first interval in `pool`, and its number of intervals. */
  private first = new Int32Array(0);
  private count = new Int32Array(0);
  /** Interval bounds, [start, end) pairs of epoch ms, sorted within each block. */
  private pool = new Float64Array(1024);
  private poolLength = 0;

  /** Local day number -> open [start, end) instant pairs of that date. */
  private readonly dayCache = new Map<number, number[]>();
  /** Sample slot (UTC day) -> instant of the offset change inside it (only slots with one). */
  private readonly changeCache = new Map<number, number>();

  constructor(
    private readonly resolver: ZoneResolver,
    private readonly week: number[][],
    private readonly holidays: Set<number>,
  ) {
    // Align blocks on local midnight at the zone's January offset: most blocks then hold
    // exactly one local day's intervals (not needed for correctness, only tidier).
    this.shift = -resolver.offsetAt(Date.UTC(2024, 0, 1));
    this.neverOpen = week.every((day) => day.length === 0);
  }

  openSeconds(from: number, to: number): number {
    if (!(to > from)) return to <= from ? 0 : Number.NaN;
    if (!(from >= MIN_INSTANT && to <= MAX_INSTANT)) return Number.NaN;
    if (this.neverOpen) return 0;
    return (this.openBefore(to) - this.openBefore(from)) / 1000;
  }

  addOpenSeconds(from: number, seconds: number): number {
    if (!(seconds >= 0) || seconds === Infinity) {
      throw new RangeError(`addOpenSeconds: seconds must be finite and >= 0, got ${seconds}`);
    }
    if (!(from >= MIN_INSTANT && from <= MAX_INSTANT)) return Number.NaN;
    if (seconds === 0) return from;
    if (this.neverOpen) return Number.POSITIVE_INFINITY;
    const target = this.openBefore(from) + seconds * 1000;
    // The first block whose open time reaches the target: scan forward, building as needed.
    let k = this.blockOf(from);
    for (;;) {
      if (k >= this.hi) this.ensure(k + 7);
      const p = k - this.base;
      if (this.cum[p] + this.total[p] >= target) break;
      k++;
      if (k * DAY + this.shift > MAX_INSTANT) return Number.POSITIVE_INFINITY;
    }
    const p = k - this.base;
    let running = this.cum[p];
    const pool = this.pool;
    for (let i = this.first[p], n = i + 2 * this.count[p]; i < n; i += 2) {
      const length = pool[i + 1] - pool[i];
      if (running + length >= target) {
        const due = pool[i] + (target - running);
        return due <= MAX_INSTANT ? due : Number.POSITIVE_INFINITY;
      }
      running += length;
    }
    // Unreachable: the block's total reaches the target. Guard against rounding anyway.
    return pool[this.first[p] + 2 * this.count[p] - 1];
  }

  isOpen(at: number): boolean {
    if (!(at >= MIN_INSTANT && at <= MAX_INSTANT)) return false;
    const k = this.blockOf(at);
    if (k < this.lo || k >= this.hi) this.ensure(k);
    const p = k - this.base;
    const pool = this.pool;
    for (let i = this.first[p], n = i + 2 * this.count[p]; i < n; i += 2) {
      if (at < pool[i]) return false;
      if (at < pool[i + 1]) return true;
    }
    return false;
  }

  private blockOf(at: number): number {
    return Math.floor((at - this.shift) / DAY);
  }

  /** Open ms before `at`, from the table's origin: the prefix sum of its block plus a partial. */
  private openBefore(at: number): number {
    const k = Math.floor((at - this.shift) / DAY);
    if (k < this.lo || k >= this.hi) this.ensure(k);
    const p = k - this.base;
    let sum = this.cum[p];
    const pool = this.pool;
    for (let i = this.first[p], n = i + 2 * this.count[p]; i < n; i += 2) {
      const start = pool[i];
      if (at <= start) break;
      const end = pool[i + 1];
      sum += (at < end ? at : end) - start;
    }
    return sum;
  }

  /** Builds the blocks between the built range and block k (inclusive). */
  private ensure(k: number): void {
    if (this.hi === this.lo) {
      this.reserve(k, k + 1);
      this.lo = this.hi = k;
      this.buildAt(k);
      this.cum[k - this.base] = 0;
      this.hi = k + 1;
      return;
    }
    if (k >= this.hi) {
      this.reserve(this.lo, k + 1);
      for (let j = this.hi; j <= k; j++) {
        this.buildAt(j);
        const prev = j - 1 - this.base;
        this.cum[j - this.base] = this.cum[prev] + this.total[prev];
        this.hi = j + 1;
      }
    } else if (k < this.lo) {
      this.reserve(k, this.hi);
      for (let j = this.lo - 1; j >= k; j--) {
        this.buildAt(j);
        const p = j - this.base;
        this.cum[p] = this.cum[p + 1] - this.total[p];
        this.lo = j;
      }
    }
  }

  /** Makes the block arrays hold blocks [from, to), doubling their capacity when needed. */
  private reserve(from: number, to: number): void {
    const capacity = this.cum.length;
    if (from >= this.base && to <= this.base + capacity) return;
    const built = this.hi - this.lo;
    const newCapacity = Math.max(64, 2 * capacity, 2 * (to - from));
    // Center the new range on the requested one, keeping room to grow both ways.
    const newBase = from - Math.floor((newCapacity - (to - from)) / 2);
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(newCapacity);
      if (built > 0) next.set(old.subarray(this.lo - this.base, this.hi - this.base), this.lo - newBase);
      return next;
    };
    this.cum = grow(this.cum, (n) => new Float64Array(n));
    this.total = grow(this.total, (n) => new Float64Array(n));
    this.first = grow(this.first, (n) => new Int32Array(n));
    this.count = grow(this.count, (n) => new Int32Array(n));
    this.base = newBase;
  }

  /** Fills total/first/count of block k (not cum) from the local days that can touch it. */
  private buildAt(k: number): void {
    const blockStart = k * DAY + this.shift;
    const blockEnd = blockStart + DAY;
    const p = k - this.base;
    // Local day d holds instants within [d * DAY - MAX_OFFSET, (d + 1) * DAY + MAX_OFFSET).
    const dFrom = Math.floor((blockStart - MAX_OFFSET) / DAY) - 1;
    const dTo = Math.floor((blockEnd + MAX_OFFSET) / DAY);
    const pieces: number[] = [];
    for (let d = dFrom; d <= dTo; d++) {
      const day = this.dayIntervals(d);
      for (let i = 0; i < day.length; i += 2) {
        const start = day[i] > blockStart ? day[i] : blockStart;
        const end = day[i + 1] < blockEnd ? day[i + 1] : blockEnd;
        if (start < end) pieces.push(start, end);
      }
    }
    const merged = mergePairs(pieces);
    if (this.poolLength + merged.length > this.pool.length) {
      const next = new Float64Array(Math.max(2 * this.pool.length, this.poolLength + merged.length));
      next.set(this.pool.subarray(0, this.poolLength));
      this.pool = next;
    }
    let total = 0;
    for (let i = 0; i < merged.length; i += 2) total += merged[i + 1] - merged[i];
    this.pool.set(merged, this.poolLength);
    this.first[p] = this.poolLength;
    this.count[p] = merged.length / 2;
    this.total[p] = total;
    this.poolLength += merged.length;
  }

  /**
   * Open [start, end) instant pairs of local date d: the instants whose wall-clock time lies
   * in one of the weekday's intervals, found per stretch of constant UTC offset.
   */
  private dayIntervals(d: number): number[] {
    let cached = this.dayCache.get(d);
    if (cached !== undefined) return cached;
    const schedule = this.week[(((d + 3) % 7) + 7) % 7]; // 1970-01-01 (day 0) was a Thursday
    if (schedule.length === 0 || this.holidays.has(d)) {
      cached = [];
    } else {
      const midnight = d * DAY; // local ms of the date's 00:00
      const pieces: number[] = [];
      const segments = this.offsetSegments(midnight - MAX_OFFSET, midnight + DAY + MAX_OFFSET);
      for (let i = 0; i < schedule.length; i += 2) {
        const wallStart = midnight + schedule[i];
        const wallEnd = midnight + schedule[i + 1];
        for (let s = 0; s < segments.length; s += 3) {
          const offset = segments[s + 2];
          const start = Math.max(segments[s], wallStart - offset);
          const end = Math.min(segments[s + 1], wallEnd - offset);
          if (start < end) pieces.push(start, end);
        }
      }
      cached = mergePairs(pieces);
    }
    // Only the days around the edges of the built range are needed again: bound the memory.
    if (this.dayCache.size >= 4096) this.dayCache.clear();
    this.dayCache.set(d, cached);
    return cached;
  }

  /**
   * [start, end, offset] triples of constant UTC offset covering the instants [from, to).
   * Offsets are read only at slot boundaries (shared by neighbouring days, so each costs one
   * luxon call per UTC hour cached in zone.ts) and changes are located per whole slot, once.
   */
  private offsetSegments(from: number, to: number): number[] {
    const segments: number[] = [];
    let segmentStart = from;
    let slot = Math.floor(from / SAMPLE);
    let offset = this.resolver.offsetAt(slot * SAMPLE);
    for (;;) {
      const slotEnd = (slot + 1) * SAMPLE;
      const next = this.resolver.offsetAt(slotEnd);
      if (next !== offset) {
        const change = this.changeIn(slot, offset);
        if (change >= to) break; // `offset` holds until `to`
        if (change > from) {
          segments.push(segmentStart, change, offset);
          segmentStart = change;
        }
        offset = next; // in force from the change on
      }
      if (slotEnd >= to) break;
      slot++;
    }
    segments.push(segmentStart, to, offset);
    return segments;
  }

  /** The first instant of slot (lo, hi] whose offset differs from `offset` (one change per slot). */
  private changeIn(slot: number, offset: number): number {
    const known = this.changeCache.get(slot);
    if (known !== undefined) return known;
    let lo = slot * SAMPLE;
    let hi = lo + SAMPLE;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.resolver.offsetAt(mid) === offset) lo = mid;
      else hi = mid;
    }
    this.changeCache.set(slot, hi);
    return hi;
  }
}

/** Sorts [start, end) pairs and merges those that overlap or touch. */
function mergePairs(pairs: number[]): number[] {
  if (pairs.length <= 2) return pairs;
  const order: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) order.push(i);
  order.sort((a, b) => pairs[a] - pairs[b]);
  const out: number[] = [];
  for (const i of order) {
    const n = out.length;
    if (n > 0 && pairs[i] <= out[n - 1]) {
      if (pairs[i + 1] > out[n - 1]) out[n - 1] = pairs[i + 1];
    } else {
      out.push(pairs[i], pairs[i + 1]);
    }
  }
  return out;
}

import { IANAZone } from 'luxon';
import { UserError } from '../errors.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Throws a UserError for a time zone name that is not a known IANA zone
 * (`unknown time zone 'Mars/Base'`). 'UTC' and the other Etc/ names are accepted.
 */
export function assertZone(zone: string): void {
  if (typeof zone !== 'string' || zone.trim() === '' || !IANAZone.isValidZone(zone)) {
    throw new UserError(`unknown time zone '${String(zone)}'`);
  }
}

/** Names of zones whose offset is always zero, so no lookups are needed at all. */
const UTC_NAMES = new Set([
  'utc', 'etc/utc', 'uct', 'etc/uct', 'gmt', 'etc/gmt', 'gmt0', 'etc/gmt0', 'gmt+0', 'etc/gmt+0',
  'gmt-0', 'etc/gmt-0', 'greenwich', 'etc/greenwich', 'universal', 'etc/universal', 'zulu', 'etc/zulu',
]);

/** True when `zone` names UTC itself (any of its aliases), whose offset is always zero. */
export function isUtcZone(zone: string): boolean {
  return UTC_NAMES.has(zone.toLowerCase());
}

/**
 * Converts between instants and wall-clock times of one IANA zone, with the zone's offsets
 * memoized so that hot loops (one call per CSV cell) never call luxon or Intl after warm-up.
 *
 * "Local ms" below means a wall-clock time encoded as if it were UTC: the epoch milliseconds
 * of the same year/month/day/hour/minute/second in UTC.
 */
export interface ZoneResolver {
  /** The IANA name this resolver was made for. */
  readonly zone: string;
  /** The zone's UTC offset in milliseconds at the instant `utcMs` (local = utc + offset). */
  offsetAt(utcMs: number): number;
  /**
   * The instant at which the zone's clocks show `localMs`. Disambiguation follows Temporal's
   * 'compatible' option: a wall time skipped by a forward shift (a DST gap) is moved forward
   * by the length of the gap (02:30 in a 02:00->03:00 gap gives 03:30 after the change); a
   * wall time that happens twice (a DST overlap) gives the earlier instant (the one before
   * the clocks were set back).
   */
  toInstant(localMs: number): number;
}

/** Marks a cache entry whose hour contains (or is near) an offset change: resolve exactly. */
const MIXED = Number.NaN;

class CachedZoneResolver implements ZoneResolver {
  readonly zone: string;
  private readonly iana: IANAZone;
  /** UTC hour number -> offset (ms) valid for that whole hour, or MIXED. */
  private readonly byUtcHour = new Map<number, number>();
  /** Local hour number -> offset (ms) valid for every wall time in that hour, or MIXED. */
  private readonly byLocalHour = new Map<number, number>();
  /** One-entry cache in front of byLocalHour: input is often sorted by time. */
  private lastLocalHour = Number.NaN;
  private lastLocalOffset = 0;

  constructor(zone: string) {
    this.zone = zone;
    this.iana = IANAZone.create(zone);
  }

  /** Exact offset from luxon (Intl underneath), in whole milliseconds. */
  private exactOffset(utcMs: number): number {
    return Math.round(this.iana.offset(utcMs) * 60_000);
  }

  offsetAt(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR);
    let offset = this.byUtcHour.get(hour);
    if (offset === undefined) {
      const start = hour * HOUR;
      const first = this.exactOffset(start);
      // Offsets change at most once within an hour (true for every tzdb zone), so equal
      // offsets at both ends mean the whole hour shares one offset.
      offset = first === this.exactOffset(start + HOUR - 1) ? first : MIXED;
      this.byUtcHour.set(hour, offset);
    }
    return offset === offset ? offset : this.exactOffset(utcMs);
  }

  toInstant(localMs: number): number {
    const hour = Math.floor(localMs / HOUR);
    let offset: number | undefined;
    if (hour === this.lastLocalHour) {
      offset = this.lastLocalOffset;
    } else {
      offset = this.byLocalHour.get(hour);
      if (offset === undefined) {
        // Every wall time in this local hour lies within 18 h of an instant in
        // [start - 1 day, start + 1 h + 1 day]; if the offset is the same at both ends of
        // that window, no change happens in between (zones never change twice in two days).
        const start = hour * HOUR;
        const before = this.offsetAt(start - DAY);
        offset = before === this.offsetAt(start + HOUR + DAY) ? before : MIXED;
        this.byLocalHour.set(hour, offset);
      }
      this.lastLocalHour = hour;
      this.lastLocalOffset = offset;
    }
    return offset === offset ? localMs - offset : this.resolveNearChange(localMs);
  }

  /** Near an offset change: try the offsets before and after it (see toInstant). */
  private resolveNearChange(localMs: number): number {
    const before = this.offsetAt(localMs - DAY);
    const after = this.offsetAt(localMs + DAY);
    const early = localMs - before;
    const late = localMs - after;
    const earlyFits = this.offsetAt(early) === before;
    const lateFits = this.offsetAt(late) === after;
    if (earlyFits && lateFits) return Math.min(early, late); // overlap: the earlier instant
    if (earlyFits) return early;
    if (lateFits) return late;
    // Gap: read the wall time with the offset in force before the change, which lands
    // `after - before` later on the clock, i.e. moves forward by the gap.
    return early;
  }
}

class UtcResolver implements ZoneResolver {
  constructor(readonly zone: string) {}
  offsetAt(): number {
    return 0;
  }
  toInstant(localMs: number): number {
    return localMs;
  }
}

const resolvers = new Map<string, ZoneResolver>();

/**
 * The shared, memoized resolver for an IANA zone (one per zone name per process, so all
 * parsers and calendars of a run share one offset cache). Throws UserError for an unknown zone.
 */
export function zoneResolver(zone: string): ZoneResolver {
  let resolver = resolvers.get(zone);
  if (resolver === undefined) {
    assertZone(zone);
    resolver = isUtcZone(zone) ? new UtcResolver(zone) : new CachedZoneResolver(zone);
    resolvers.set(zone, resolver);
  }
  return resolver;
}

import { zoneResolver } from '../time/zone.js';
import { liveContactsCreated } from './columns.js';
import { agentsNeeded } from './erlang.js';
import type { MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface StaffingOptions {
  /** The service-level threshold in seconds: "answered within 20 s". Default 20. */
  targetSeconds: number;
  /** The share of contacts to answer within targetSeconds (0-1). Default 0.8. */
  serviceLevelTarget: number;
  /** The IANA zone whose clock gives the weekday and hour. Default: the report's (input.timeZone). */
  timeZone: string;
}

/** One hour of the week, such as Monday 09:00-10:00, on the zone's clock. */
export interface StaffingCell {
  /** Monday = 0 to Sunday = 6. */
  weekday: number;
  /** 0-23. */
  hour: number;
  /** How many times this hour of the week occurs in the period (2 in a two-week period). */
  weeks: number;
  /** Contacts that arrived in this hour of the week, over the whole period. */
  arrivals: number;
  /** arrivals / weeks: the load of one such hour (0 when the hour does not occur). */
  arrivalsPerHour: number;
  /** Mean talk + after-contact work, in seconds; null when nothing needs handling. */
  averageHandleSeconds: number | null;
  /** The Erlang C figures below are null when the hour does not occur or no handle time is known. */
  agents: number | null;
  serviceLevel: number | null;
  probabilityOfWaiting: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  occupancy: number | null;
}

export interface StaffingResult {
  unit: 'agents';
  /** Contacts counted as arrivals. */
  n: number;
  /** Peak agents needed: the most any hour of the week needs; null with no arrivals or no handle time. */
  value: number | null;
  targetSeconds: number;
  serviceLevelTarget: number;
  /** 168 hours of the week, Monday 00 to Sunday 23. */
  cells: StaffingCell[];
}

export const DEFAULT_TARGET_SECONDS = 20;
export const DEFAULT_SERVICE_LEVEL_TARGET = 0.8;

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const HOURS_IN_WEEK = 7 * 24;
/** 1970-01-01, day 0 of epoch time, was a Thursday: weekday 3 counting from Monday = 0. */
const EPOCH_WEEKDAY = 3;

/**
 * Staffing: the agents needed in each hour of the week to answer `serviceLevelTarget` of the
 * contacts within `targetSeconds`, by the Erlang C model (METRICS.md, section 6).
 *
 * Arrivals are the in-scope contacts on live channels (settings.liveChannels: chat, phone)
 * created in the period, counted by the weekday and hour of creation on the zone's clock.
 * Formula, per hour of the week:
 * - weeks = how many times that hour occurs in the period, found by walking the period hour by
 *   hour on the zone's clock, so partial weeks and daylight-saving days count what really
 *   happened (the hour skipped in spring occurs once fewer, the hour repeated in autumn once more);
 * - arrivals per hour = arrivals / weeks;
 * - average handle time = mean of (ended - answered) + (wrap-up finished - ended, when known)
 *   over the answered contacts among those arrivals; an hour with arrivals but no answered
 *   contact borrows the mean of the whole period, which is a better guess than nothing;
 * - agents = the fewest agents whose Erlang C service level reaches the target (agentsNeeded).
 * The headline value is the peak: the most agents any hour with arrivals needs (null when
 * there are no arrivals, or no contact was answered so no handle time is known).
 * Period attribution: the period in which the contact was created.
 *
 * Cost: one pass over the contacts, one step per hour of the period, and one Erlang C search
 * per hour of the week.
 *
 * @throws when targetSeconds is negative or serviceLevelTarget is outside [0, 1]
 * @example
 * // two weeks with 100 calls each Monday 09:00-10:00, each 170 s of talk and 10 s of wrap-up
 * staffing(input, { timeZone: 'UTC' }).cells[9];
 * // => { weekday: 0, hour: 9, weeks: 2, arrivals: 200, arrivalsPerHour: 100,
 * //      averageHandleSeconds: 180, agents: 8, serviceLevel: 0.88, ... } (rounded)
 */
export function staffing(input: MetricInput, options: Partial<StaffingOptions> = {}): StaffingResult {
  const targetSeconds = options.targetSeconds ?? DEFAULT_TARGET_SECONDS;
  const serviceLevelTarget = options.serviceLevelTarget ?? DEFAULT_SERVICE_LEVEL_TARGET;
  if (!(targetSeconds >= 0 && targetSeconds < Infinity)) throw new Error('staffing requires targetSeconds of at least 0');
  if (!(serviceLevelTarget >= 0 && serviceLevelTarget <= 1)) throw new Error('staffing requires serviceLevelTarget between 0 and 1');
  const zone = zoneResolver(options.timeZone ?? input.timeZone);
  const cellAt = (instant: number): number => cellOfLocalTime(instant + zone.offsetAt(instant));

  const weeks = new Float64Array(HOURS_IN_WEEK);
  const { start, end } = input.period;
  for (let instant = start; instant < end; ) {
    const local = instant + zone.offsetAt(instant);
    weeks[cellOfLocalTime(local)]++;
    // On to the instant the zone's clock reaches the next full hour; across a daylight-saving
    // change that lands in a later hour (spring) or in the same hour again (autumn).
    instant += HOUR - modulo(local, HOUR);
  }

  const contacts = input.data.contacts;
  const createdAt = contacts.time.created_at;
  const answeredAt = contacts.time.answered_at;
  const endedAt = contacts.time.ended_at;
  const wrapUpAt = contacts.time.wrap_up_at;
  const arrivals = new Float64Array(HOURS_IN_WEEK);
  const handled = new Float64Array(HOURS_IN_WEEK);
  const handleSeconds = new Float64Array(HOURS_IN_WEEK);
  let n = 0;
  let handledInPeriod = 0;
  let handleSecondsInPeriod = 0;
  const live = liveContactsCreated(input);
  for (let k = 0; k < live.length; k++) {
    const i = live[k];
    const created = createdAt.at(i);
    const cell = cellAt(created);
    arrivals[cell]++;
    n++;
    const talk = endedAt.at(i) - answeredAt.at(i);
    // false when either time is missing (NaN): the contact was never handled
    if (!(talk >= 0)) continue;
    const afterWork = wrapUpAt.at(i) - endedAt.at(i);
    const seconds = (talk + (afterWork >= 0 ? afterWork : 0)) / 1000;
    handled[cell]++;
    handleSeconds[cell] += seconds;
    handledInPeriod++;
    handleSecondsInPeriod += seconds;
  }
  const periodHandleSeconds = handledInPeriod > 0 ? handleSecondsInPeriod / handledInPeriod : null;

  const cells: StaffingCell[] = [];
  let peak: number | null = null;
  for (let cell = 0; cell < HOURS_IN_WEEK; cell++) {
    const staffingCell: StaffingCell = {
      weekday: Math.floor(cell / 24),
      hour: cell % 24,
      weeks: weeks[cell],
      arrivals: arrivals[cell],
      arrivalsPerHour: weeks[cell] > 0 ? arrivals[cell] / weeks[cell] : 0,
      averageHandleSeconds: null,
      agents: null,
      serviceLevel: null,
      probabilityOfWaiting: null,
      averageSpeedOfAnswerSeconds: null,
      occupancy: null,
    };
    cells.push(staffingCell);
    if (weeks[cell] === 0) continue;
    if (arrivals[cell] > 0) {
      staffingCell.averageHandleSeconds = handled[cell] > 0 ? handleSeconds[cell] / handled[cell] : periodHandleSeconds;
      if (staffingCell.averageHandleSeconds === null) continue;
    }
    const needed = agentsNeeded({
      arrivalsPerHour: staffingCell.arrivalsPerHour,
      // an hour without arrivals has no load whatever the handle time: 0 agents
      averageHandleSeconds: staffingCell.averageHandleSeconds ?? 0,
      targetSeconds,
      serviceLevelTarget,
    });
    staffingCell.agents = needed.agents;
    staffingCell.serviceLevel = needed.serviceLevel;
    staffingCell.probabilityOfWaiting = needed.probabilityOfWaiting;
    staffingCell.averageSpeedOfAnswerSeconds = needed.averageSpeedOfAnswerSeconds;
    staffingCell.occupancy = needed.occupancy;
    if (arrivals[cell] > 0 && (peak === null || needed.agents > peak)) peak = needed.agents;
  }
  return { unit: 'agents', n, value: peak, targetSeconds, serviceLevelTarget, cells };
}

/** The hour of the week, Monday 00 = 0 to Sunday 23 = 167, of a wall-clock time in local ms. */
function cellOfLocalTime(local: number): number {
  const day = Math.floor(local / DAY);
  const weekday = modulo(day + EPOCH_WEEKDAY, 7);
  return weekday * 24 + Math.floor((local - day * DAY) / HOUR);
}

/** The remainder of a / b, never negative (for times before 1970). */
function modulo(a: number, b: number): number {
  return ((a % b) + b) % b;
}

export const staffingMetric = defineMetric({
  id: 'staffing',
  title: 'Staffing',
  kind: 'distribution',
  definition: 'Agents needed per hour of the week for 80% of calls and chats answered within 20 s (Erlang C); value: the peak',
  compute: (input) => staffing(input),
});

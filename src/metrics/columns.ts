import type { ContactTable, NumberArray, TextColumn } from '../model/table.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';

/**
 * Helpers the metric loops share. They work on dictionary codes so that a loop over a million
 * rows compares integers, never strings, and allocates nothing per row.
 */

/** The label a missing text value is reported under. */
export const NONE = '(none)';

/**
 * Marks which dictionary codes of a text column stand for one of the wanted values:
 * `mask[code] === 1`. Test a row with `code >= 0 && mask[code] === 1` (code -1 is missing).
 */
export function codeMask(column: TextColumn, wanted: readonly string[]): Uint8Array {
  const mask = new Uint8Array(column.values.length);
  for (let code = 0; code < column.values.length; code++) {
    if (wanted.includes(column.values[code])) mask[code] = 1;
  }
  return mask;
}

/**
 * A tally per value of a text column: counts indexed by code + 1, slot 0 holding the rows
 * where the value is missing. Increment with `tally[code + 1]++`.
 */
export function newTally(column: TextColumn): Float64Array {
  return new Float64Array(column.values.length + 1);
}

/** The labels of a tally's slots: slot 0 is NONE, slot code + 1 is the value of the code. */
function slotLabel(values: readonly string[], slot: number): string {
  return slot === 0 ? NONE : values[slot - 1];
}

/** Slots with a non-zero tally, ordered by their labels. */
function usedSlotsByLabel(tally: ArrayLike<number>, values: readonly string[]): number[] {
  const slots: number[] = [];
  for (let slot = 0; slot < tally.length; slot++) if (tally[slot] > 0) slots.push(slot);
  return slots.sort((a, b) => compareText(slotLabel(values, a), slotLabel(values, b)));
}

/** Orders strings by code unit, the same everywhere (no locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A tally as a record from label to count, ordered by label, missing values as NONE, zero
 * counts left out.
 */
export function tallyRecord(tally: ArrayLike<number>, values: readonly string[]): Record<string, number> {
  const record: Record<string, number> = {};
  for (const slot of usedSlotsByLabel(tally, values)) {
    const label = slotLabel(values, slot);
    record[label] = (record[label] ?? 0) + tally[slot];
  }
  return record;
}

/**
 * Two tallies (successes and trials per value) as a record from label to RateSummary, ordered
 * by label, values without trials left out.
 */
export function rateRecord(
  successes: ArrayLike<number>,
  trials: ArrayLike<number>,
  values: readonly string[],
): Record<string, RateSummary> {
  const record: Record<string, RateSummary> = {};
  for (const slot of usedSlotsByLabel(trials, values)) {
    record[slotLabel(values, slot)] = rate(successes[slot], trials[slot]);
  }
  return record;
}

/**
 * Whether an agent handled the contact: sent at least one reply, or answered the call or chat
 * (METRICS.md, conversations_per_agent). A first response counts as a reply.
 */
export function isHandled(contacts: ContactTable, row: number): boolean {
  // NaN > 0 is false and NaN === NaN is false, so missing values read as "did not happen".
  return (
    contacts.number.agent_replies[row] > 0 ||
    contacts.time.first_response_at[row] === contacts.time.first_response_at[row] ||
    contacts.time.answered_at[row] === contacts.time.answered_at[row]
  );
}

/**
 * Rows of the in-scope contacts created in the period: what every count attributed by creation
 * (volume, channel mix, escalations, ...) counts over.
 */
export function contactsCreated(input: MetricInput): Int32Array {
  const scope = input.contactInScope;
  const { start, end } = input.period;
  const createdAt = input.data.contacts.time.created_at;
  const rows = new Int32Array(createdAt.length);
  let count = 0;
  for (let i = 0; i < createdAt.length; i++) {
    const created = createdAt[i];
    if (scope[i] === 1 && created >= start && created < end) rows[count++] = i;
  }
  return rows.subarray(0, count);
}

/**
 * Rows of the in-scope contacts on live channels (settings.liveChannels: chat, phone) created in
 * the period: the calls and chats that the live-channel metrics count.
 */
export function liveContactsCreated(input: MetricInput): Int32Array {
  const channel = input.data.contacts.text.channel;
  const isLive = codeMask(channel, input.settings.liveChannels);
  return contactsCreated(input).filter((i) => channel.codes[i] >= 0 && isLive[channel.codes[i]] === 1);
}

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Weekday (Monday = 0) and hour (0-23) of an instant on a zone's clock. Epoch day 0,
 * 1970-01-01, was a Thursday: weekday 3 counting from Monday.
 */
export function localWeekdayHour(at: number, zone: { offsetAt(utcMs: number): number }): { weekday: number; hour: number } {
  const local = at + zone.offsetAt(at);
  const day = Math.floor(local / DAY_MS);
  return { weekday: (((day + 3) % 7) + 7) % 7, hour: Math.floor((local - day * DAY_MS) / HOUR_MS) };
}

/**
 * Seconds between two instants for each in-scope contact whose later instant (`to`) falls in
 * the period and whose earlier instant (`from`) is present. This is how every duration metric
 * is attributed: to the period in which the measured interval ends. With `input.businessTime`
 * (--business-hours) only the open seconds between the two instants count, unless the export
 * gave the business-hour duration itself (`exportedBusinessSeconds`), which is then used.
 */
export function secondsBetween(
  input: MetricInput,
  from: Float64Array,
  to: Float64Array,
  exportedBusinessSeconds?: NumberArray,
): Float64Array {
  const { contactInScope, businessTime } = input;
  const { start, end } = input.period;
  const seconds = new Float64Array(to.length);
  let count = 0;
  for (let i = 0; i < to.length; i++) {
    if (contactInScope[i] !== 1) continue;
    const later = to[i];
    if (!(later >= start && later < end)) continue;
    const earlier = from[i];
    if (earlier !== earlier) continue;
    if (!businessTime) seconds[count++] = (later - earlier) / 1000;
    else {
      const exported = exportedBusinessSeconds ? exportedBusinessSeconds[i] : NaN;
      seconds[count++] = exported === exported ? exported : businessTime.openSeconds(earlier, later);
    }
  }
  return seconds.subarray(0, count);
}

import type { ContactTable, NumberColumn, TextColumn, TimeColumn } from '../model/table.js';
import { NO_SECONDS } from '../model/table.js';
import { rate } from './stats.js';
import type { Interval, MetricInput, RateSummary } from './types.js';

/**
 * Helpers the metric loops share. They work on dictionary codes so that a loop over a million
 * rows compares integers, never strings, and allocates nothing per row. Loops over row lists
 * index them (`for (let k = 0; k < rows.length; k++)`): `for...of` over an Int32Array made an
 * iterator result per row in these loops, ~400 MB of garbage in a 1M-contact report.
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
    contacts.number.agent_replies.at(row) > 0 ||
    contacts.time.first_response_at.has(row) ||
    contacts.time.answered_at.has(row)
  );
}

/**
 * Work that several metrics of one scope and period have in common (the contacts created in the
 * period, those resolved in it, the backlog count), done once per input object: the report gives
 * every metric of a scope and period the same input, and the work goes when the input does.
 */
const sharedWork = new WeakMap<MetricInput, Map<string, unknown>>();

/** `compute()` the first time `name` is asked of this input, the same result after that. */
export function shared<T>(input: MetricInput, name: string, compute: () => T): T {
  let work = sharedWork.get(input);
  if (!work) {
    work = new Map();
    sharedWork.set(input, work);
  }
  if (!work.has(name)) work.set(name, compute());
  return work.get(name) as T;
}

/**
 * Of the in-scope rows (`rows`, or all `length` rows of the table when absent), those whose
 * instant `at` falls in the period, ascending. Counted first, then filled: the list holds
 * exactly the rows selected, nothing sized by the table. The filling pass goes from the first
 * row counted to the last: exports come in time order, so a period's rows are mostly a stretch.
 */
export function rowsWithin(rows: Int32Array | undefined, length: number, at: TimeColumn, period: Interval): Int32Array {
  const { values, lo, hi } = at.stored(period.start, period.end);
  const count = rows ? rows.length : length;
  let selected = 0;
  let first = count;
  let last = -1;
  for (let k = 0; k < count; k++) {
    const t = values[rows ? rows[k] : k];
    if (t >= lo && t < hi) {
      selected++;
      if (first === count) first = k;
      last = k;
    }
  }
  const within = new Int32Array(selected);
  let next = 0;
  for (let k = first; k <= last; k++) {
    const i = rows ? rows[k] : k;
    const t = values[i];
    if (t >= lo && t < hi) within[next++] = i;
  }
  return within;
}

/**
 * Rows of the in-scope contacts created in the period, ascending: what every count attributed by
 * creation (volume, channel mix, escalations, ...) counts over. Shared by the metrics of one
 * input: do not change it.
 */
export function contactsCreated(input: MetricInput): Int32Array {
  const contacts = input.data.contacts;
  return shared(input, 'contacts created', () =>
    rowsWithin(input.contactRows, contacts.length, contacts.time.created_at, input.period),
  );
}

/**
 * Rows of the in-scope contacts resolved in the period, ascending: what the metrics attributed by
 * resolution (resolution time, FCR, reopens, interactions) count over. Shared: do not change it.
 */
export function contactsResolved(input: MetricInput): Int32Array {
  const contacts = input.data.contacts;
  return shared(input, 'contacts resolved', () =>
    rowsWithin(input.contactRows, contacts.length, contacts.time.resolved_at, input.period),
  );
}

/**
 * Rows of the in-scope contacts on live channels (settings.liveChannels: chat, phone) created in
 * the period, ascending: the calls and chats that the live-channel metrics count. Shared: do not
 * change it.
 */
export function liveContactsCreated(input: MetricInput): Int32Array {
  return shared(input, 'live contacts created', () => {
    const channel = input.data.contacts.text.channel;
    const isLive = codeMask(channel, input.settings.liveChannels);
    const created = contactsCreated(input);
    const isLiveRow = (i: number) => channel.codes[i] >= 0 && isLive[channel.codes[i]] === 1;
    let count = 0;
    for (let k = 0; k < created.length; k++) if (isLiveRow(created[k])) count++;
    const live = new Int32Array(count);
    let next = 0;
    for (let k = 0; k < created.length; k++) {
      const i = created[k];
      if (isLiveRow(i)) live[next++] = i;
    }
    return live;
  });
}

/**
 * Which contacts are in scope, as a mask (1 = in scope), for looking contacts up from another
 * table's rows (replies); undefined when every contact is in scope. Shared: do not change it.
 */
export function contactScopeMask(input: MetricInput): Uint8Array | undefined {
  const rows = input.contactRows;
  if (!rows) return undefined;
  return shared(input, 'contact scope mask', () => {
    const mask = new Uint8Array(input.data.contacts.length);
    for (let k = 0; k < rows.length; k++) mask[rows[k]] = 1;
    return mask;
  });
}

/**
 * Rows of the in-scope survey answers given in the period (start <= responded_at < end),
 * ascending, of every kind. Shared: do not change it.
 */
export function surveysGiven(input: MetricInput): Int32Array {
  const surveys = input.data.surveys;
  return shared(input, 'surveys given', () =>
    rowsWithin(input.surveyRows, surveys.length, surveys.time.responded_at, input.period),
  );
}

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The hour of the week of an instant on a zone's clock: weekday (Monday = 0) x 24 + hour (0-23).
 * One number, not a { weekday, hour } object per contact. Epoch day 0, 1970-01-01, was a
 * Thursday: weekday 3 counting from Monday.
 */
export function localHourOfWeek(at: number, zone: { offsetAt(utcMs: number): number }): number {
  const local = at + zone.offsetAt(at);
  const day = Math.floor(local / DAY_MS);
  return ((((day + 3) % 7) + 7) % 7) * 24 + Math.floor((local - day * DAY_MS) / HOUR_MS);
}

/**
 * Seconds between two instants for each in-scope contact whose later instant (`to`) falls in
 * the period and whose earlier instant (`from`) is present, in row order. This is how every
 * duration metric is attributed: to the period in which the measured interval ends. With
 * `input.businessTime` (--business-hours) only the open seconds between the two instants count,
 * unless the export gave the business-hour duration itself (`exportedBusinessSeconds`), which is
 * then used. Counted first, then filled (from the first row counted to the last, as in
 * rowsWithin): the sample holds exactly the durations, not room for a table's worth, and is the
 * caller's to summarize in place.
 */
export function secondsBetween(
  input: MetricInput,
  from: TimeColumn,
  to: TimeColumn,
  exportedBusinessSeconds?: NumberColumn,
): Float64Array {
  const { businessTime } = input;
  const { values, lo, hi } = to.stored(input.period.start, input.period.end);
  // In clock time between two columns of whole seconds (as exported times nearly always are),
  // the stored seconds are subtracted as they are: the same numbers, without making
  // milliseconds and dividing them again (~66 -> ~28 ms for five durations at 1M).
  const fromSeconds = !businessTime && to.seconds ? from.seconds : undefined;
  const rows = input.contactRows;
  const count = rows ? rows.length : input.data.contacts.length;
  let durations = 0;
  let first = count;
  let last = -1;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const later = values[i];
    if (later >= lo && later < hi && (fromSeconds ? fromSeconds[i] !== NO_SECONDS : from.has(i))) {
      durations++;
      if (first === count) first = k;
      last = k;
    }
  }
  const seconds = new Float64Array(durations);
  let next = 0;
  for (let k = first; k <= last; k++) {
    const i = rows ? rows[k] : k;
    if (!(values[i] >= lo && values[i] < hi)) continue;
    if (fromSeconds) {
      if (fromSeconds[i] !== NO_SECONDS) seconds[next++] = values[i] - fromSeconds[i];
      continue;
    }
    if (!from.has(i)) continue;
    const later = to.at(i);
    const earlier = from.at(i);
    if (!businessTime) seconds[next++] = (later - earlier) / 1000;
    else {
      const exported = exportedBusinessSeconds ? exportedBusinessSeconds.at(i) : NaN;
      seconds[next++] = exported === exported ? exported : businessTime.openSeconds(earlier, later);
    }
  }
  return seconds;
}

import type { ContactTable } from '../model/table.js';
import { codeMask, contactsResolved, newTally, rateRecord } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

/** Why eligible contacts were not FCR; one contact may have several reasons. */
export interface NotFcrReasons {
  reopened: number;
  escalated: number;
  handoffs: number;
  repeat_contact: number;
  /** Not one-touch: a non-live contact without exactly one agent reply. */
  replies: number;
}

export interface FcrRateResult extends RateSummary {
  byChannel: Record<string, RateSummary>;
  notFcrReasons: NotFcrReasons;
}

/**
 * Creation times of the contacts of customers first..end - 1 (codes), grouped by customer and
 * sorted within each customer, so that "did this customer open another contact in this window"
 * is two binary searches. The customer with code k owns `times[start[k - first]]` up to (not
 * including) `times[start[k - first + 1]]`. Times are as the creation column stores them: whole
 * seconds (an Int32Array, half the memory) while it holds seconds, else epoch milliseconds.
 */
export interface CreatedByCustomer {
  first: number;
  start: Int32Array;
  times: Int32Array | Float64Array;
}

/** Builds the index over every contact of customers first..end - 1 with a creation time, whatever its scope. */
export function indexCreatedByCustomer(contacts: ContactTable, first = 0, end = contacts.text.customer_id.size): CreatedByCustomer {
  const customerCodes = contacts.text.customer_id.codes;
  const createdAt = contacts.time.created_at;
  const customerCount = end - first;
  const stored = createdAt.seconds ?? createdAt.ms!;
  // A counting sort by customer: count, turn counts into starting offsets, then place, moving
  // each customer's offset to its end (which is the next one's start: shifted back after).
  const start = new Int32Array(customerCount + 1);
  for (let i = 0; i < contacts.length; i++) {
    const customer = customerCodes[i] - first;
    if (customer >= 0 && customer < customerCount && createdAt.has(i)) start[customer + 1]++;
  }
  for (let customer = 0; customer < customerCount; customer++) start[customer + 1] += start[customer];
  const times = stored instanceof Int32Array ? new Int32Array(start[customerCount]) : new Float64Array(start[customerCount]);
  for (let i = 0; i < contacts.length; i++) {
    const customer = customerCodes[i] - first;
    if (customer >= 0 && customer < customerCount && createdAt.has(i)) times[start[customer]++] = stored[i];
  }
  start.copyWithin(1, 0, customerCount);
  start[0] = 0;
  // Exports list contacts in creation order, so most customers' times are in order already: sort
  // only those that are not (a subarray and a sort per customer was most of the cost).
  for (let customer = 0; customer < customerCount; customer++) {
    const from = start[customer];
    const to = start[customer + 1];
    let inOrder = true;
    for (let k = from + 1; k < to && inOrder; k++) if (times[k] < times[k - 1]) inOrder = false;
    if (!inOrder) times.subarray(from, to).sort();
  }
  return { first, start, times };
}

/** repeatContacts of each contacts table, by repeat window (ms), kept with the table. */
const repeatsByTable = new WeakMap<ContactTable, Map<number, Uint8Array>>();

/**
 * Whether each contact had a repeat contact: 1 when the same customer opened another contact
 * created after its resolution and at or before resolution + `windowMilliseconds`, else 0 (also
 * for a contact without a resolution or a customer). It is a fact of the contact, whatever the
 * report's scope and period, so it is worked out once per table and window, for every resolved
 * contact, and kept with the table: one byte per contact, where the index it comes from (12 bytes
 * per contact) is dropped. Every fcr_rate of a report (the whole, each breakdown group, the
 * comparison period) reads it.
 */
export function repeatContacts(contacts: ContactTable, windowMilliseconds: number): Uint8Array {
  let byWindow = repeatsByTable.get(contacts);
  if (!byWindow) {
    byWindow = new Map();
    repeatsByTable.set(contacts, byWindow);
  }
  let repeats = byWindow.get(windowMilliseconds);
  if (!repeats) {
    repeats = findRepeatContacts(contacts, windowMilliseconds);
    byWindow.set(windowMilliseconds, repeats);
  }
  return repeats;
}

/**
 * About how many contacts one pass of findRepeatContacts indexes. Its index takes 4 bytes per
 * contact and per customer of the pass: at 10M contacts, in one pass, ~70 MB on top of the
 * table, at the report's peak of memory, and looked up at random. Passes over ranges of customer
 * codes bound it; each pass reads the customer codes again.
 */
const CONTACTS_PER_PASS = 1 << 21;

/** Customers per pass of findRepeatContacts, so that a pass indexes about CONTACTS_PER_PASS contacts. */
function customersPerPass(contacts: ContactTable): number {
  const passes = Math.ceil(contacts.length / CONTACTS_PER_PASS);
  return Math.max(1, Math.ceil(contacts.text.customer_id.size / passes));
}

/** repeatContacts without the cache, a pass per `perPass` customers (by code). */
export function findRepeatContacts(contacts: ContactTable, windowMilliseconds: number, perPass = customersPerPass(contacts)): Uint8Array {
  const createdAt = contacts.time.created_at;
  const resolvedAt = contacts.time.resolved_at;
  const customerCodes = contacts.text.customer_id.codes;
  const customerCount = contacts.text.customer_id.size;
  const repeats = new Uint8Array(contacts.length);
  for (let first = 0; first < customerCount; first += perPass) {
    const end = Math.min(first + perPass, customerCount);
    const { start, times } = indexCreatedByCustomer(contacts, first, end);
    for (let i = 0; i < contacts.length; i++) {
      const customer = customerCodes[i] - first;
      if (customer < 0 || customer >= end - first) continue;
      const resolved = resolvedAt.at(i);
      if (resolved !== resolved) continue;
      const from = start[customer];
      const to = start[customer + 1];
      const created = createdAt.at(i);
      // no contact of the customer but (at most) this one: nothing to look for
      if (to - from === 0 || (to - from === 1 && created === created)) continue;
      const windowEnd = resolved + windowMilliseconds;
      let inWindow = firstAfter(times, from, to, storedBound(times, windowEnd)) - firstAfter(times, from, to, storedBound(times, resolved));
      // The contact itself is in the index; it is in the window only with bad data (created
      // after its own resolution), and it is never its own repeat.
      if (created > resolved && created <= windowEnd) inWindow--;
      if (inWindow > 0) repeats[i] = 1;
    }
  }
  return repeats;
}

/**
 * The bound to compare stored times with for "later than `ms`": a whole second s is later than
 * ms exactly when s > floor(ms / 1000).
 */
function storedBound(times: Int32Array | Float64Array, ms: number): number {
  return times instanceof Int32Array ? Math.floor(ms / 1000) : ms;
}

/** The first position in the sorted `times[from .. to)` holding a time greater than `instant` (in their unit). */
function firstAfter(times: Int32Array | Float64Array, from: number, to: number, instant: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] > instant) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * First contact resolution rate: the share of eligible contacts resolved in one touch, with no
 * reopen, escalation, hand-off or repeat contact (seed 000: 70-79% is good, 80% and over world
 * class).
 *
 * Eligible: in-scope contacts resolved in the period whose issue type is not in
 * settings.fcrIneligibleIssueTypes. An eligible contact is FCR when all of these hold:
 * - one touch: it is on a live channel (chat, phone: resolved within the one conversation), or
 *   it has exactly one agent reply (a non-live contact without a reply count is not FCR);
 * - it was not reopened and had no hand-offs (a missing count is taken as 0);
 * - it was not escalated;
 * - the same customer opened no other contact created after its resolution and at or before
 *   resolution + settings.repeatWindowSeconds (default 7 days). Repeats are looked for among all
 *   contacts read, on any channel, whatever the filters, even past the period's end; a contact
 *   without a customer id cannot have repeats.
 * Formula: FCR contacts / eligible contacts x 100, also per channel.
 * Period attribution: the period of the resolution (start <= resolved_at < end).
 *
 * Cost: once per table, a counting sort of contacts by customer and two binary searches per
 * resolved contact (see repeatContacts); then a pass over the eligible contacts.
 *
 * @example
 * // two emails resolved with one reply; the first customer writes again two days later
 * fcrRate(input).value; // => 50
 * fcrRate(input).notFcrReasons.repeat_contact; // => 1
 */
export function fcrRate(input: MetricInput): FcrRateResult {
  const contacts = input.data.contacts;
  const settings = input.settings;
  const agentReplies = contacts.number.agent_replies;
  const reopens = contacts.number.reopens;
  const handoffs = contacts.number.handoffs;
  const escalated = contacts.flag.escalated;
  const channelCodes = contacts.text.channel.codes;
  const issueTypeCodes = contacts.text.issue_type.codes;
  const isLive = codeMask(contacts.text.channel, settings.liveChannels);
  const isIneligible = codeMask(contacts.text.issue_type, settings.fcrIneligibleIssueTypes);
  const hadRepeat = repeatContacts(contacts, settings.repeatWindowSeconds * 1000);

  const eligiblePerChannel = newTally(contacts.text.channel);
  const fcrPerChannel = newTally(contacts.text.channel);
  const reasons: NotFcrReasons = { reopened: 0, escalated: 0, handoffs: 0, repeat_contact: 0, replies: 0 };
  let eligible = 0;
  let fcr = 0;
  const resolved = contactsResolved(input);
  for (let k = 0; k < resolved.length; k++) {
    const i = resolved[k];
    const issueType = issueTypeCodes[i];
    if (issueType >= 0 && isIneligible[issueType] === 1) continue;
    eligible++;
    const channel = channelCodes[i];
    eligiblePerChannel[channel + 1]++;

    let isFcr = true;
    const live = channel >= 0 && isLive[channel] === 1;
    if (!live && agentReplies.at(i) !== 1) {
      reasons.replies++;
      isFcr = false;
    }
    if (reopens.at(i) > 0) {
      reasons.reopened++;
      isFcr = false;
    }
    if (escalated[i] === 1) {
      reasons.escalated++;
      isFcr = false;
    }
    if (handoffs.at(i) > 0) {
      reasons.handoffs++;
      isFcr = false;
    }
    if (hadRepeat[i] === 1) {
      reasons.repeat_contact++;
      isFcr = false;
    }
    if (isFcr) {
      fcr++;
      fcrPerChannel[channel + 1]++;
    }
  }
  return {
    ...rate(fcr, eligible),
    byChannel: rateRecord(fcrPerChannel, eligiblePerChannel, contacts.text.channel.values),
    notFcrReasons: reasons,
  };
}

export const fcrRateMetric = defineMetric({
  id: 'fcr_rate',
  title: 'First contact resolution',
  kind: 'rate',
  definition:
    'Contacts resolved in the period in one touch, never reopened, escalated or handed off, with no repeat contact within the repeat window (default 7 days) / eligible resolved contacts (percent)',
  compute: fcrRate,
});

import { shared } from './columns.js';
import type { CountSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

/** Contacts open at the end of the period, and how many of them are older than a threshold. */
export interface BacklogCounts {
  open: number;
  olderThanThreshold: number;
}

/**
 * Counts the in-scope contacts open at the instant E = end of the period: created before E and
 * not ended by E. A contact ends when it is resolved (`resolved_at`), or, if it never was, when
 * it is closed (`closed_at`); it is still open when that time is missing or at or after E.
 * Those open for strictly more than settings.backlogAgeSeconds at E are counted apart.
 * Counted once per input: backlog and backlog_aged share the pass.
 */
export function countBacklog(input: MetricInput): BacklogCounts {
  return shared(input, 'backlog', () => countOpenContacts(input, input.settings.backlogAgeSeconds * 1000));
}

function countOpenContacts(input: MetricInput, ageMilliseconds: number): BacklogCounts {
  const contacts = input.data.contacts;
  const rows = input.contactRows;
  const count = rows ? rows.length : contacts.length;
  const snapshot = input.period.end;
  const createdAt = contacts.time.created_at;
  const resolvedAt = contacts.time.resolved_at;
  const closedAt = contacts.time.closed_at;
  let open = 0;
  let olderThanThreshold = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const created = createdAt.at(i);
    if (!(created < snapshot)) continue;
    const resolved = resolvedAt.at(i);
    const ended = resolved === resolved ? resolved : closedAt.at(i);
    if (ended < snapshot) continue; // false when it never ended (NaN): still open
    open++;
    if (snapshot - created > ageMilliseconds) olderThanThreshold++;
  }
  return { open, olderThanThreshold };
}

/**
 * Backlog: contacts still open at the end of the period, the work carried into the next one.
 *
 * Formula: the count of in-scope contacts created before the end of the period and not ended by
 * then, where a contact ends when it is resolved or, if it never was, when it is closed (a missed
 * chat closed unanswered is not backlog).
 * Period attribution: a snapshot at the instant the period ends (half-open: a contact resolved
 * exactly at the end is no longer open; one created exactly at the end is not yet there).
 *
 * @example
 * // created before the end of March: one resolved in March, one resolved in April, one never
 * backlog(input).value; // => 2
 */
export function backlog(input: MetricInput): CountSummary {
  const { open } = countBacklog(input);
  return { unit: 'count', n: open, value: open };
}

export const backlogMetric = defineMetric({
  id: 'backlog',
  title: 'Backlog',
  kind: 'count',
  definition: 'Contacts open at the end of the period: created before it and not yet resolved or closed',
  compute: backlog,
});

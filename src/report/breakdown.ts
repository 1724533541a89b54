import { DateTime } from 'luxon';
import type { Dataset } from '../model/dataset.js';
import type { TextColumn } from '../model/table.js';
import type { Interval } from '../metrics/types.js';
import { localWeekdayHour } from '../metrics/columns.js';
import { zoneResolver } from '../time/zone.js';
import type { Scope } from './select.js';
import { surveyContactRows } from './select.js';

/** The dimensions a report can be broken down by (`--by`). */
export const DIMENSIONS = [
  'channel',
  'agent',
  'team',
  'priority',
  'issue_type',
  'segment',
  'day',
  'week',
  'month',
  'hour',
  'weekday',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The label of rows that have no value for a dimension, so that groups always partition the rows. */
export const NO_VALUE = '(none)';

/** One group of a breakdown: its label and either its own period or its own scope. */
export interface Group {
  label: string;
  period: Interval;
  scope: Scope;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Groups for a time dimension that splits the period: day, week (ISO) or month sub-periods,
 * each clipped to the report period. Every metric then keeps its own attribution rule inside
 * each sub-period (durations by when they end, backlog at each sub-period's end, ...).
 */
function timeGroups(period: Interval, zone: string, unit: 'day' | 'week' | 'month', scope: Scope): Group[] {
  const groups: Group[] = [];
  let cursor = DateTime.fromMillis(period.start, { zone }).startOf(unit === 'week' ? 'week' : unit);
  while (cursor.toMillis() < period.end) {
    const next = cursor.plus({ [unit === 'day' ? 'days' : unit === 'week' ? 'weeks' : 'months']: 1 });
    const label =
      unit === 'day' ? cursor.toISODate()! : unit === 'week' ? `${cursor.weekYear}-W${String(cursor.weekNumber).padStart(2, '0')}` : cursor.toFormat('yyyy-MM');
    groups.push({ label, period: { start: Math.max(cursor.toMillis(), period.start), end: Math.min(next.toMillis(), period.end) }, scope });
    cursor = next;
  }
  return groups;
}

/** Splits one scope mask into one mask per group code (code -1, no value, is the last group). */
function splitByCodes(base: Uint8Array, codes: ArrayLike<number>, groupCount: number): Uint8Array[] {
  const masks = Array.from({ length: groupCount + 1 }, () => new Uint8Array(base.length));
  for (let i = 0; i < base.length; i++) {
    if (base[i] !== 1) continue;
    const code = codes[i];
    masks[code < 0 ? groupCount : code][i] = 1;
  }
  return masks;
}

/**
 * Per-row group codes of surveys for an attribute: the survey's own value when it has the
 * column (channel, agent), else the value of the contact it answers. Codes index `labels`.
 */
function surveyCodes(data: Dataset, own: TextColumn | undefined, contactColumn: TextColumn, labels: Map<string, number>): Int32Array {
  const { surveys } = data;
  const codes = new Int32Array(surveys.length).fill(-1);
  const answered = surveyContactRows(data);
  for (let i = 0; i < surveys.length; i++) {
    let value: string | undefined;
    if (own && own.codes[i] >= 0) value = own.values[own.codes[i]];
    else if (answered[i] >= 0 && contactColumn.codes[answered[i]] >= 0) {
      value = contactColumn.values[contactColumn.codes[answered[i]]];
    }
    if (value !== undefined) codes[i] = labels.get(value) ?? -1;
  }
  return codes;
}

/**
 * Groups for an attribute of contacts (channel, agent, team, priority, issue type, customer
 * segment). Survey answers follow their own or their contact's value; customers are grouped by
 * segment only (they have no channel or agent, so other breakdowns leave them out).
 */
function attributeGroups(data: Dataset, dimension: Dimension, period: Interval, scope: Scope): Group[] {
  const field = dimension === 'segment' ? 'customer_segment' : (dimension as 'channel' | 'agent' | 'team' | 'priority' | 'issue_type');
  const column = data.contacts.text[field];
  // labels: every value present on an in-scope contact (and, for segment, customer), sorted
  const present = new Set<string>();
  for (let i = 0; i < data.contacts.length; i++) {
    if (scope.contactInScope[i] === 1 && column.codes[i] >= 0) present.add(column.values[column.codes[i]]);
  }
  if (dimension === 'segment') {
    const segments = data.customers.text.segment;
    for (let i = 0; i < data.customers.length; i++) if (segments.codes[i] >= 0) present.add(segments.values[segments.codes[i]]);
  }
  const labels = [...present].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  const remap = (col: TextColumn, length: number) => {
    const codes = new Int32Array(length);
    const byCode = col.values.map((value) => index.get(value) ?? -1);
    for (let i = 0; i < length; i++) codes[i] = col.codes[i] < 0 ? -1 : byCode[col.codes[i]];
    return codes;
  };
  const contactMasks = splitByCodes(scope.contactInScope, remap(column, data.contacts.length), labels.length);
  const own = dimension === 'channel' || dimension === 'agent' ? data.surveys.text[dimension] : undefined;
  const surveyMasks = splitByCodes(scope.surveyInScope, surveyCodes(data, own, column, index), labels.length);
  const customerMasks =
    dimension === 'segment'
      ? splitByCodes(scope.customerInScope, remap(data.customers.text.segment, data.customers.length), labels.length)
      : undefined;
  const none = new Uint8Array(data.customers.length);
  return [...labels, NO_VALUE]
    .map((label, g) => ({
      label,
      period,
      scope: { contactInScope: contactMasks[g], surveyInScope: surveyMasks[g], customerInScope: customerMasks ? customerMasks[g] : none },
    }))
    .filter((group) => group.label !== NO_VALUE || group.scope.contactInScope.includes(1) || group.scope.surveyInScope.includes(1));
}

/**
 * Groups for a cyclic time dimension (hour of day 00-23, weekday mon-sun) on the zone's clock:
 * contacts by the hour of their creation, survey answers by when given. Customers are left out.
 */
function clockGroups(data: Dataset, dimension: 'hour' | 'weekday', period: Interval, zone: string, scope: Scope): Group[] {
  const resolver = zoneResolver(zone);
  const bucket = (t: number) => {
    const { weekday, hour } = localWeekdayHour(t, resolver);
    return dimension === 'hour' ? hour : weekday;
  };
  const size = dimension === 'hour' ? 24 : 7;
  const codesOf = (times: Float64Array) => Int32Array.from(times, (t) => (t === t ? bucket(t) : -1));
  const contactMasks = splitByCodes(scope.contactInScope, codesOf(data.contacts.time.created_at), size);
  const surveyMasks = splitByCodes(scope.surveyInScope, codesOf(data.surveys.time.responded_at), size);
  const none = new Uint8Array(data.customers.length);
  return Array.from({ length: size }, (_, g) => ({
    label: dimension === 'hour' ? String(g).padStart(2, '0') : WEEKDAYS[g],
    period,
    scope: { contactInScope: contactMasks[g], surveyInScope: surveyMasks[g], customerInScope: none },
  }));
}

/** The groups of one breakdown dimension. */
export function breakdownGroups(data: Dataset, dimension: Dimension, period: Interval, zone: string, scope: Scope): Group[] {
  switch (dimension) {
    case 'day':
    case 'week':
    case 'month':
      return timeGroups(period, zone, dimension, scope);
    case 'hour':
    case 'weekday':
      return clockGroups(data, dimension, period, zone, scope);
    default:
      return attributeGroups(data, dimension, period, scope);
  }
}

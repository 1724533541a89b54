import { DateTime } from 'luxon';
import type { Dataset } from '../model/dataset.js';
import type { TextColumn, TimeColumn } from '../model/table.js';
import type { Interval } from '../metrics/types.js';
import { localHourOfWeek } from '../metrics/columns.js';
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

/**
 * Splits the in-scope rows of a table (`rows`, or all `length` rows when absent) into one list
 * per group, each ascending: `groupOf(row)` is the row's group, 0 .. groupCount - 1, or -1 for no
 * value (that list comes last). The lists share one array, so a dimension's groups together take
 * one entry per in-scope row, whatever their number.
 */
function splitRows(rows: Int32Array | undefined, length: number, groupCount: number, groupOf: (row: number) => number): Int32Array[] {
  const count = rows ? rows.length : length;
  const groupOfEntry = new Int32Array(count);
  const sizes = new Int32Array(groupCount + 1);
  for (let k = 0; k < count; k++) {
    const group = groupOf(rows ? rows[k] : k);
    const slot = group < 0 ? groupCount : group;
    groupOfEntry[k] = slot;
    sizes[slot]++;
  }
  const starts = new Int32Array(groupCount + 2);
  for (let g = 0; g <= groupCount; g++) starts[g + 1] = starts[g] + sizes[g];
  const next = starts.slice(0, groupCount + 1);
  const sorted = new Int32Array(count);
  for (let k = 0; k < count; k++) sorted[next[groupOfEntry[k]]++] = rows ? rows[k] : k;
  return Array.from({ length: groupCount + 1 }, (_, g) => sorted.subarray(starts[g], starts[g + 1]));
}

/** Group of each value of a text column (by code), from the groups' labels; -1 when not a label. */
function groupsByCode(column: TextColumn, index: Map<string, number>): Int32Array {
  return Int32Array.from(column.values, (value) => index.get(value) ?? -1);
}

/**
 * Where a survey answer's value of an attribute comes from: its own column when it has a value
 * there (channel, agent), else the contact it answers (see surveyContactRows). Gives the own
 * code (>= 0), or -2 - the contact's code, or -1 when neither has a value.
 */
function surveySource(data: Dataset, own: TextColumn | undefined, contactColumn: TextColumn): (row: number) => number {
  const link = data.surveys.text.contact_id.codes;
  let answered: Int32Array | undefined;
  return (i) => {
    if (own && own.codes[i] >= 0) return own.codes[i];
    if (link[i] < 0) return -1;
    answered ??= surveyContactRows(data);
    const contact = answered[i];
    if (contact < 0) return -1;
    const code = contactColumn.codes[contact];
    return code < 0 ? -1 : -2 - code;
  };
}

/** The values of a text column on the given rows (all `length` rows when undefined). */
function valuesOn(column: TextColumn, rows: Int32Array | undefined, length: number): string[] {
  const present = new Uint8Array(column.values.length);
  const count = rows ? rows.length : length;
  for (let k = 0; k < count; k++) {
    const code = column.codes[rows ? rows[k] : k];
    if (code >= 0) present[code] = 1;
  }
  return column.values.filter((_, code) => present[code] === 1);
}

/**
 * Groups for an attribute of contacts (channel, agent, team, priority, issue type, customer
 * segment). Survey answers follow their own or their contact's value; customers are grouped by
 * segment only (they have no channel or agent, so other breakdowns leave them out).
 */
function attributeGroups(data: Dataset, dimension: Dimension, period: Interval, scope: Scope): Group[] {
  const field = dimension === 'segment' ? 'customer_segment' : (dimension as 'channel' | 'agent' | 'team' | 'priority' | 'issue_type');
  const column = data.contacts.text[field];
  const own = dimension === 'channel' || dimension === 'agent' ? data.surveys.text[dimension] : undefined;
  const source = surveySource(data, own, column);
  // labels: every value of an in-scope contact, or survey answer (its own or its contact's, which
  // may be out of scope), or, for segment, customer; sorted
  const rows = scope.contactRows;
  const present = new Set<string>(valuesOn(column, rows, data.contacts.length));
  const surveyRows = scope.surveyRows;
  for (let k = 0, count = surveyRows ? surveyRows.length : data.surveys.length; k < count; k++) {
    const from = source(surveyRows ? surveyRows[k] : k);
    if (from >= 0) present.add(own!.values[from]);
    else if (from <= -2) present.add(column.values[-2 - from]);
  }
  if (dimension === 'segment') {
    const segments = data.customers.text.segment;
    for (let i = 0; i < data.customers.length; i++) if (segments.codes[i] >= 0) present.add(segments.values[segments.codes[i]]);
  }
  const labels = [...present].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  const groupOfCode = (col: TextColumn) => {
    const groups = groupsByCode(col, index);
    return (i: number) => (col.codes[i] < 0 ? -1 : groups[col.codes[i]]);
  };
  const contactLists = splitRows(rows, data.contacts.length, labels.length, groupOfCode(column));
  const ownGroup = own ? groupsByCode(own, index) : undefined;
  const contactGroup = groupsByCode(column, index);
  const surveyGroup = (i: number) => {
    const from = source(i);
    return from >= 0 ? ownGroup![from] : from <= -2 ? contactGroup[-2 - from] : -1;
  };
  const surveyLists = splitRows(surveyRows, data.surveys.length, labels.length, surveyGroup);
  const customerLists =
    dimension === 'segment'
      ? splitRows(scope.customerRows, data.customers.length, labels.length, groupOfCode(data.customers.text.segment))
      : undefined;
  const none = new Int32Array(0);
  return [...labels, NO_VALUE]
    .map((label, g) => ({
      label,
      period,
      scope: { contactRows: contactLists[g], surveyRows: surveyLists[g], customerRows: customerLists ? customerLists[g] : none },
    }))
    .filter((group) => group.label !== NO_VALUE || group.scope.contactRows.length > 0 || group.scope.surveyRows.length > 0);
}

/**
 * Groups for a cyclic time dimension (hour of day 00-23, weekday mon-sun) on the zone's clock:
 * contacts by the hour of their creation, survey answers by when given. Customers are left out.
 */
function clockGroups(data: Dataset, dimension: 'hour' | 'weekday', period: Interval, zone: string, scope: Scope): Group[] {
  const resolver = zoneResolver(zone);
  const bucket = (t: number) => {
    const hourOfWeek = localHourOfWeek(t, resolver);
    return dimension === 'hour' ? hourOfWeek % 24 : Math.floor(hourOfWeek / 24);
  };
  const size = dimension === 'hour' ? 24 : 7;
  const groupOfTime = (times: TimeColumn) => (i: number) => {
    const t = times.at(i);
    return t === t ? bucket(t) : -1;
  };
  const contactLists = splitRows(scope.contactRows, data.contacts.length, size, groupOfTime(data.contacts.time.created_at));
  const surveyLists = splitRows(scope.surveyRows, data.surveys.length, size, groupOfTime(data.surveys.time.responded_at));
  const none = new Int32Array(0);
  return Array.from({ length: size }, (_, g) => ({
    label: dimension === 'hour' ? String(g).padStart(2, '0') : WEEKDAYS[g],
    period,
    scope: { contactRows: contactLists[g], surveyRows: surveyLists[g], customerRows: none },
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

import { contactsFrom, customersFrom, surveysFrom } from '../../src/model/records.js';
import type { ContactTable, CustomerTable, SurveyTable } from '../../src/model/table.js';
import type { Interval, MetricInput, MetricSettings, OpenTimeCalendar } from '../../src/metrics/types.js';
import { DEFAULT_SETTINGS } from '../../src/metrics/types.js';

/** A period from two ISO instants, [start, end). */
export function period(start: string, end: string): Interval {
  return { start: Date.parse(start), end: Date.parse(end) };
}

/** The period most tests use: March 2024 in UTC. */
export const MARCH = period('2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z');

export interface InputParts {
  contacts?: ContactTable;
  surveys?: SurveyTable;
  customers?: CustomerTable;
  /** Defaults to MARCH. */
  period?: Interval;
  /** Defaults to UTC. */
  timeZone?: string;
  calendar?: OpenTimeCalendar;
  businessTime?: OpenTimeCalendar;
  /** Merged over DEFAULT_SETTINGS. */
  settings?: Partial<MetricSettings>;
  /** 1 = in scope; default: every row. */
  contactInScope?: number[];
  surveyInScope?: number[];
  customerInScope?: number[];
}

/** A MetricInput with every row in scope, March 2024 and the default settings unless told. */
export function metricInput(parts: InputParts = {}): MetricInput {
  const contacts = parts.contacts ?? contactsFrom([]);
  const surveys = parts.surveys ?? surveysFrom([]);
  const customers = parts.customers ?? customersFrom([]);
  return {
    data: { contacts, surveys, customers },
    contactRows: scopeRows(parts.contactInScope, contacts.length),
    surveyRows: scopeRows(parts.surveyInScope, surveys.length),
    customerRows: scopeRows(parts.customerInScope, customers.length),
    period: parts.period ?? MARCH,
    timeZone: parts.timeZone ?? 'UTC',
    calendar: parts.calendar,
    businessTime: parts.businessTime,
    settings: { ...DEFAULT_SETTINGS, ...parts.settings },
  };
}

/** The rows marked 1, as MetricInput lists them; undefined (every row) when not given. */
function scopeRows(given: number[] | undefined, length: number): Int32Array | undefined {
  if (given === undefined) return undefined;
  if (given.length !== length) throw new Error(`scope has ${given.length} rows, table has ${length}`);
  return Int32Array.from(given.flatMap((inScope, row) => (inScope === 1 ? [row] : [])));
}

/** An ISO instant `seconds` after another. */
export function after(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

/** Whether no number anywhere in a result is NaN. */
export function hasNoNaN(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  if (Array.isArray(value)) return value.every(hasNoNaN);
  if (value !== null && typeof value === 'object') return Object.values(value).every(hasNoNaN);
  return true;
}

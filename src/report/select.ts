import type { Dataset } from '../model/dataset.js';
import type { TextColumn } from '../model/table.js';
import type { Interval } from '../metrics/types.js';

/** Dimension filters: each a list of accepted values; absent = no filter. */
export interface Filters {
  channel?: string[];
  agent?: string[];
  team?: string[];
  priority?: string[];
}

export const FILTER_NAMES = ['channel', 'agent', 'team', 'priority'] as const;

export interface Scope {
  contactInScope: Uint8Array;
  surveyInScope: Uint8Array;
  customerInScope: Uint8Array;
}

/** Codes of a text column whose values are accepted by a filter (compared case-insensitively). */
function acceptedCodes(column: TextColumn, accepted: readonly string[]): Uint8Array {
  const wanted = new Set(accepted.map((value) => value.toLowerCase()));
  const codes = new Uint8Array(column.values.length);
  column.values.forEach((value, code) => {
    if (wanted.has(value.toLowerCase())) codes[code] = 1;
  });
  return codes;
}

/**
 * The contact row each survey answer is about (by `contact_id`), or -1 when it names none that
 * was read. Ids are looked up per distinct value, not per answer.
 */
export function surveyContactRows(data: Dataset): Int32Array {
  const { contacts, surveys } = data;
  const rows = new Int32Array(surveys.length).fill(-1);
  const link = surveys.text.contact_id;
  if (surveys.length === 0) return rows;
  const contactRow = new Map<string, number>();
  const ids = contacts.text.id;
  for (let i = 0; i < contacts.length; i++) contactRow.set(ids.values[ids.codes[i]], i);
  const rowByCode = link.values.map((id) => contactRow.get(id) ?? -1);
  for (let i = 0; i < surveys.length; i++) if (link.codes[i] >= 0) rows[i] = rowByCode[link.codes[i]];
  return rows;
}

/**
 * Which rows pass the filters. Contacts are filtered on their own fields. A survey answer is
 * filtered on its own channel and agent, and otherwise on those of the contact it answers
 * (team and priority always come from the contact); an answer that cannot be tied to a value
 * does not pass that filter. Customers carry none of these dimensions and are never filtered.
 */
export function selectScope(data: Dataset, filters: Filters): Scope {
  const { contacts, surveys, customers } = data;
  const contactInScope = new Uint8Array(contacts.length).fill(1);
  const surveyInScope = new Uint8Array(surveys.length).fill(1);
  const customerInScope = new Uint8Array(customers.length).fill(1);
  const active = FILTER_NAMES.filter((name) => filters[name] && filters[name]!.length > 0);
  if (active.length === 0) return { contactInScope, surveyInScope, customerInScope };

  for (const name of active) {
    const column = contacts.text[name];
    const accepted = acceptedCodes(column, filters[name]!);
    for (let i = 0; i < contacts.length; i++) {
      const code = column.codes[i];
      if (code < 0 || accepted[code] === 0) contactInScope[i] = 0;
    }
  }

  if (surveys.length > 0) {
    const answered = surveyContactRows(data);
    for (const name of active) {
      const own = name === 'channel' || name === 'agent' ? surveys.text[name] : undefined;
      const ownAccepted = own ? acceptedCodes(own, filters[name]!) : undefined;
      const contactColumn = contacts.text[name];
      const contactAccepted = acceptedCodes(contactColumn, filters[name]!);
      for (let i = 0; i < surveys.length; i++) {
        let passes = false;
        const ownCode = own ? own.codes[i] : -1;
        if (ownCode >= 0) passes = ownAccepted![ownCode] === 1;
        else if (answered[i] >= 0) {
          const code = contactColumn.codes[answered[i]];
          passes = code >= 0 && contactAccepted[code] === 1;
        }
        if (!passes) surveyInScope[i] = 0;
      }
    }
  }
  return { contactInScope, surveyInScope, customerInScope };
}

/** The latest instant a contact carries (its lifecycle and SLA due times). */
function lastInstant(timeColumns: readonly Float64Array[], row: number): number {
  let last = -Infinity;
  for (let c = 0; c < timeColumns.length; c++) {
    const t = timeColumns[c][row];
    if (t > last) last = t;
  }
  return last;
}

/**
 * Rows used by the report, per input. A row is used when it passes the filters and bears on the
 * period: a contact created before the period's end that is still open at its start or has any
 * instant in it; a survey answer given in the period; a customer present at some point of it.
 * An event row is used when the contact it was folded into is. Everything else read and not
 * rejected is filtered.
 */
export function countUsed(data: Dataset, scope: Scope, period: Interval, inputCount: number): number[] {
  const used = new Array<number>(inputCount).fill(0);
  const { contacts, surveys, customers, eventRows: events } = data;
  const { start, end } = period;
  const timeColumns = Object.values(contacts.time);
  // Contacts folded from events are no input's rows: their event rows are counted instead.
  const folded = events ? events.firstContact : contacts.length;
  const contactUsed = events ? new Uint8Array(contacts.length) : undefined;
  for (let i = 0; i < contacts.length; i++) {
    if (scope.contactInScope[i] === 0 || !(contacts.time.created_at[i] < end)) continue;
    const ended = !Number.isNaN(contacts.time.resolved_at[i]) || !Number.isNaN(contacts.time.closed_at[i]);
    if (!ended || lastInstant(timeColumns, i) >= start) {
      if (i < folded) used[contacts.input[i]]++;
      else contactUsed![i] = 1;
    }
  }
  if (events && contactUsed) {
    for (let e = 0; e < events.contact.length; e++) {
      const contact = events.contact[e];
      if (contact >= 0 && contactUsed[contact] === 1) used[events.input[e]]++;
    }
  }
  for (let i = 0; i < surveys.length; i++) {
    const t = surveys.time.responded_at[i];
    if (scope.surveyInScope[i] === 1 && t >= start && t < end) used[surveys.input[i]]++;
  }
  for (let i = 0; i < customers.length; i++) {
    const ended = customers.time.ended_at[i];
    if (scope.customerInScope[i] === 1 && customers.time.started_at[i] < end && !(ended < start)) {
      used[customers.input[i]]++;
    }
  }
  return used;
}

import type { Dataset } from '../model/dataset.js';
import type { TextColumn, TimeColumn } from '../model/table.js';
import type { Interval } from '../metrics/types.js';

/** Dimension filters: each a list of accepted values; absent = no filter. */
export interface Filters {
  channel?: string[];
  agent?: string[];
  team?: string[];
  priority?: string[];
}

export const FILTER_NAMES = ['channel', 'agent', 'team', 'priority'] as const;

/**
 * The rows in scope: those of each table that pass the filters, ascending (see MetricInput). A
 * list is absent when every row of its table is in scope, so an unfiltered report keeps none.
 */
export interface Scope {
  contactRows?: Int32Array;
  surveyRows?: Int32Array;
  customerRows?: Int32Array;
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

/** The rows where `mask` is 1, ascending. */
export function rowsOf(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const rows = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) rows[next++] = i;
  return rows;
}

/** surveyContactRows of each dataset, kept with it: filters and every breakdown use the same. */
const answeredRows = new WeakMap<Dataset, Int32Array>();

/**
 * The contact row each survey answer is about (by `contact_id`), or -1 when it names none that
 * was read. Ids are matched per distinct value, not per answer: the answers' ids (fewer than the
 * contacts') are indexed, then the contacts' ids are looked up in that index once each. Worked
 * out once per dataset; do not change the result.
 */
export function surveyContactRows(data: Dataset): Int32Array {
  let rows = answeredRows.get(data);
  if (!rows) {
    rows = matchSurveyContacts(data);
    answeredRows.set(data, rows);
  }
  return rows;
}

function matchSurveyContacts(data: Dataset): Int32Array {
  const { contacts, surveys } = data;
  const rows = new Int32Array(surveys.length).fill(-1);
  if (surveys.length === 0) return rows;
  const link = surveys.text.contact_id;
  const ids = contacts.text.id;
  // The contact row of each id (the code itself where ids are keys by row, as read). Ascending,
  // so that of two contacts with one id the last read is taken.
  const rowOfId = ids.byRow ? undefined : new Int32Array(ids.size).fill(-1);
  if (rowOfId) for (let i = 0; i < contacts.length; i++) if (ids.codes[i] >= 0) rowOfId[ids.codes[i]] = i;
  // Each distinct contact_id is looked up once in the contacts' id dictionary, without making
  // strings of every contact id.
  const rowByCode = new Int32Array(link.size).fill(-1);
  for (let code = 0; code < link.size; code++) {
    const id = ids.find(link.valueAt(code));
    if (id >= 0) rowByCode[code] = rowOfId ? rowOfId[id] : id;
  }
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
  const { contacts, surveys } = data;
  const active = FILTER_NAMES.filter((name) => filters[name] && filters[name]!.length > 0);
  if (active.length === 0) return {};

  const contactPasses = new Uint8Array(contacts.length).fill(1);
  for (const name of active) {
    const column = contacts.text[name];
    const accepted = acceptedCodes(column, filters[name]!);
    for (let i = 0; i < contacts.length; i++) {
      const code = column.codes[i];
      if (code < 0 || accepted[code] === 0) contactPasses[i] = 0;
    }
  }

  const surveyPasses = new Uint8Array(surveys.length).fill(1);
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
        if (!passes) surveyPasses[i] = 0;
      }
    }
  }
  return { contactRows: rowsOf(contactPasses), surveyRows: rowsOf(surveyPasses) };
}

/** Whether a contact carries any instant (of its lifecycle, or an SLA due time) at or after `start`. */
function hasInstantFrom(timeColumns: readonly TimeColumn[], row: number, start: number): boolean {
  for (let c = 0; c < timeColumns.length; c++) if (timeColumns[c].at(row) >= start) return true;
  return false;
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
  const contactRows = scope.contactRows;
  const contactCount = contactRows ? contactRows.length : contacts.length;
  for (let k = 0; k < contactCount; k++) {
    const i = contactRows ? contactRows[k] : k;
    if (!(contacts.time.created_at.at(i) < end)) continue;
    const ended = contacts.time.resolved_at.has(i) || contacts.time.closed_at.has(i);
    // created in the period: its last instant is in it or later, no need to look for it
    if (!ended || contacts.time.created_at.at(i) >= start || hasInstantFrom(timeColumns, i, start)) {
      if (i < folded) used[contacts.origins.inputAt(i)]++;
      else contactUsed![i] = 1;
    }
  }
  if (events && contactUsed) {
    for (let e = 0; e < events.contact.length; e++) {
      const contact = events.contact[e];
      if (contact >= 0 && contactUsed[contact] === 1) used[events.origins.inputAt(e)]++;
    }
  }
  const surveyRows = scope.surveyRows;
  const surveyCount = surveyRows ? surveyRows.length : surveys.length;
  for (let k = 0; k < surveyCount; k++) {
    const i = surveyRows ? surveyRows[k] : k;
    const t = surveys.time.responded_at.at(i);
    if (t >= start && t < end) used[surveys.origins.inputAt(i)]++;
  }
  const customerRows = scope.customerRows;
  const customerCount = customerRows ? customerRows.length : customers.length;
  for (let k = 0; k < customerCount; k++) {
    const i = customerRows ? customerRows[k] : k;
    const ended = customers.time.ended_at.at(i);
    if (customers.time.started_at.at(i) < end && !(ended < start)) used[customers.origins.inputAt(i)]++;
  }
  return used;
}

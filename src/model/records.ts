import type { KindSpec } from './fields.js';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, SURVEY_FIELDS } from './fields.js';
import type { ContactTable, CustomerTable, SurveyTable, Table } from './table.js';
import { TableBuilder } from './table.js';

/** A plain record: field name to value. Times are epoch milliseconds or ISO strings with a zone. */
export type PlainRecord = Record<string, string | number | boolean | null | undefined>;

/**
 * Builds a table from plain objects, for tests and small programmatic inputs. No validation is
 * done here: ingest validates file rows; this only stores what it is given.
 */
export function tableFromRecords<S extends KindSpec>(spec: S, records: readonly PlainRecord[]): Table<S> {
  const builder = new TableBuilder(spec, Math.max(16, records.length));
  builder.use(records.flatMap((record) => Object.keys(record)));
  records.forEach((record, i) => {
    const row = builder.reserve();
    for (const [name, value] of Object.entries(record)) {
      if (value === null || value === undefined) continue;
      const field = spec[name];
      if (!field) throw new Error(`unknown field ${name}`);
      switch (field.type) {
        case 'time':
          builder.time[name].set(row, typeof value === 'number' ? value : Date.parse(String(value)));
          break;
        case 'number':
          builder.setNumber(name, row, Number(value));
          break;
        case 'flag':
          builder.flag[name][row] = value === true || value === 1 || value === 'true' ? 1 : 0;
          break;
        case 'text': {
          const text = field.lowercase ? String(value).toLowerCase() : String(value);
          const code = builder.text[name].code(text);
          builder.text[name].codes[row] = code;
          break;
        }
      }
    }
    builder.commit(0, i + 2);
  });
  return builder.build();
}

export const contactsFrom = (records: readonly PlainRecord[]): ContactTable =>
  tableFromRecords(CONTACT_FIELDS, records);
export const surveysFrom = (records: readonly PlainRecord[]): SurveyTable => tableFromRecords(SURVEY_FIELDS, records);
export const customersFrom = (records: readonly PlainRecord[]): CustomerTable =>
  tableFromRecords(CUSTOMER_FIELDS, records);

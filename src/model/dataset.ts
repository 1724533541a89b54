import type { EVENT_FIELDS, REPLY_FIELDS } from './fields.js';
import type { RowOrigins } from './origins.js';
import type { ContactTable, CustomerTable, SurveyTable, Table } from './table.js';

/** Event rows of event-level inputs, as read (before folding). */
export type EventTable = Table<typeof EVENT_FIELDS>;

/** One row per agent reply, derived from events (see REPLY_FIELDS). */
export type ReplyTable = Table<typeof REPLY_FIELDS>;

/**
 * Where the rows of event-level inputs went: each event row belongs to the contact it was folded
 * into, and is used or filtered with it (or was rejected with it: contact -1).
 */
export interface EventRows {
  /** Input (file) of each event row. */
  origins: RowOrigins;
  /** Contact row each event row was folded into; -1 when it was rejected. */
  contact: Int32Array;
  /** Contact rows from this one on were folded from events (they are no input's rows). */
  firstContact: number;
}

/** Everything read from the inputs, one table per record kind. */
export interface Dataset {
  contacts: ContactTable;
  surveys: SurveyTable;
  customers: CustomerTable;
  /** Agent replies from event-level inputs; absent (or empty) when every input is row-per-contact. */
  replies?: ReplyTable;
  /** Event rows and the contacts they were folded into; absent when no input had events. */
  eventRows?: EventRows;
  /**
   * The model fields each input gave, by input index, with the instants derived from durations
   * it gave: an export without a field is told from one that leaves it empty. Absent for tables
   * built in code.
   */
  inputFields?: readonly ReadonlySet<string>[];
}

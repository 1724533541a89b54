import type { Kind } from '../../model/fields.js';

/**
 * A preset: how one vendor's export maps onto the model, as data. The engine (engine.ts) is the
 * same for every preset and for config mappings; nothing in the pipeline knows any vendor.
 *
 * Column names are matched case-insensitively, with runs of spaces, underscores and dashes alike
 * (`First Response In Min` = `first_response_in_min`). In JSON records a name may also be a dotted
 * path into nested objects (`metric_set.reply_time_in_minutes.calendar`). A name may hold
 * `{zone}`, which matches an IANA zone name written in the header (Intercom's
 * `Conversation started at (Europe/Berlin)`): naive timestamps of the file are then read there.
 */

/** How a duration cell is written: a number of seconds, minutes or hours, or `[-]H:MM:SS`. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'hms';

export interface ColumnRule {
  /** Candidate columns, best first; per row, the first present one with a value is used. */
  columns?: readonly string[];
  /** Columns whose cells are joined with a space into one value (`Date` + `Time`); empty when any is empty. */
  join?: readonly string[];
  /** A constant value for every row (a survey's kind, its scale). */
  value?: string;
  /** The record's line number in the file (an id for exports that have none). */
  line?: boolean;
  /** The cells are durations in this unit; they are written as seconds. */
  unit?: DurationUnit;
  /** Format(s) of naive timestamps in this column (luxon tokens), instead of the preset's. */
  format?: string | readonly string[];
  /** Cell value (case-insensitive) -> model value; other values are kept unless `strict`. */
  values?: Readonly<Record<string, string>>;
  /** Values missing from `values` become empty (a closed vocabulary: Zendesk's "Offered"). */
  strict?: boolean;
  /** A number at or above this is true, below it false (Zammad's `*_diff_in_min`: >= 0 is met). */
  atLeast?: number;
  /** The value is kept only when this column's cell is one of these values (case-insensitive). */
  when?: { readonly column: string; readonly in: readonly string[] };
}

/** A field's source: a column name, candidate column names, or a full rule. */
export type FieldRule = string | readonly string[] | ColumnRule;

/** Survey answers read from the same rows (Zendesk's Satisfaction Score on each ticket). */
export interface SurveyEmission {
  /** Survey fields (id, kind, score, scale, responded_at, contact_id, agent, channel, ...). */
  fields: Readonly<Record<string, FieldRule>>;
}

export interface Preset {
  /** What `--preset` names; variants of one vendor's exports share it. */
  name: string;
  /** Which export of the vendor this is ("tickets CSV", "NDJSON/API"). */
  variant: string;
  kind: Kind;
  /** Header names that identify the export; confidence is the share of them present. */
  detect: readonly string[];
  /** Model field -> where its value comes from. */
  fields: Readonly<Record<string, FieldRule>>;
  /**
   * Format(s) of naive timestamps (luxon tokens), tried in order, when the general parser would
   * misread them; a cell none of them reads goes to the general parser.
   */
  timeFormat?: string | readonly string[];
  /** Zone of naive timestamps, when the export always uses one (else the header's, else --tz). */
  timeZone?: string;
  /** Cell texts that mean "no value" (ServiceNow's `?`). */
  empty?: readonly string[];
  /** JSON records are wrapped in an object under this key (`{"ticket": {...}}`). */
  unwrap?: string;
  /** Several rows per record (an event log): keep the last row of each record, by `recordKey`. */
  rowsPerRecord?: 'last';
  /** Model field whose value keys the records of a folded log (default: the kind's key field). */
  recordKey?: string;
  /**
   * A column that orders the rows of one record: the row with the greatest value wins (ties: the
   * later row). Without it the last row in the file wins.
   */
  latestBy?: { readonly column: string; readonly as: 'number' | 'time' };
  /** Survey answers carried on the same rows. */
  surveys?: SurveyEmission;
}

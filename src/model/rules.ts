import type { Kind, KindSpec } from './fields.js';
import { ACTOR_TYPES, EVENT_TYPES } from './fields.js';
import type { NumberBuilder, TableBuilder, TimeBuilder } from './table.js';

/**
 * Checks of a whole row once its fields are parsed. A rule returns the reason the row must be
 * rejected, or undefined. They guard the metrics: a reply before creation would be a negative
 * first-response time, an NPS of 11 would inflate promoters.
 */
export type RowRule = (table: TableBuilder<KindSpec>, row: number) => string | undefined;

/** Each pair [later, earlier]: `later` may not come before `earlier`. */
const CONTACT_ORDER: ReadonlyArray<readonly [string, string]> = [
  ['first_response_at', 'created_at'],
  ['answered_at', 'created_at'],
  ['ended_at', 'created_at'],
  ['wrap_up_at', 'created_at'],
  ['resolved_at', 'created_at'],
  ['closed_at', 'created_at'],
  ['abandoned_at', 'created_at'],
  ['ended_at', 'answered_at'],
  ['wrap_up_at', 'ended_at'],
];

const SURVEY_RANGES: Record<string, { min: number; defaultScale: number }> = {
  csat: { min: 0, defaultScale: 5 },
  nps: { min: 0, defaultScale: 10 },
  ces: { min: 1, defaultScale: 7 },
};

/** Instants derived from exported durations when the export gives no timestamp: [instant, from, seconds]. */
const DERIVED_INSTANTS: ReadonlyArray<readonly [string, string, string]> = [
  ['first_response_at', 'created_at', 'first_response_seconds'],
  ['resolved_at', 'created_at', 'resolution_seconds'],
  ['answered_at', 'created_at', 'wait_seconds'],
  ['ended_at', 'answered_at', 'handle_seconds'],
];

/** The instants the contact rule derives from the duration fields among `fields`: a reader of those fields needs their columns too. */
export function derivedFields(fields: Iterable<string>): string[] {
  const given = new Set(fields);
  return DERIVED_INSTANTS.filter(([, , seconds]) => given.has(seconds)).map(([instant]) => instant);
}

/** The column arrays the contact rule reads, resolved once per table and generation (not per row). */
interface ContactColumns {
  table: TableBuilder<KindSpec>;
  generation: number;
  derived: [TimeBuilder, TimeBuilder, NumberBuilder][];
  order: [TimeBuilder, TimeBuilder][];
}
let contactColumns: ContactColumns | undefined;

function columnsOf(table: TableBuilder<KindSpec>): ContactColumns {
  if (contactColumns?.table !== table || contactColumns.generation !== table.generation) contactColumns = resolveColumns(table);
  return contactColumns;
}

// Apart from columnsOf, which runs per row: closures over `table` there would make V8 allocate a
// context for `table` on every call (~40 MB of garbage per million rows).
function resolveColumns(table: TableBuilder<KindSpec>): ContactColumns {
  return {
    table,
    generation: table.generation,
    derived: DERIVED_INSTANTS.map(([instant, from, seconds]) => [table.time[instant], table.time[from], table.number[seconds]]),
    order: CONTACT_ORDER.map(([later, earlier]) => [table.time[later], table.time[earlier]]),
  };
}

function contactRule(table: TableBuilder<KindSpec>, row: number): string | undefined {
  const { derived, order } = columnsOf(table);
  for (let d = 0; d < derived.length; d++) {
    const [instant, from, seconds] = derived[d];
    // Only where a duration was given: its instant's column is then in use (see `derivedFields`).
    const value = seconds.at(row);
    if (value === value && !instant.has(row)) instant.set(row, from.at(row) + value * 1000); // NaN if `from` is missing
  }
  for (let o = 0; o < order.length; o++) {
    if (order[o][0].before(row, order[o][1])) return `${CONTACT_ORDER[o][0]} is before ${CONTACT_ORDER[o][1]}`;
  }
  return undefined;
}

function surveyRule(table: TableBuilder<KindSpec>, row: number): string | undefined {
  const kind = table.text.kind.values[table.text.kind.codes[row]];
  const range = SURVEY_RANGES[kind];
  if (!range) return `unknown survey kind '${kind}' (expected csat, nps or ces)`;
  const score = table.number.score.at(row);
  const given = table.number.scale.at(row);
  const scale = Number.isNaN(given) ? range.defaultScale : given;
  if (kind === 'nps' && scale !== 10) return `nps scale must be 10, found ${scale}`;
  if (!(scale > 0)) return `scale must be positive, found ${scale}`;
  if (score < range.min || score > scale) return `${kind} score ${score} is outside ${range.min}-${scale}`;
  return undefined;
}

function customerRule(table: TableBuilder<KindSpec>, row: number): string | undefined {
  return table.time.ended_at.before(row, table.time.started_at) ? 'ended_at is before started_at' : undefined;
}

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);
const ACTOR_TYPE_SET: ReadonlySet<string> = new Set(ACTOR_TYPES);

/** An event must have a known type and actor type: anything else cannot be folded safely. */
export function eventRule(table: TableBuilder<KindSpec>, row: number): string | undefined {
  const type = table.text.type;
  const typeValue = type.values[type.codes[row]];
  if (!EVENT_TYPE_SET.has(typeValue)) return `unknown event type '${typeValue}' (expected ${EVENT_TYPES.join(', ')})`;
  const actor = table.text.actor_type;
  const actorValue = actor.values[actor.codes[row]];
  if (!ACTOR_TYPE_SET.has(actorValue)) return `unknown actor_type '${actorValue}' (expected ${ACTOR_TYPES.join(', ')})`;
  return undefined;
}

export const ROW_RULES: Record<Kind, RowRule> = {
  contacts: contactRule,
  events: eventRule,
  surveys: surveyRule,
  customers: customerRule,
};

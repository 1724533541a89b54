/**
 * The naive reference of test/helpers/reference.ts (METRICS.md read literally) against the report
 * beyond the unfiltered, calendar-time report of reference.test.ts: filters, breakdowns and
 * business hours. Each scope is defined here from METRICS.md and the README only, as a choice of
 * rows (and of a period, or of how seconds are counted) handed to the same reference.
 *
 * (a) Filters (`--channel`, `--agent`, `--team`, `--priority`, each a list, any combination; values
 *     in any letter case): the report's metrics equal the reference over the rows the filters keep.
 *     README "Filters": values "match case-insensitively"; "A survey answer is matched on its own
 *     channel/agent, else on the contact it answers (via contact_id)" (answers carry no team or
 *     priority, so those always come from the contact; an answer tied to no value passes no filter
 *     on it); "customers are not filtered by these dimensions". METRICS.md fcr_rate: repeat
 *     contacts "are looked for among all contacts read, on any channel and with any agent,
 *     whatever the report's filters".
 * (b) Breakdowns (`--by channel,agent,team,priority,day,hour,weekday`, with or without a filter):
 *     each group's metrics equal the reference over the group's rows, and the groups are the values
 *     present. Attribute groups (README "Breakdowns"): contacts by their value, "a `(none)` group
 *     holds rows without a value"; survey answers by the same rule as the filters (their own
 *     channel/agent, else their contact's). `day`: sub-periods, "each metric keeps its own
 *     attribution inside each" (volume_change against the day before: "the period of equal length
 *     just before, in whole days"). `hour`, `weekday`: contacts "by the hour of creation on the
 *     zone's clock", over the whole period.
 * (c) Business hours (`--business-hours` with a random weekly calendar and maybe a holiday): the
 *     duration metrics (METRICS.md: "every duration can be computed ... in business time ...
 *     Business time counts only the seconds inside open hours"; README: "durations in open hours";
 *     the durations are first_response_time, resolution_time, wait_time, handle_time,
 *     after_contact_work, with their distribution buckets) equal the reference with every interval
 *     measured in open seconds, counted minute by minute on the zone's wall clock.
 *
 * Skipped, the docs being silent: customers in channel/agent/team/priority/hour/weekday groups
 * (retention_rate and churn_rate there: customers have none of these values, and the README does
 * not say which group, if any, holds them); survey metrics (csat, nps, ces) in hour and weekday
 * groups (the README groups by "the hour of creation", which answers do not have); the labels of
 * hour and weekday groups (read here as "00".."23" and three-letter day names); under business
 * hours, every metric that is not a duration but turns on a time threshold (service_level's 20 s,
 * short abandons, backlog_aged's 24 h, the FCR repeat window, SLA due times of policies without
 * `businessHours`), volume_change's `businessDays` ("optionally over business days": which days
 * are business days in a calendar that opens on a Saturday is not said) and contacts_per_customer's
 * per-customer handle time (a sum of durations, not a duration metric). SLA policies in business
 * hours are not generated (their due time, "the earliest instant at which the target's open time
 * has elapsed", is in src/time/business.ts's API comment, not in METRICS.md or the README).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filters } from '../../src/report/select.js';
import type { Report } from '../../src/report/report.js';
import { createBusinessCalendar, type WeeklyHours } from '../../src/time/business.js';
import {
  COMPARED_METRICS,
  DAY,
  LIVE,
  SURVEY_COLUMNS,
  ZONES,
  brief,
  buildMarch,
  compare,
  customerRows,
  dataIn,
  edges,
  readData,
  reference,
  rows,
  surveyRow,
  wallClock,
} from '../helpers/reference.js';
import type { CustomerRow, Row, SurveyRow, Zone } from '../helpers/reference.js';

const RUNS = Number(process.env.SUPMETRICS_REFERENCE_RUNS) || 0;
const runs = (n: number) => ({ numRuns: RUNS || n });

// ---------------------------------------------------------------------------------------------
// Generators: survey answers tied to contacts, filters, weekly calendars.

const DIMENSIONS = ['channel', 'agent', 'team', 'priority'] as const;
type Dim = (typeof DIMENSIONS)[number];

const LINKED_SURVEY_COLUMNS = [...SURVEY_COLUMNS, 'channel', 'contact_id'];

/**
 * Survey answers that may name their own channel and agent (some that no contact has: sms, dee),
 * and may answer a contact by id (C30.. are ids no contact of rows(30) has).
 */
const linkedSurveyRows = (max: number) =>
  fc
    .array(
      fc.tuple(
        surveyRow,
        fc.record({
          channel: fc.constantFrom('', '', '', 'email', 'chat', 'sms'),
          agent: fc.constantFrom('', '', 'ana', 'bo', 'dee'),
          contact: fc.option(fc.nat(33), { nil: undefined, freq: 3 }),
        }),
      ),
      { maxLength: max },
    )
    .map((list) =>
      list.map(([s, x], i): SurveyRow => ({ ...s, id: `S${i}`, channel: x.channel, agent: x.agent, contact_id: x.contact === undefined ? '' : `C${x.contact}` })),
    );

/** Values a filter may ask for: those of the generators and some no row has. */
const FILTER_VALUES: Record<Dim, string[]> = {
  channel: ['email', 'web', 'chat', 'phone', 'social', 'sms'],
  agent: ['ana', 'bo', 'cy', 'dee', 'zed'],
  team: ['tier1', 'tier2', 'tier3'],
  priority: ['low', 'normal', 'high', 'urgent'],
};

const anyCase = (value: string) => fc.constantFrom(value, value.toUpperCase(), value[0].toUpperCase() + value.slice(1));

const filterList = (dim: Dim) =>
  fc.subarray(FILTER_VALUES[dim], { minLength: 1, maxLength: 3 }).chain((values) => fc.tuple(...values.map(anyCase)));

/** One to four filters, each a list of one to three values in any letter case. */
const filters = fc
  .record(
    { channel: filterList('channel'), agent: filterList('agent'), team: filterList('team'), priority: filterList('priority') },
    { requiredKeys: [] },
  )
  .filter((f) => Object.keys(f).length > 0)
  .map((f) => f as Filters);

// ---------------------------------------------------------------------------------------------
// Scopes, defined from the README.

/** A contact's or survey answer's value for a dimension ('' for none). */
type ValueOf = (dim: Dim, s: SurveyRow) => string;

/** README: an answer "is matched on its own channel/agent, else on the contact it answers (via contact_id)". */
function surveyValue(contacts: Row[]): ValueOf {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return (dim, s) => {
    if ((dim === 'channel' || dim === 'agent') && (s[dim] ?? '') !== '') return s[dim]!;
    const contact = s.contact_id ? byId.get(s.contact_id) : undefined;
    return contact ? contact[dim] : '';
  };
}

/** The rows the filters keep: case-insensitive matches on every filter given; customers all. */
function filtered(f: Filters, contacts: Row[], surveys: SurveyRow[], valueOf: ValueOf) {
  const active = DIMENSIONS.filter((dim) => (f[dim] ?? []).length > 0);
  const accepts = (dim: Dim, value: string) => value !== '' && f[dim]!.some((v) => v.toLowerCase() === value.toLowerCase());
  return {
    contacts: contacts.filter((c) => active.every((dim) => accepts(dim, c[dim]))),
    surveys: surveys.filter((s) => active.every((dim) => accepts(dim, valueOf(dim, s)))),
  };
}

/** The reference has nothing to report for these rows: every compared metric has n = 0. */
function emptyIn(ref: ReturnType<typeof reference>, ids: readonly string[]): string[] {
  return ids.filter((id) => (ref[id].n as number) !== 0).map((id) => `${id}.n = ${ref[id].n}`);
}

/** The instant of local midnight of a date (YYYY-MM-DD) in a zone, found from Intl's offsets. */
function localMidnight(date: string, zone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`);
  let at = wall;
  for (let i = 0; i < 3; i++) at = wall - offsetAt(zone, at);
  if (at + offsetAt(zone, at) !== wall) throw new Error(`no midnight on ${date} in ${zone}`);
  return at;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in ms (Intl's reading of the time-zone database). */
function offsetAt(zone: string, at: number): number {
  const key = `${zone} ${at}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  const offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(at / 1000) * 1000;
  offsets.set(key, offset);
  return offset;
}

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Open seconds in [from, to) by a walk through every minute: a minute is open when its wall-clock
 * time in the zone (Intl's offset, looked up every half hour of UTC: the four zones change offset
 * only on whole hours) is inside an open interval of its weekday and its date is not a holiday.
 * Open hours start and end on whole minutes and the zones' offsets are whole minutes, so each UTC
 * minute is open or closed as a whole. Built once per calendar for January to May 2024.
 */
function openSecondsByMinutes(zone: string, hours: WeeklyHours, holidays: readonly string[]): (from: number, to: number) => number {
  const FIRST = Date.UTC(2024, 0, 1);
  const LAST = Date.UTC(2024, 5, 1);
  const minutes = (LAST - FIRST) / 60_000;
  const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const week = WEEKDAY_KEYS.map((key) => (hours[key] ?? []).map((text) => text.split('-').map(toMinute)));
  const closedDays = new Set(holidays.map((date) => Date.parse(`${date}T00:00:00Z`) / DAY));
  // open minutes before minute k (from FIRST)
  const before = new Float64Array(minutes + 1);
  let offset = 0;
  for (let k = 0; k < minutes; k++) {
    const at = FIRST + k * 60_000;
    if (k % 30 === 0) offset = offsetAt(zone, at);
    const local = at + offset;
    const day = Math.floor(local / DAY);
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const minuteOfDay = Math.round((local - day * DAY) / 60_000);
    const open = !closedDays.has(day) && week[weekday].some(([a, b]) => minuteOfDay >= a && minuteOfDay < b);
    before[k + 1] = before[k] + (open ? 1 : 0);
  }
  const isOpen = (k: number) => before[k + 1] - before[k] === 1;
  return (from, to) => {
    if (to <= from) return 0;
    if (from < FIRST || to >= LAST) throw new Error(`outside the calendar table: ${from}..${to}`);
    const a = Math.floor((from - FIRST) / 60_000);
    const b = Math.floor((to - FIRST) / 60_000);
    if (a === b) return isOpen(a) ? (to - from) / 1000 : 0;
    const head = isOpen(a) ? (FIRST + (a + 1) * 60_000 - from) / 1000 : 0;
    const tail = isOpen(b) ? (to - (FIRST + b * 60_000)) / 1000 : 0;
    return head + (before[b] - before[a + 1]) * 60 + tail;
  };
}

/**
 * A weekly calendar: each day closed, open all day, or one or two intervals on quarter hours
 * (some across the spring-forward hour of Berlin and New York on Sunday night); maybe a holiday.
 */
const QUARTER = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
const dayHours = fc.oneof(
  fc.constant([] as string[]),
  fc.constant(['00:00-24:00']),
  fc.uniqueArray(fc.integer({ min: 0, max: 95 }), { minLength: 2, maxLength: 2 }).map((qs) => {
    const [a, b] = [...qs].sort((x, y) => x - y);
    return [`${QUARTER(a)}-${QUARTER(b)}`];
  }),
  fc.uniqueArray(fc.integer({ min: 0, max: 95 }), { minLength: 4, maxLength: 4 }).map((qs) => {
    const [a, b, c, d] = [...qs].sort((x, y) => x - y);
    return [`${QUARTER(a)}-${QUARTER(b)}`, `${QUARTER(c)}-${QUARTER(d)}`];
  }),
);
const calendars = fc.record({
  hours: fc.tuple(...WEEKDAY_KEYS.map(() => dayHours)).map((days) => Object.fromEntries(WEEKDAY_KEYS.map((key, i) => [key, days[i]])) as WeeklyHours),
  holidays: fc.array(
    fc.oneof(fc.integer({ min: 1, max: 31 }).map((d) => `2024-03-${String(d).padStart(2, '0')}`), fc.constantFrom('2024-02-29', '2024-03-10', '2024-03-31', '2024-04-01')),
    { maxLength: 2 },
  ),
});

// ---------------------------------------------------------------------------------------------

/**
 * The data of one run: rows in a zone, with answers tied to contacts. Some contacts are made
 * one-touch (one reply, no reopen, escalation or hand-off) and some moved to 7 days after
 * another's resolution, by the same customer: FCR then turns on repeat contacts, which a filter
 * or a group may leave out.
 */
const scenario = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    generated: rows(30),
    oneTouch: fc.array(fc.nat(40), { maxLength: 10 }),
    edgeList: edges,
    repeats: fc.array(fc.record({ kind: fc.constant('repeat' as const), row: fc.nat(40), of: fc.nat(40), days: fc.constantFrom(0 as const, 7 as const) }), { maxLength: 4 }),
    surveyList: linkedSurveyRows(14),
    customerList: customerRows(8),
  })
  .map(({ generated, oneTouch, edgeList, repeats, ...rest }) => {
    const list = generated.map((r) => ({ ...r }));
    for (const i of oneTouch) {
      const r = list[i % Math.max(1, list.length)];
      // a chat or call nobody answered has no reply
      if (r === undefined || (LIVE.has(r.channel) && r.answered_at === '')) continue;
      Object.assign(r, { agent_replies: '1', reopens: '0', handoffs: '0', escalated: 'false', escalation_reason: '', canned_replies: r.canned_replies === '0' ? '0' : '1' });
    }
    return { ...rest, generated: list, edgeList: [...edgeList, ...repeats] };
  });

interface Data {
  zone: Zone;
  contacts: Row[];
  surveys: SurveyRow[];
  customers: CustomerRow[];
}

async function read(s: { zone: Zone; generated: Row[]; edgeList: Parameters<typeof dataIn>[2]; surveyList: SurveyRow[]; customerList: CustomerRow[] }) {
  const data: Data = { zone: s.zone, ...dataIn(s.zone, s.generated, s.edgeList, s.surveyList, s.customerList) };
  const got = await readData(s.zone, data.contacts, data.surveys, data.customers, LINKED_SURVEY_COLUMNS);
  for (const input of got.inputs) expect(input.log.rejected, input.path).toBe(0);
  return { data, read: got };
}

const shown = (d: Data, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ zone: d.zone.name, ...extra, contacts: brief(d.contacts), surveys: brief(d.surveys), customers: brief(d.customers) });

/** Metric ids compared in a group that holds no customers, and also no survey answers. */
const WITHOUT_CUSTOMERS = COMPARED_METRICS.filter((id) => id !== 'retention_rate' && id !== 'churn_rate');
const WITHOUT_SURVEYS = WITHOUT_CUSTOMERS.filter((id) => id !== 'csat' && id !== 'nps' && id !== 'ces');

/**
 * Differences between the report's breakdowns and the reference over each group's rows (the
 * scope given: the rows the filters keep, all contacts for repeat contacts).
 */
function breakdownDiffs(r: Report, d: Data, scope: { contacts: Row[]; surveys: SurveyRow[] }, valueOf: ValueOf): string[] {
  const diffs: string[] = [];
  const { zone } = d;
  const options = { repeatAmong: d.contacts };
  const groupsOf = (dim: string) => r.breakdowns?.[dim] ?? {};

  // channel, agent, team, priority: one group per value, (none) for rows without one
  for (const dim of DIMENSIONS) {
    const groups = groupsOf(dim);
    const values = new Set([...scope.contacts.map((c) => c[dim]), ...scope.surveys.map((s) => valueOf(dim, s))]);
    const label = (value: string) => (value === '' ? '(none)' : value);
    // a group for a value no row has must at least report nothing
    for (const [got, group] of Object.entries(groups)) {
      if (![...values].some((v) => label(v) === got)) diffs.push(...compare(group.metrics, reference(zone, [], [], []), { ids: WITHOUT_CUSTOMERS, prefix: `--by ${dim} [${got}], a value no row has: ` }));
    }
    for (const value of values) {
      const rowsIn = {
        contacts: scope.contacts.filter((c) => c[dim] === value),
        surveys: scope.surveys.filter((s) => valueOf(dim, s) === value),
      };
      const ref = reference(zone, rowsIn.contacts, rowsIn.surveys, [], options);
      const group = groups[label(value)];
      if (group) diffs.push(...compare(group.metrics, ref, { ids: WITHOUT_CUSTOMERS, prefix: `--by ${dim} [${label(value)}] ` }));
      else {
        const held = emptyIn(ref, WITHOUT_CUSTOMERS);
        if (held.length > 0) diffs.push(`--by ${dim}: no group "${label(value)}", though its rows (${[...rowsIn.contacts, ...rowsIn.surveys].map((x) => x.id).join(' ')}) give ${held.join(', ')}`);
      }
    }
  }

  // hour and weekday: contacts by the hour of their creation on the zone's clock
  for (const dim of ['hour', 'weekday'] as const) {
    const groups = groupsOf(dim);
    const keyOf = (label: string) => (dim === 'hour' ? (/^\d{1,2}$/.test(label) ? Number(label) : -1) : WEEKDAY_KEYS.indexOf(label.toLowerCase().slice(0, 3) as never));
    const byKey = new Map<number, Report['metrics']>();
    for (const [label, group] of Object.entries(groups)) {
      const key = keyOf(label);
      if (key < 0 || key >= (dim === 'hour' ? 24 : 7) || byKey.has(key)) diffs.push(`--by ${dim}: unexpected group "${label}"`);
      else byKey.set(key, group.metrics);
    }
    for (let key = 0; key < (dim === 'hour' ? 24 : 7); key++) {
      const contacts = scope.contacts.filter((c) => {
        const clock = wallClock(Date.parse(c.created_at), zone.name);
        return (dim === 'hour' ? clock.hour : clock.weekday) === key;
      });
      const ref = reference(zone, contacts, [], [], options);
      const metrics = byKey.get(key);
      if (metrics) diffs.push(...compare(metrics, ref, { ids: WITHOUT_SURVEYS, prefix: `--by ${dim} [${key}] ` }));
      else {
        const held = emptyIn(ref, WITHOUT_SURVEYS);
        if (held.length > 0) diffs.push(`--by ${dim}: no group for ${key}, though its contacts give ${held.join(', ')}`);
      }
    }
  }

  // day: each local day of March a period of its own, compared with the day before
  const days = groupsOf('day');
  const expected: string[] = [];
  for (let day = 1; day <= 31; day++) {
    const date = `2024-03-${String(day).padStart(2, '0')}`;
    expected.push(date);
    const start = localMidnight(date, zone.name);
    const end = day === 31 ? zone.end : localMidnight(`2024-03-${String(day + 1).padStart(2, '0')}`, zone.name);
    const previousStart = day === 1 ? localMidnight('2024-02-29', zone.name) : localMidnight(`2024-03-${String(day - 1).padStart(2, '0')}`, zone.name);
    const group = days[date];
    if (!group) continue;
    const ref = reference({ name: zone.name, start, end, previousStart }, scope.contacts, scope.surveys, d.customers, options);
    diffs.push(...compare(group.metrics, ref, { prefix: `--by day [${date}] ` }));
  }
  const labels = Object.keys(days);
  if (JSON.stringify(labels) !== JSON.stringify(expected)) diffs.push(`--by day: groups ${labels.join(' ')}, not the 31 days of March`);
  return diffs;
}

// ---------------------------------------------------------------------------------------------

describe('the report against the naive reference, in scopes: filters, breakdowns, business hours', () => {
  it('filtered: the metrics are the reference over the rows the filters keep (repeat contacts among all)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, filters, async (s, f) => {
        const { data: d, read: got } = await read(s);
        const r = buildMarch(d.zone, got, { filters: f });
        expect(r.filters).toEqual(f);
        const kept = filtered(f, d.contacts, d.surveys, surveyValue(d.contacts));
        const ref = reference(d.zone, kept.contacts, kept.surveys, d.customers, { repeatAmong: d.contacts });
        expect(compare(r.metrics, ref), shown(d, { filters: f })).toEqual([]);
      }),
      runs(60),
    );
  });

  it('broken down by channel, agent, team, priority, day, hour and weekday: each group is the reference over its rows', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.option(filters, { nil: undefined, freq: 2 }), async (s, f) => {
        const { data: d, read: got } = await read(s);
        const r = buildMarch(d.zone, got, { filters: f ?? {}, breakdowns: ['channel', 'agent', 'team', 'priority', 'day', 'hour', 'weekday'] });
        const valueOf = surveyValue(d.contacts);
        const scope = f ? filtered(f, d.contacts, d.surveys, valueOf) : { contacts: d.contacts, surveys: d.surveys };
        expect(breakdownDiffs(r, d, scope, valueOf), shown(d, { filters: f })).toEqual([]);
      }),
      runs(25),
    );
  });

  it('with business hours: every duration counts only the open seconds (a minute-by-minute walk)', async () => {
    const DURATIONS = ['first_response_time', 'resolution_time', 'wait_time', 'handle_time', 'after_contact_work'];
    await fc.assert(
      fc.asyncProperty(scenario, calendars, async (s, cal) => {
        const { data: d, read: got } = await read(s);
        const calendar = createBusinessCalendar({ timeZone: d.zone.name, hours: cal.hours, holidays: cal.holidays });
        const r = buildMarch(d.zone, got, { calendar, businessTime: calendar });
        const ref = reference(d.zone, d.contacts, d.surveys, d.customers, { durationSeconds: openSecondsByMinutes(d.zone.name, cal.hours, cal.holidays) });
        expect(compare(r.metrics, ref, { ids: DURATIONS }), shown(d, { calendar: cal })).toEqual([]);
      }),
      runs(60),
    );
  });
});

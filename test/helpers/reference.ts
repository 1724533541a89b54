/**
 * A deliberately naive reference implementation of ../shared/METRICS.md (plain loops over plain
 * row objects, timestamps read with Date.parse), the generators of the data it is checked on, and
 * the comparison of its numbers with a report's. Written from METRICS.md and the README alone, not
 * from src/metrics/. Used by test/report/reference.test.ts (the unfiltered, calendar-time report)
 * and test/report/reference-scopes.test.ts (filters, breakdowns, business hours).
 */
import fc from 'fast-check';
import type { Dataset } from '../../src/model/dataset.js';
import type { InputInfo } from '../../src/ingest/read.js';
import { readInputs } from '../../src/ingest/read.js';
import { expandSources } from '../../src/ingest/sources.js';
import { DEFAULT_SETTINGS } from '../../src/metrics/types.js';
import type { ReportOptions } from '../../src/report/build.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/report.js';
import { parsePeriod } from '../../src/time/period.js';
import { tempFiles } from './cli.js';
import type { ContactRow } from './contacts.js';
import { COLUMNS, contactRow, csvOf } from './contacts.js';
// ---------------------------------------------------------------------------------------------
// Generators: the shared contact rows given the columns they lack, moved onto the edges of the
// period now and then; survey answers (CSAT 1-5, NPS 0-10, CES 1-7) and customers.

export const EXTRA_COLUMNS = [
  'wrap_up_at', 'abandon_step', 'issue_type', 'customer_segment', 'customer_messages', 'escalation_reason', 'converted',
  'canned_replies', 'sla_resolution_due_at',
] as const;
export const CONTACT_COLUMNS = [...COLUMNS, ...EXTRA_COLUMNS];
export type Row = ContactRow & Record<(typeof EXTRA_COLUMNS)[number], string>;

export const SURVEY_COLUMNS = ['id', 'kind', 'score', 'scale', 'responded_at', 'agent'] as const;
/**
 * A survey answer. `channel` and `contact_id` are written only by the generators of
 * reference-scopes.test.ts (filters and breakdowns match an answer on them).
 */
export type SurveyRow = Record<(typeof SURVEY_COLUMNS)[number], string> & { channel?: string; contact_id?: string };
export const CUSTOMER_COLUMNS = ['customer_id', 'started_at', 'ended_at'] as const;
export type CustomerRow = Record<(typeof CUSTOMER_COLUMNS)[number], string>;

export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
export const LIVE = new Set(['chat', 'phone']);

/**
 * One contact of the shared generator, with no agent reply on a chat or call nobody answered
 * (the shared one writes some), plus wrap-up, resolution due time, issue type, messages, canned
 * replies, escalation reason, abandon step and (on chats) conversion. The reply count and the
 * first reply time are left to disagree now and then, as exports do.
 */
export const row = fc
  .tuple(
    contactRow(0),
    fc.record({
      wrapUp: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      resolutionDue: fc.option(fc.integer({ min: 60, max: 6 * 86400 }), { nil: undefined }),
      issue: fc.constantFrom('billing', 'bug', ''),
      segment: fc.constantFrom('smb', 'enterprise', ''),
      customerMessages: fc.integer({ min: 0, max: 4 }),
      canned: fc.integer({ min: 0, max: 3 }),
      reason: fc.constantFrom('bug', 'billing', ''),
      step: fc.constantFrom('queue', 'ivr', ''),
      converted: fc.boolean(),
    }),
  )
  .map(([base, x]): Row => {
    const r: Row = { ...base } as Row;
    const live = LIVE.has(r.channel);
    // nobody answered the chat or call, so no agent replied in it either
    if (live && r.answered_at === '') {
      r.first_response_at = '';
      r.agent_replies = '0';
    }
    const replies = Number(r.agent_replies);
    r.wrap_up_at = r.ended_at !== '' && x.wrapUp !== undefined ? iso(Date.parse(r.ended_at) + x.wrapUp * 1000) : '';
    r.sla_resolution_due_at = x.resolutionDue !== undefined ? iso(Date.parse(r.created_at) + x.resolutionDue * 1000) : '';
    r.issue_type = x.issue;
    r.customer_segment = x.segment;
    r.customer_messages = String(x.customerMessages);
    r.canned_replies = String(Math.min(x.canned, replies));
    r.escalation_reason = r.escalated === 'true' ? x.reason : '';
    r.abandon_step = r.abandoned_at !== '' ? x.step : '';
    // the conversion flag on chats only, as sales chats carry it (seed 001); METRICS.md's
    // "chats (or contacts) ... / chats" leaves open which other contacts would count
    r.converted = r.channel === 'chat' ? String(x.converted) : '';
    return r;
  });

/** Up to `max` contacts, ids C0, C1, ... (an array, not a chain, so that a failure shrinks to few rows). */
export const rows = (max: number) => fc.array(row, { maxLength: max }).map((list) => list.map((r, i) => ({ ...r, id: `C${i}` })));

export const TIME_COLUMNS = [
  'created_at', 'first_response_at', 'answered_at', 'ended_at', 'wrap_up_at', 'resolved_at', 'closed_at', 'abandoned_at',
  'sla_first_response_due_at', 'sla_resolution_due_at',
] as const;
export type TimeColumn = (typeof TIME_COLUMNS)[number];

/** The row with every time moved by `ms` (its intervals unchanged). */
export function shifted(r: Row, ms: number): Row {
  const copy = { ...r };
  for (const column of TIME_COLUMNS) if (copy[column] !== '') copy[column] = iso(Date.parse(copy[column]) + ms);
  return copy;
}

/**
 * Boundaries the random rows would almost never hit: a row moved so that one of its times falls
 * exactly on an edge of the period (or one day before its end, the backlog age), a contact of
 * the same customer created exactly at or exactly 7 days after another's resolution (the repeat
 * window), and times exactly on a threshold within a row (service level, short abandon, SLA due
 * time, default SLA target, distribution buckets).
 */
export type Edge =
  | { kind: 'anchor'; row: number; column: TimeColumn; at: 'start' | 'end' | 'endMinusDay' }
  | { kind: 'repeat'; row: number; of: number; days: 0 | 7 }
  | { kind: 'within'; row: number; what: 'answer20' | 'abandon5' | 'replyAtDue' | 'replyAtDefault' | 'resolveAtDue' | 'bucket'; hours: number };

export const edges = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('anchor' as const), row: fc.nat(40), column: fc.constantFrom(...TIME_COLUMNS), at: fc.constantFrom('start' as const, 'end' as const, 'endMinusDay' as const) }),
    fc.record({ kind: fc.constant('repeat' as const), row: fc.nat(40), of: fc.nat(40), days: fc.constantFrom(0 as const, 7 as const) }),
    fc.record({
      kind: fc.constant('within' as const),
      row: fc.nat(40),
      what: fc.constantFrom('answer20' as const, 'abandon5' as const, 'replyAtDue' as const, 'replyAtDefault' as const, 'resolveAtDue' as const, 'bucket' as const),
      hours: fc.constantFrom(1, 6, 12, 24),
    }),
  ),
  { maxLength: 6 },
);

export function withEdges(input: Row[], list: Edge[], zone: Zone): Row[] {
  const out = input.map((r) => ({ ...r }));
  for (const edge of list) {
    if (out.length === 0) break;
    const i = edge.row % out.length;
    const r = out[i];
    if (edge.kind === 'anchor') {
      if (r[edge.column] === '') continue;
      const at = edge.at === 'start' ? zone.start : edge.at === 'end' ? zone.end : zone.end - DAY;
      out[i] = shifted(r, at - Date.parse(r[edge.column]));
    } else if (edge.kind === 'repeat') {
      const first = out[edge.of % out.length];
      if (first === r || first.resolved_at === '') continue;
      out[i] = { ...shifted(r, Date.parse(first.resolved_at) + edge.days * DAY - Date.parse(r.created_at)), customer_id: first.customer_id };
    } else {
      const created = Date.parse(r.created_at);
      const set = (column: TimeColumn, ms: number) => (r[column] = iso(ms));
      if (edge.what === 'answer20' && r.answered_at !== '') {
        // the call from its answer on moves: answered exactly 20 s after the request
        const moved = shifted(r, created + 20_000 - Date.parse(r.answered_at));
        for (const column of ['answered_at', 'ended_at', 'wrap_up_at'] as const) r[column] = moved[column];
      } else if (edge.what === 'abandon5' && r.abandoned_at !== '') set('abandoned_at', created + 5000);
      else if (edge.what === 'replyAtDue' && r.first_response_at !== '') set('sla_first_response_due_at', Date.parse(r.first_response_at));
      else if (edge.what === 'replyAtDefault' && r.first_response_at !== '') {
        r.sla_first_response_due_at = '';
        set('first_response_at', created + DEFAULT_FIRST_RESPONSE_TARGET[r.channel] * 1000);
      } else if (edge.what === 'resolveAtDue' && r.resolved_at !== '') set('sla_resolution_due_at', Date.parse(r.resolved_at));
      else if (edge.what === 'bucket') {
        if (r.first_response_at !== '') set('first_response_at', created + edge.hours * 3600_000);
        if (r.resolved_at !== '') set('resolved_at', created + edge.hours * 3600_000);
      }
    }
  }
  return out;
}

export const DAY = 86400_000;
export const WINDOW_START = Date.UTC(2024, 1, 20); // late February to early April, around the period

export const surveyRow = fc
  .record({
    kind: fc.constantFrom('csat', 'nps', 'ces'),
    unit: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    at: fc.integer({ min: 0, max: 45 * 86400 }),
    edge: fc.constantFrom(undefined, undefined, undefined, 'start' as const, 'end' as const),
    agent: fc.constantFrom('ana', 'bo', ''),
  })
  .map((s): SurveyRow => {
    const [low, high] = s.kind === 'csat' ? [1, 5] : s.kind === 'nps' ? [0, 10] : [1, 7];
    return {
      id: 'S0', // numbered in surveyRows
      kind: s.kind,
      score: String(low + Math.floor(s.unit * (high - low + 1))),
      scale: String(high),
      // an answer given exactly at an edge of the period is written as that edge's tag
      responded_at: s.edge ?? iso(WINDOW_START + s.at * 1000),
      agent: s.agent,
    };
  });

export const surveyRows = (max: number) => fc.array(surveyRow, { maxLength: max }).map((list) => list.map((s, i) => ({ ...s, id: `S${i}` })));

export const customerRow = fc
  .record({
    // started from early January to mid April; some end, up to 80 days later
    started: fc.integer({ min: 0, max: 100 * 86400 }),
    ended: fc.option(fc.integer({ min: 1, max: 80 * 86400 }), { nil: undefined }),
    startEdge: fc.constantFrom(undefined, undefined, undefined, 'start' as const, 'end' as const),
    endEdge: fc.constantFrom(undefined, undefined, undefined, 'start' as const, 'end' as const),
  })
  .map((c): CustomerRow => {
    const started = Date.UTC(2024, 0, 5) + c.started * 1000;
    // exact edges of the period are written as tags, replaced once the zone is known (untag)
    return { customer_id: 'K0', started_at: c.startEdge ?? iso(started), ended_at: c.ended === undefined ? '' : (c.endEdge ?? iso(started + c.ended * 1000)) };
  });

export const customerRows = (max: number) => fc.array(customerRow, { maxLength: max }).map((list) => list.map((k, i) => ({ ...k, customer_id: `K${i}` })));

// ---------------------------------------------------------------------------------------------
// The product, in process.

/** The rows written as native CSV files and read as the CLI reads them, in the zone. */
export async function readData(
  zone: Zone,
  contacts: Row[],
  surveys: SurveyRow[],
  customers: CustomerRow[],
  surveyColumns: readonly string[] = SURVEY_COLUMNS,
): Promise<{ data: Dataset; inputs: InputInfo[] }> {
  const dir = tempFiles({
    'contacts.csv': csvOf(CONTACT_COLUMNS, contacts),
    'surveys.csv': csvOf(surveyColumns, surveys),
    'customers.csv': csvOf(CUSTOMER_COLUMNS, customers),
  });
  const { data, inputs } = await readInputs(expandSources([dir]), { zone: zone.name });
  return { data, inputs: [...inputs] };
}

/** The March 2024 report of data read by readData, with the given filters, breakdowns, calendars. */
export function buildMarch(
  zone: Zone,
  read: { data: Dataset; inputs: InputInfo[] },
  options: Partial<Omit<ReportOptions, 'period' | 'settings'>> = {},
): Report {
  const period = parsePeriod('2024-03', { zone: zone.name, now: 0 });
  return buildReport(read.data, read.inputs, { period, filters: {}, settings: DEFAULT_SETTINGS, ...options });
}

export async function report(zone: Zone, contacts: Row[], surveys: SurveyRow[], customers: CustomerRow[]): Promise<Report> {
  return buildMarch(zone, await readData(zone, contacts, surveys, customers));
}

// ---------------------------------------------------------------------------------------------
// The reference: METRICS.md read literally.

/**
 * The report's zone and March 2024 in it, [start, end), written out by hand (Berlin and New York
 * change to summer time within the month), with the previous period, February.
 */
export interface Zone {
  name: string;
  start: number;
  end: number;
  previousStart: number;
}
export const ZONES: Zone[] = [
  { name: 'UTC', start: Date.parse('2024-03-01T00:00:00Z'), end: Date.parse('2024-04-01T00:00:00Z'), previousStart: Date.parse('2024-02-01T00:00:00Z') },
  { name: 'Europe/Berlin', start: Date.parse('2024-02-29T23:00:00Z'), end: Date.parse('2024-03-31T22:00:00Z'), previousStart: Date.parse('2024-01-31T23:00:00Z') },
  { name: 'America/New_York', start: Date.parse('2024-03-01T05:00:00Z'), end: Date.parse('2024-04-01T04:00:00Z'), previousStart: Date.parse('2024-02-01T05:00:00Z') },
  { name: 'Asia/Kolkata', start: Date.parse('2024-02-29T18:30:00Z'), end: Date.parse('2024-03-31T18:30:00Z'), previousStart: Date.parse('2024-01-31T18:30:00Z') },
];

/** Weekday (0 = Monday) and hour of day of an instant in a zone. */
export function wallClock(ms: number, zone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')), hour: Number(part('hour')) };
}

/** Survey and customer times may be the tags 'start' and 'end': the edges of the period. */
export function untag(value: string, zone: Zone): string {
  return value === 'start' ? iso(zone.start) : value === 'end' ? iso(zone.end) : value;
}

/** The generated data in a zone: contacts with their edges, tags replaced, no customer ending before it started. */
export function dataIn(zone: Zone, generated: Row[], edgeList: Edge[], surveyList: SurveyRow[], customerList: CustomerRow[]) {
  return {
    contacts: withEdges(generated, edgeList, zone),
    surveys: surveyList.map((s) => ({ ...s, responded_at: untag(s.responded_at, zone) })),
    customers: customerList.map((k) => {
      const started = untag(k.started_at, zone);
      const ended = untag(k.ended_at, zone);
      return { ...k, started_at: started, ended_at: ended !== '' && Date.parse(ended) < Date.parse(started) ? '' : ended };
    }),
  };
}

/** A timestamp column as epoch milliseconds, undefined when empty. */
export const t = (value: string): number | undefined => (value === '' ? undefined : Date.parse(value));
export const seconds = (from: number, to: number) => (to - from) / 1000;

/** Percentiles by linear interpolation between closest ranks (numpy's default, PERCENTILE.INC). */
export function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function summary(values: number[]) {
  if (values.length === 0) return { n: 0, value: null, mean: null, median: null, p90: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  for (const v of values) total += v;
  const mean = total / values.length;
  return { n: values.length, value: mean, mean, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** 95% Wilson score interval, in percent. */
export function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [(centre - half) * 100, (centre + half) * 100];
}

export function rate(k: number, n: number) {
  return { n, value: n === 0 ? null : (k / n) * 100, numerator: k, denominator: n, ci95: n === 0 ? null : wilson(k, n) };
}

/** Seed 002's first-response and resolution buckets: within 1 h, 1-6 h, 6-12 h, 12-24 h, over 24 h. */
export function buckets(values: number[]) {
  const b = { '<=1h': 0, '1h-6h': 0, '6h-12h': 0, '12h-24h': 0, '>24h': 0 };
  for (const v of values) {
    if (v <= 3600) b['<=1h']++;
    else if (v <= 6 * 3600) b['1h-6h']++;
    else if (v <= 12 * 3600) b['6h-12h']++;
    else if (v <= 24 * 3600) b['12h-24h']++;
    else b['>24h']++;
  }
  return b;
}

export const countBy = <K extends string>(keys: K[]) => {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
};

/** Seed 004's first-response expectations per channel, the default SLA targets (seconds). */
export const DEFAULT_FIRST_RESPONSE_TARGET: Record<string, number> = { phone: 4 * 60, chat: 2 * 60, email: 24 * 3600, web: 24 * 3600, social: 3600 };

export const SHORT_ABANDON_SECONDS = 5;
export const SERVICE_LEVEL_SECONDS = 20;
export const BACKLOG_AGE_SECONDS = 24 * 3600;
export const REPEAT_WINDOW_MS = 7 * DAY;

/** What a scope changes in the reference (see reference-scopes.test.ts); nothing by default. */
export interface ReferenceOptions {
  /**
   * The contacts repeat contacts (FCR) are looked for among: "among all contacts read, on any
   * channel and with any agent, whatever the report's filters" (METRICS.md). Default: `contacts`.
   */
  repeatAmong?: Row[];
  /**
   * Seconds of a measured interval of the duration metrics (first_response_time, resolution_time,
   * wait_time, handle_time, after_contact_work); default calendar seconds. With --business-hours,
   * the open seconds in between.
   */
  durationSeconds?: (from: number, to: number) => number;
}

export function reference(zone: Zone, contacts: Row[], surveys: SurveyRow[], customers: CustomerRow[], options: ReferenceOptions = {}) {
  const repeatAmong = options.repeatAmong ?? contacts;
  const durationSeconds = options.durationSeconds ?? seconds;
  const m: Record<string, Record<string, unknown>> = {};
  const S = zone.start;
  const T = zone.end;
  const inPeriod = (ms: number | undefined) => ms !== undefined && ms >= S && ms < T;
  const created = (c: Row) => Date.parse(c.created_at);
  const live = (c: Row) => LIVE.has(c.channel);
  const num = (value: string) => (value === '' ? 0 : Number(value));
  /**
   * An agent handles a contact when they send at least one reply or answer the call/chat (a
   * first agent reply time is a reply too, whatever the count column says).
   */
  const handled = (c: Row) => num(c.agent_replies) > 0 || c.first_response_at !== '' || c.answered_at !== '';

  // counts: attributed to the period in which the contact was created
  const born = contacts.filter((c) => inPeriod(created(c)));
  const bornBefore = contacts.filter((c) => created(c) >= zone.previousStart && created(c) < S);

  // volume
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of born) {
    const { weekday, hour } = wallClock(created(c), zone.name);
    heatmap[weekday][hour]++; // Monday first
  }
  const byChannel = countBy(born.map((c) => c.channel));
  m.volume = { n: born.length, value: born.length, byChannel, heatmap };

  // volume_change
  m.volume_change = {
    n: born.length,
    value: bornBefore.length === 0 ? null : ((born.length - bornBefore.length) / bornBefore.length) * 100,
    volume: born.length,
    previous: bornBefore.length,
    yearAgo: 0,
    changeYear: null,
  };

  // channel_mix
  const channels: Record<string, { count: number; percent: number }> = {};
  for (const [channel, count] of Object.entries(byChannel)) channels[channel] = { count, percent: (count / born.length) * 100 };
  const topCount = Math.max(0, ...Object.values(byChannel));
  m.channel_mix = { n: born.length, value: born.length === 0 ? null : (topCount / born.length) * 100, channels, topCount };

  // contacts_per_customer
  const perCustomer = new Map<string, Row[]>();
  for (const c of born) {
    if (c.customer_id === '') continue;
    perCustomer.set(c.customer_id, [...(perCustomer.get(c.customer_id) ?? []), c]);
  }
  const withCustomer = born.filter((c) => c.customer_id !== '').length;
  const repeatCustomers = [...perCustomer.values()].filter((list) => list.length > 1).length;
  m.contacts_per_customer = {
    n: withCustomer,
    value: perCustomer.size === 0 ? null : withCustomer / perCustomer.size,
    customers: perCustomer.size,
    repeatCustomers,
    repeatShare: perCustomer.size === 0 ? null : (repeatCustomers / perCustomer.size) * 100,
    perCustomer: new Map(
      [...perCustomer].map(([id, list]) => [
        id,
        {
          contacts: list.length,
          agents: [...new Set(list.filter((c) => handled(c) && c.agent !== '').map((c) => c.agent))].sort(),
          handleTimeSeconds: list.reduce((sum, c) => sum + (c.answered_at !== '' && c.ended_at !== '' ? seconds(t(c.answered_at)!, t(c.ended_at)!) : 0), 0),
        },
      ]),
    ),
  };

  // conversations_per_agent
  const agents = countBy(born.filter((c) => handled(c) && c.agent !== '').map((c) => c.agent));
  const agentCount = Object.keys(agents).length;
  const handledByAgents = Object.values(agents).reduce((a, b) => a + b, 0);
  m.conversations_per_agent = { n: handledByAgents, value: agentCount === 0 ? null : handledByAgents / agentCount, agentCount, agents };

  // durations: attributed to the period in which the measured interval ends
  const duration = (from: (c: Row) => string, to: (c: Row) => string, which: (c: Row) => boolean = () => true) =>
    contacts.filter((c) => which(c) && from(c) !== '' && to(c) !== '' && inPeriod(t(to(c)))).map((c) => durationSeconds(t(from(c))!, t(to(c))!));
  const firstResponses = duration((c) => c.created_at, (c) => c.first_response_at);
  m.first_response_time = { ...summary(firstResponses), buckets: buckets(firstResponses) };
  const resolutions = duration((c) => c.created_at, (c) => c.resolved_at);
  m.resolution_time = { ...summary(resolutions), buckets: buckets(resolutions) };
  m.wait_time = summary(duration((c) => c.created_at, (c) => c.answered_at, live));
  m.handle_time = summary(duration((c) => c.answered_at, (c) => c.ended_at, live));
  m.after_contact_work = summary(duration((c) => c.ended_at, (c) => c.wrap_up_at, live));

  // service_level and abandonment_rate: live contacts created in the period, short abandons out
  const liveBorn = born.filter(live);
  const isShortAbandon = (c: Row) => c.abandoned_at !== '' && c.answered_at === '' && seconds(created(c), t(c.abandoned_at)!) < SHORT_ABANDON_SECONDS;
  const offered = liveBorn.filter((c) => !isShortAbandon(c));
  const shortAbandons = liveBorn.length - offered.length;
  const withinT = offered.filter((c) => c.answered_at !== '' && seconds(created(c), t(c.answered_at)!) <= SERVICE_LEVEL_SECONDS).length;
  m.service_level = { ...rate(withinT, offered.length), targetSeconds: SERVICE_LEVEL_SECONDS, shortAbandons };
  const abandoned = offered.filter((c) => c.abandoned_at !== '' && c.answered_at === '');
  const byHour = new Array<number>(24).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  for (const c of abandoned) {
    const { weekday, hour } = wallClock(created(c), zone.name);
    byHour[hour]++;
    byWeekday[weekday]++;
  }
  m.abandonment_rate = { ...rate(abandoned.length, offered.length), shortAbandons, byHour, byWeekday, steps: countBy(abandoned.map((c) => c.abandon_step)) };

  // missed_rate: chat requests created in the period that no agent ever answered
  const chats = born.filter((c) => c.channel === 'chat');
  const missed = chats.filter((c) => c.answered_at === '' && (c.missed === 'true' || c.abandoned_at !== '')).length;
  m.missed_rate = { ...rate(missed, chats.length), missed };

  // conversion_rate: chats that led to a conversion / chats
  m.conversion_rate = rate(chats.filter((c) => c.converted === 'true').length, chats.length);

  // canned_response_usage: agent replies that used a canned response / all agent replies
  const cannedByAgent: Record<string, [number, number]> = {};
  let canned = 0;
  let replies = 0;
  for (const c of born) {
    canned += num(c.canned_replies);
    replies += num(c.agent_replies);
    if (c.agent !== '' && num(c.agent_replies) > 0) {
      const [k, n] = cannedByAgent[c.agent] ?? [0, 0];
      cannedByAgent[c.agent] = [k + num(c.canned_replies), n + num(c.agent_replies)];
    }
  }
  m.canned_response_usage = { ...rate(canned, replies), byAgent: Object.fromEntries(Object.entries(cannedByAgent).map(([a, [k, n]]) => [a, rate(k, n)])) };

  // sla_compliance: per target, met at the reply/resolution when at or before the due time,
  // otherwise breached at the due time; over the targets decided in the period
  let frMet = 0;
  let frDecided = 0;
  let resMet = 0;
  let resDecided = 0;
  for (const c of contacts) {
    const firstDue = c.sla_first_response_due_at !== '' ? t(c.sla_first_response_due_at)! : created(c) + DEFAULT_FIRST_RESPONSE_TARGET[c.channel] * 1000;
    const reply = t(c.first_response_at);
    const frMetNow = reply !== undefined && reply <= firstDue;
    if (inPeriod(frMetNow ? reply : firstDue)) {
      frDecided++;
      if (frMetNow) frMet++;
    }
    if (c.sla_resolution_due_at !== '') {
      const due = t(c.sla_resolution_due_at)!;
      const resolved = t(c.resolved_at);
      const ok = resolved !== undefined && resolved <= due;
      if (inPeriod(ok ? resolved : due)) {
        resDecided++;
        if (ok) resMet++;
      }
    }
  }
  m.sla_compliance = {
    ...rate(frMet + resMet, frDecided + resDecided),
    first_response: rate(frMet, frDecided),
    resolution: rate(resMet, resDecided),
    breaches: frDecided - frMet + resDecided - resMet,
  };

  // backlog: open at the end of the period; a contact ends when resolved, else when closed
  const open = contacts.filter((c) => {
    if (created(c) >= T) return false;
    const end = t(c.resolved_at) ?? t(c.closed_at);
    return end === undefined || end >= T;
  });
  const aged = open.filter((c) => seconds(created(c), T) > BACKLOG_AGE_SECONDS).length;
  m.backlog = { n: open.length, value: open.length };
  m.backlog_aged = { n: aged, value: aged, ageSeconds: BACKLOG_AGE_SECONDS, backlog: open.length, share: open.length === 0 ? null : (aged / open.length) * 100 };

  // fcr_rate, reopen_rate, interactions_per_ticket: contacts resolved in the period
  const resolved = contacts.filter((c) => inPeriod(t(c.resolved_at)));
  const reasons = { reopened: 0, escalated: 0, handoffs: 0, repeat_contact: 0, replies: 0 };
  const fcrByChannel: Record<string, [number, number]> = {};
  let fcr = 0;
  for (const c of resolved) {
    const at = t(c.resolved_at)!;
    const why: (keyof typeof reasons)[] = [];
    if (!live(c) && num(c.agent_replies) !== 1) why.push('replies');
    if (num(c.reopens) > 0) why.push('reopened');
    if (c.escalated === 'true') why.push('escalated');
    if (num(c.handoffs) > 0) why.push('handoffs');
    const repeat = repeatAmong.some((o) => o.id !== c.id && c.customer_id !== '' && o.customer_id === c.customer_id && created(o) > at && created(o) <= at + REPEAT_WINDOW_MS);
    if (repeat) why.push('repeat_contact');
    for (const w of why) reasons[w]++;
    const [k, n] = fcrByChannel[c.channel] ?? [0, 0];
    fcrByChannel[c.channel] = [k + (why.length === 0 ? 1 : 0), n + 1];
    if (why.length === 0) fcr++;
  }
  m.fcr_rate = {
    ...rate(fcr, resolved.length),
    byChannel: Object.fromEntries(Object.entries(fcrByChannel).map(([ch, [k, n]]) => [ch, rate(k, n)])),
    notFcrReasons: reasons,
  };
  m.reopen_rate = rate(resolved.filter((c) => num(c.reopens) > 0).length, resolved.length);
  m.interactions_per_ticket = {
    ...summary(resolved.map((c) => num(c.agent_replies))),
    customer_messages: summary(resolved.map((c) => num(c.customer_messages))),
    handoffs: summary(resolved.map((c) => num(c.handoffs))),
  };

  // escalation_rate: escalated or transferred contacts / handled contacts (created in the period)
  const handledBorn = born.filter(handled);
  const escalated = handledBorn.filter((c) => c.escalated === 'true' || num(c.handoffs) > 0);
  m.escalation_rate = { ...rate(escalated.length, handledBorn.length), reasons: countBy(escalated.map((c) => (c.escalation_reason === '' ? '(none)' : c.escalation_reason))) };

  // surveys: attributed to the period in which the answer was given
  const answers = (kind: string) => surveys.filter((s) => s.kind === kind && inPeriod(Date.parse(s.responded_at)));
  const csat = answers('csat');
  const satisfied = (s: SurveyRow) => Number(s.score) >= 4; // 4 or 5 on a 1-5 scale
  const csatByAgent: Record<string, [number, number]> = {};
  for (const s of csat) {
    if (s.agent === '') continue;
    const [k, n] = csatByAgent[s.agent] ?? [0, 0];
    csatByAgent[s.agent] = [k + (satisfied(s) ? 1 : 0), n + 1];
  }
  const sat = csat.filter(satisfied).length;
  m.csat = {
    ...rate(sat, csat.length),
    satisfied: sat,
    unsatisfied: csat.length - sat,
    byAgent: Object.fromEntries(Object.entries(csatByAgent).map(([a, [k, n]]) => [a, rate(k, n)])),
  };
  const nps = answers('nps');
  const promoters = nps.filter((s) => Number(s.score) >= 9).length;
  const detractors = nps.filter((s) => Number(s.score) <= 6).length;
  m.nps = {
    n: nps.length,
    value: nps.length === 0 ? null : ((promoters - detractors) / nps.length) * 100,
    promoters,
    passives: nps.length - promoters - detractors,
    detractors,
  };
  m.ces = { ...summary(answers('ces').map((s) => Number(s.score))), scale: 7 };

  // customers: present at an instant when started before it and not ended by it. Periods are
  // half-open, so an end at the very start of the period is a loss during it (the customer was
  // there at the start), and an end at the very end of the period belongs to the next one.
  const present = (k: CustomerRow, at: number) => Date.parse(k.started_at) < at && (k.ended_at === '' || Date.parse(k.ended_at) >= at);
  const atStart = customers.filter((k) => present(k, S)).length;
  const atEnd = customers.filter((k) => present(k, T)).length;
  const fresh = customers.filter((k) => inPeriod(Date.parse(k.started_at))).length;
  const lost = customers.filter((k) => present(k, S) && inPeriod(t(k.ended_at))).length;
  m.retention_rate = { n: atStart, value: atStart === 0 ? null : ((atEnd - fresh) / atStart) * 100, atStart, atEnd, new: fresh, lost };
  m.churn_rate = { ...rate(lost, atStart), atStart, lost };
  return m;
}

// ---------------------------------------------------------------------------------------------
// Comparison: every difference listed, so that one failing run shows them all.

export function close(actual: unknown, expected: unknown): boolean {
  if (expected === null || actual === null) return actual === expected;
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return false;
}

/** Every metric id compare() checks. */
export const COMPARED_METRICS = [
  'volume', 'volume_change', 'conversations_per_agent', 'first_response_time', 'resolution_time', 'wait_time', 'handle_time',
  'after_contact_work', 'service_level', 'sla_compliance', 'backlog', 'backlog_aged', 'fcr_rate', 'interactions_per_ticket',
  'reopen_rate', 'escalation_rate', 'missed_rate', 'conversion_rate', 'canned_response_usage', 'csat', 'nps', 'ces',
  'retention_rate', 'churn_rate', 'abandonment_rate', 'channel_mix', 'contacts_per_customer',
] as const;

/**
 * The differences between a report's metrics and the reference's, each as one line. `ids`: only
 * these metrics (default: all of COMPARED_METRICS); `prefix` starts every line (a breakdown group).
 */
export function compare(actual: Report['metrics'], ref: ReturnType<typeof reference>, options: { ids?: readonly string[]; prefix?: string } = {}): string[] {
  const ids = new Set<string>(options.ids ?? COMPARED_METRICS);
  const prefix = options.prefix ?? '';
  const diffs: string[] = [];
  const check = (path: string, got: unknown, want: unknown) => {
    if (Array.isArray(want)) {
      if (!Array.isArray(got) || got.length !== want.length) diffs.push(`${path}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      else want.forEach((w, i) => check(`${path}[${i}]`, got[i], w));
    } else if (want !== null && typeof want === 'object') {
      if (got === null || typeof got !== 'object') return void diffs.push(`${path}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      const keys = new Set([...Object.keys(want), ...Object.keys(got).filter((k) => k !== 'unit')]);
      for (const k of keys) check(`${path}.${k}`, (got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k]);
    } else if (!close(got, want) && got !== want) {
      diffs.push(`${path}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    }
  };
  const metric = (id: string) => actual[id] as Record<string, unknown>;
  const plain = (id: string, omit: string[] = []) => {
    if (!ids.has(id)) return;
    const want = Object.fromEntries(Object.entries(ref[id]).filter(([k]) => !omit.includes(k)));
    const got = Object.fromEntries(Object.entries(metric(id)).filter(([k]) => k !== 'unit' && !omit.includes(k)));
    check(id, got, want);
  };

  for (const id of COMPARED_METRICS) if (!['abandonment_rate', 'channel_mix', 'contacts_per_customer'].includes(id)) plain(id);

  // abandonment_rate: the steps of abandons with no step recorded are not compared by name
  if (ids.has('abandonment_rate')) {
    plain('abandonment_rate', ['steps', 'byStep']);
    const steps = ref.abandonment_rate.steps as Record<string, number>;
    const byStep = (metric('abandonment_rate').byStep ?? {}) as Record<string, number>;
    for (const step of ['queue', 'ivr']) check(`abandonment_rate.byStep.${step}`, byStep[step] ?? 0, steps[step] ?? 0);
  }

  // channel_mix: the top channel is one with the most contacts (ties in any order)
  if (ids.has('channel_mix')) {
    plain('channel_mix', ['top', 'topCount']);
    const mix = metric('channel_mix');
    const top = mix.top as string | null;
    const counts = (ref.volume.byChannel ?? {}) as Record<string, number>;
    if (top === null ? ref.channel_mix.topCount !== 0 : counts[top] !== ref.channel_mix.topCount) diffs.push(`channel_mix.top: ${top} is not a channel with the most contacts`);
  }

  // contacts_per_customer: the top customers, each with its contacts, agents and handle time
  if (ids.has('contacts_per_customer')) {
    plain('contacts_per_customer', ['top', 'perCustomer']);
    const perCustomer = ref.contacts_per_customer.perCustomer as Map<string, { contacts: number; agents: string[]; handleTimeSeconds: number }>;
    const list = metric('contacts_per_customer').top as { customer_id: string; contacts: number; agents: string[]; handleTimeSeconds: number }[];
    list.forEach((entry, i) => {
      const want = perCustomer.get(entry.customer_id);
      if (want === undefined) return void diffs.push(`contacts_per_customer.top[${i}]: ${entry.customer_id} has no contact in the period`);
      check(`contacts_per_customer.top[${i}](${entry.customer_id})`, { ...entry, customer_id: undefined, agents: [...entry.agents].sort() }, { ...want, customer_id: undefined });
      if (i > 0 && entry.contacts > list[i - 1].contacts) diffs.push(`contacts_per_customer.top: not in descending order at ${i}`);
    });
    const listed = new Set(list.map((e) => e.customer_id));
    const floor = list.length === 0 ? Infinity : list[list.length - 1].contacts;
    if (list.length !== Math.min(10, perCustomer.size)) diffs.push(`contacts_per_customer.top: ${list.length} customers listed of ${perCustomer.size}`);
    for (const [id, c] of perCustomer) if (!listed.has(id) && c.contacts > floor) diffs.push(`contacts_per_customer.top: leaves out ${id} with ${c.contacts} contacts`);
  }
  return prefix === '' ? diffs : diffs.map((d) => prefix + d);
}

/** A failing case, short: the rows without their empty, zero and false cells. */
export const brief = (rowsOf: Record<string, string>[]) =>
  rowsOf.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '' && v !== '0' && v !== 'false')));

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

/**
 * Every real export in shared/realdata (beside the repository; CI has it, a clone alone may not),
 * read end to end by the built binary. The expected numbers were computed independently of
 * supmetrics with python3's csv module and these rules (the script is in the comment of each
 * block): parse the dates with datetime.strptime in the format the file uses, drop what the file
 * marks as missing, fold event logs per record as described, and take means, medians and
 * percentiles (numpy's linear interpolation) of the resulting durations.
 */
const REALDATA = resolve(ROOT, '../shared/realdata');
const exists = existsSync(REALDATA);

interface Metric {
  value?: number | null;
  n?: number;
  mean?: number | null;
  median?: number | null;
  p90?: number | null;
  numerator?: number;
  denominator?: number;
  [key: string]: unknown;
}
interface Report {
  inputs: { path: string; kind: string; preset: string; rows: { read: number; used: number; filtered: number; rejected: number } }[];
  metrics: Record<string, Metric>;
  breakdowns?: Record<string, Record<string, { metrics: Record<string, Metric> }>>;
}

function report(args: string[]): Report {
  const result = cli(['report', ...args, '--format', 'json', '--no-timestamp']);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const file = (...parts: string[]) => join(REALDATA, ...parts);

describe.skipIf(!exists)('real exports (shared/realdata)', () => {
  it('covers every file of shared/realdata in these tests', () => {
    const files = readdirSync(REALDATA).flatMap((folder) =>
      statSync(join(REALDATA, folder)).isDirectory() ? readdirSync(join(REALDATA, folder)).map((name) => `${folder}/${name}`) : [],
    );
    const covered = new Set([
      ...SERVICENOW,
      ...KAGGLE,
      'pwc_call_center/Call-Center-Dataset.csv',
      'restaurant_booking_calls/Call Center Data.csv',
      'elastix_call_center/call_center.csv',
      'fivetran_seed_zendesk_intercom/zendesk_ticket_data.csv',
      'fivetran_seed_zendesk_intercom/intercom_conversation_history_data.csv',
      ...UNSUPPORTED.map(([path]) => path),
      ...NATIVE.map(([path]) => path),
      'nps_garden_center/LICENSE_CC0.txt',
    ]);
    expect(files.filter((path) => !covered.has(path))).toEqual([]);
  });

  // python3: fold rows per `number`, keeping the one with the highest sys_mod_count (ties: the
  // later row); dates strptime('%d/%m/%Y %H:%M') ('%d-%m-%Y %H:%M' for the Excel copy), '?' =
  // none; resolution = resolved_at - opened_at; made_sla 'true' counted over all incidents.
  const SERVICENOW = [
    'servicenow_incident_event_log/incident_event_log_uci_format_first30k.csv',
    'servicenow_incident_event_log/incident_event_log_first6000.csv',
  ];
  it.each([
    [SERVICENOW[0], { records: 4242, resN: 4063, resMean: 1002980.8811, resMedian: 332340, resP90: 1996020, met: 924 }],
    [SERVICENOW[1], { records: 890, resN: 861, resMean: 1137120.3484, resMedian: 196080, resP90: 2743380, met: 495 }],
  ])('ServiceNow incident log %s: folded per incident', (path, want) => {
    const r = report([file(path)]);
    expect(r.inputs[0]).toMatchObject({ preset: 'servicenow', rows: { read: want.records, rejected: 0 } });
    const m = r.metrics;
    expect(m.volume.value).toBe(want.records);
    expect(m.resolution_time.n).toBe(want.resN);
    expect(m.resolution_time.mean).toBeCloseTo(want.resMean, 3);
    expect(m.resolution_time.median).toBe(want.resMedian);
    expect(m.resolution_time.p90).toBeCloseTo(want.resP90, 3);
    const resolution = m.sla_compliance.resolution as Metric;
    expect([resolution.numerator, resolution.denominator]).toEqual([want.met, want.records]);
  });

  // python3: created = 'First Response Time' (the export has no creation time), resolved = 'Time
  // to Resolution'; rows without the first, or resolved before it, are rejected; CSAT = ratings
  // >= 4 of 5 among the rated rows.
  const KAGGLE = [
    'kaggle_customer_support_tickets/customer_support_tickets.csv',
    'kaggle_customer_support_tickets/customer_support_tickets_excel_resaved_ddmmyyyy.csv',
  ];
  it.each(KAGGLE)('Kaggle customer support tickets %s, through the documented config mapping', (path) => {
    const r = report([file(path), '--config', 'fixtures/mappings/kaggle_customer_support_tickets.json', '--by', 'channel']);
    expect(r.inputs.map((input) => [input.kind, input.preset, input.rows.read, input.rows.rejected])).toEqual([
      ['contacts', 'config', 8469, 4184],
      ['surveys', 'config', 2769, 0],
    ]);
    const m = r.metrics;
    expect(m.volume.value).toBe(4285);
    expect(m.resolution_time.n).toBe(1404);
    expect(m.resolution_time.mean).toBeCloseTo(27280.5556, 3);
    expect(m.resolution_time.median).toBe(22830);
    expect(m.csat.value).toBeCloseTo(39.256049, 4);
    const volume = Object.fromEntries(Object.entries(r.breakdowns!.channel).map(([channel, group]) => [channel, group.metrics.volume.value]));
    expect(volume).toEqual({ chat: 1069, email: 1096, phone: 1032, social: 1088 });
  });

  // python3: 'Answered (Y/N)' = 'N' is an abandon; waits = 'Speed of answer in seconds' of
  // answered calls; talk = AvgTalkDuration H:MM:SS of answered calls; CSAT = ratings >= 4 among
  // ratings 1-5 (0 = no answer).
  it('PwC call centre, through the documented config mapping', () => {
    const r = report([file('pwc_call_center/Call-Center-Dataset.csv'), '--config', 'fixtures/mappings/pwc_call_center.json']);
    expect(r.inputs.map((input) => [input.kind, input.rows.read, input.rows.rejected])).toEqual([
      ['contacts', 5000, 0],
      ['surveys', 4054, 0],
    ]);
    const m = r.metrics;
    expect(m.volume.value).toBe(5000);
    expect(m.abandonment_rate.value).toBeCloseTo(18.92, 6);
    expect(m.wait_time.n).toBe(4054);
    expect(m.wait_time.mean).toBeCloseTo(67.52072, 4);
    expect(m.wait_time.median).toBe(68);
    expect(m.handle_time.mean).toBeCloseTo(224.922792, 4);
    expect(m.handle_time.median).toBe(226);
    expect(m.csat.value).toBeCloseTo(49.901332, 4);
  });

  // python3: created = Call Date + Call Time, answered = Call Date + Time Answered; 'Call
  // unanswered' is an abandon; converted = 'Booking completed' among answered calls.
  it('restaurant booking calls, through the documented config mapping', () => {
    const r = report([file('restaurant_booking_calls/Call Center Data.csv'), '--config', 'fixtures/mappings/restaurant_booking_calls.json']);
    expect(r.inputs[0].rows).toMatchObject({ read: 25100, rejected: 0 });
    const m = r.metrics;
    expect(m.volume.value).toBe(25100);
    expect(m.wait_time.n).toBe(24731);
    expect(m.wait_time.mean).toBeCloseTo(22.980834, 4);
    expect(m.wait_time.median).toBe(23);
    expect(m.abandonment_rate.value).toBeCloseTo(1.470120, 4);
    expect(m.conversion_rate.value).toBeCloseTo(93.465691, 4);
  });

  // python3: 48 of 349 rows have Status 'Abandoned'.
  it('Elastix call centre, through the documented config mapping', () => {
    const r = report([file('elastix_call_center/call_center.csv'), '--config', 'fixtures/mappings/elastix_call_center.json']);
    expect(r.inputs[0].rows).toMatchObject({ read: 349, rejected: 0 });
    expect(r.metrics.volume.value).toBe(349);
    expect(r.metrics.abandonment_rate.value).toBeCloseTo(13.753582, 4);
  });

  // python3: 10 tickets; via_channel web 1, email 9.
  it('Fivetran Zendesk ticket table: the zendesk preset (API variant)', () => {
    const r = report([file('fivetran_seed_zendesk_intercom/zendesk_ticket_data.csv'), '--by', 'channel']);
    expect(r.inputs[0]).toMatchObject({ preset: 'zendesk', rows: { read: 10, rejected: 0 } });
    expect(r.metrics.volume.value).toBe(10);
    const volume = Object.fromEntries(Object.entries(r.breakdowns!.channel).map(([channel, group]) => [channel, group.metrics.volume.value]));
    expect(volume).toEqual({ email: 9, web: 1 });
  });

  // python3: 9 history rows of 2 conversations; the latest updated_at of each says 'closed'.
  it('Fivetran Intercom conversation history: folded per conversation, latest update wins', () => {
    const result = cli(['inspect', file('fivetran_seed_zendesk_intercom/intercom_conversation_history_data.csv'), '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const [info] = JSON.parse(result.stdout) as { preset: string; rows: { read: number; folded: number }; samples: { id: string; status: string }[] }[];
    expect(info.preset).toBe('intercom');
    expect(info.rows).toMatchObject({ read: 2, folded: 7 });
    expect(info.samples.map((sample) => [sample.id, sample.status])).toEqual([
      ['156643300001311', 'closed'],
      ['156643300001372', 'closed'],
    ]);
  });

  // Files that hold no contacts, answers or customers supmetrics can date (lookup tables, a
  // churn sample without dates, NPS answers without timestamps): refused with a clear message
  // naming the file, never half read.
  const UNSUPPORTED: [string, RegExp][] = [
    ['fivetran_seed_zendesk_intercom/intercom_admin_data.csv', /columns match no kind of input/],
    ['fivetran_seed_zendesk_intercom/zendesk_sla_policy_metric_history_data.csv', /columns match no kind of input/],
    ['fivetran_seed_zendesk_intercom/zendesk_ticket_chat_data.csv', /columns match no kind of input/],
    ['fivetran_seed_zendesk_intercom/zendesk_ticket_chat_event_data.csv', /columns match no kind of input/],
    ['fivetran_seed_zendesk_intercom/zendesk_ticket_comment_data.csv', /columns match no kind of input/],
    ['fivetran_seed_zendesk_intercom/zendesk_ticket_field_history_data.csv', /columns match no kind of input/],
    ['fivetran_seed_zendesk_intercom/zendesk_ticket_schedule_data.csv', /columns match no kind of input/],
    ['fivetran_seed_zendesk_intercom/zendesk_ticket_sla_policy_data.csv', /columns match no kind of input/],
    ['ibm_telco_churn/Telco-Customer-Churn.csv', /columns match no kind of input/],
    ['nps_garden_center/nps.csv', /columns match no kind of input/],
  ];
  it.each(UNSUPPORTED)('%s is refused with a clear message', (path, message) => {
    const result = cli(['report', file(path)]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.split('/').pop()!);
    expect(result.stderr).toMatch(message);
  });

  // Lookup tables that happen to have native `id` and `created_at` columns are read as native
  // contacts, as any such file is (no preset claims them); python3: row count and distinct ids.
  const NATIVE: [string, number, number][] = [
    ['fivetran_seed_zendesk_intercom/intercom_conversation_part_history_data.csv', 9, 0],
    ['fivetran_seed_zendesk_intercom/zendesk_group_data.csv', 8, 0],
    ['fivetran_seed_zendesk_intercom/zendesk_schedule_data.csv', 5, 4],
    ['fivetran_seed_zendesk_intercom/zendesk_user_data.csv', 10, 0],
  ];
  it.each(NATIVE)('%s reads as native columns (%i rows, %i duplicate ids)', (path, read, rejected) => {
    const r = report([file(path)]);
    expect(r.inputs[0]).toMatchObject({ preset: 'native', rows: { read, rejected } });
  });
});

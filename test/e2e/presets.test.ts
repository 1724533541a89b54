import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';

/**
 * Vendor presets end to end: each fixture under fixtures/presets has the vendor's header row
 * exactly (see the preset's doc comment for where the header comes from) and a few rows whose
 * numbers were worked out by hand; the comments next to each expectation say how.
 */

interface Report {
  inputs: { path: string; kind: string; preset: string; rows: { read: number; used: number; filtered: number; rejected: number }; warnings: { count: number } }[];
  metrics: Record<string, Record<string, unknown> & { value?: number | null; n?: number; mean?: number | null; median?: number | null }>;
  breakdowns?: Record<string, Record<string, { metrics: Record<string, { value?: number | null }> }>>;
}

function report(args: string[]): Report {
  const result = cli(['report', ...args, '--format', 'json']);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const FIXTURES = 'fixtures/presets';
const march = ['--period', '2024-03', '--tz', 'UTC'];

describe('zendesk preset', () => {
  it('reads the tickets CSV export: durations in minutes, Via channels, Satisfaction Score as CSAT', () => {
    const r = report([join(FIXTURES, 'zendesk.csv'), ...march, '--by', 'channel']);
    expect(r.inputs.map((input) => [input.kind, input.preset, input.rows.read])).toEqual([
      ['contacts', 'zendesk', 4],
      ['surveys', 'zendesk', 3], // Good, Bad, Good; "Offered" is not an answer
    ]);
    const m = r.metrics;
    expect(m.volume.value).toBe(4);
    // first reply 30, 90 and 240 minutes (T103 has none): 1800, 5400, 14400 s
    expect(m.first_response_time).toMatchObject({ n: 3, mean: 7200, median: 5400 });
    // Solved at - Created at: 4 h and 24 h (the timestamps win over the minute columns)
    expect(m.resolution_time).toMatchObject({ n: 2, mean: 50400, median: 50400 });
    // Good = 1, Bad = 0 on a 0/1 scale: 2 of 3 satisfied
    expect(m.csat.value).toBeCloseTo(66.667, 2);
    // default first-response targets: email 24 h met, web 24 h met, phone 4 min never answered, social 1 h answered after 4 h
    expect(m.sla_compliance.value).toBe(50);
    const channels = r.breakdowns!.channel;
    expect(Object.keys(channels).sort()).toEqual(['email', 'phone', 'social', 'web']);
    for (const group of Object.values(channels)) expect(group.metrics.volume.value).toBe(1);
  });

  it('reads the NDJSON export: {"ticket": {...}} with metric_set {calendar, business} minutes', () => {
    const r = report([join(FIXTURES, 'zendesk.ndjson'), ...march]);
    expect(r.inputs[0]).toMatchObject({ kind: 'contacts', preset: 'zendesk', rows: { read: 3, rejected: 0 } });
    const m = r.metrics;
    // reply_time_in_minutes.calendar 60, 10, 2 -> 3600, 600, 120 s
    expect(m.first_response_time).toMatchObject({ n: 3, mean: 1440, median: 600 });
    // metric_set.solved_at - created_at: 2 h and 30 min
    expect(m.resolution_time).toMatchObject({ n: 2, mean: 4500 });
    // good and bad ("unoffered" is no answer)
    expect(m.csat.value).toBe(50);
    // email 60 min (24 h: met), chat 10 min (2 min: breached), voice 2 min (4 min: met)
    expect(m.sla_compliance.value).toBeCloseTo(66.667, 2);
  });

  it('reads the export gzipped, alone and inside a folder', () => {
    const dir = tempFiles({
      'zendesk.csv.gz': gzipSync(readFileSync(join(FIXTURES, 'zendesk.csv'))),
      'zendesk.ndjson.gz': gzipSync(readFileSync(join(FIXTURES, 'zendesk.ndjson'))),
    });
    const single = report([join(dir, 'zendesk.csv.gz'), ...march]);
    expect(single.metrics.first_response_time).toMatchObject({ n: 3, mean: 7200 });
    const folder = report([dir, ...march]);
    expect(folder.inputs.map((input) => input.path.replace(dir, ''))).toEqual([
      '/zendesk.csv.gz',
      '/zendesk.ndjson.gz',
      '/zendesk.csv.gz (surveys)',
      '/zendesk.ndjson.gz (surveys)',
    ]);
    expect(folder.metrics.volume.value).toBe(7);
  });

  it('says clearly when a gzip file is damaged', () => {
    const dir = tempFiles({ 'broken.csv.gz': Buffer.from('not gzip at all') });
    const result = cli(['report', join(dir, 'broken.csv.gz')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.csv\.gz: cannot read: incorrect header check/);
  });
});

describe('freshdesk preset', () => {
  it('prefers timestamps, drops negative HH:MM:SS durations and takes SLA statuses as given', () => {
    const r = report([join(FIXTURES, 'freshdesk.csv'), ...march]);
    expect(r.inputs[0]).toMatchObject({ preset: 'freshdesk', rows: { read: 3, rejected: 0 } });
    // "-00:30:00" in First response time (in hrs): dropped with a warning, the row kept
    expect(r.inputs[0].warnings.count).toBe(1);
    const m = r.metrics;
    // Initial response time - Created time: 1 h and 5 min (ticket 2 has no reply)
    expect(m.first_response_time).toMatchObject({ n: 2, mean: 1950, median: 1950 });
    // Resolved time - Created time: 6 h and 24 h
    expect(m.resolution_time).toMatchObject({ n: 2, mean: 54000 });
    // First response status: met, violated, met; Resolution status: met, violated (ticket 3 open,
    // due 30 April): 3 of 5 targets met
    expect(m.sla_compliance.value).toBe(60);
    expect(m.backlog.value).toBe(1);
  });

  it('takes Survey results as CSAT answers, satisfied or not', () => {
    const r = report([join(FIXTURES, 'freshdesk.csv'), ...march]);
    expect(r.inputs.map((input) => [input.kind, input.rows.read])).toEqual([
      ['contacts', 3],
      ['surveys', 2],
    ]);
    // Extremely Happy (ticket 1) and Neutral (ticket 3); ticket 2 has none
    expect(r.metrics.csat).toMatchObject({ n: 2, value: 50 });
  });
});

describe('intercom preset', () => {
  it('reads the zone from the header, seconds, and the teammate rating as CSAT', () => {
    const r = report([join(FIXTURES, 'intercom.csv'), ...march]);
    expect(r.inputs.map((input) => [input.kind, input.rows.read])).toEqual([
      ['contacts', 3],
      ['surveys', 2],
    ]);
    const m = r.metrics;
    // First response time (seconds): 120, 600, 60
    expect(m.first_response_time).toMatchObject({ n: 3, mean: 260, median: 120 });
    // Time to last close (seconds): 3600, 7200
    expect(m.resolution_time).toMatchObject({ n: 2, mean: 5400 });
    // ratings 5 and 2 of 5: one satisfied
    expect(m.csat.value).toBe(50);
  });

  it('reads naive times in the header zone, whatever --tz says', () => {
    const result = cli(['inspect', join(FIXTURES, 'intercom.csv'), '--tz', 'America/New_York', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const [contacts] = JSON.parse(result.stdout) as { timeZone: string; samples: { created_at: string }[] }[];
    expect(contacts.timeZone).toBe('Europe/Berlin');
    // 2024-03-04 10:00 in Berlin (CET) is 09:00 UTC, shown in the New York zone
    expect(contacts.samples[0].created_at).toBe('2024-03-04T04:00:00.000-05:00');
  });

  it('reads the conversation ratings export', () => {
    const r = report([join(FIXTURES, 'intercom-ratings.csv'), ...march]);
    expect(r.inputs[0]).toMatchObject({ kind: 'surveys', preset: 'intercom', rows: { read: 3 } });
    // ratings 5, 4, 1: two satisfied of three
    expect(r.metrics.csat.value).toBeCloseTo(66.667, 2);
  });
});

describe('livechat preset', () => {
  it('reads waits from creation to start, durations in seconds, rated good/bad as CSAT', () => {
    const r = report([join(FIXTURES, 'livechat.csv'), ...march]);
    const m = r.metrics;
    // chat start - chat creation: 30 s, 120 s, 10 s
    expect(m.wait_time).toMatchObject({ n: 3, median: 30 });
    expect(m.wait_time.mean).toBeCloseTo(53.333, 2);
    // chat duration in seconds: 600, 300, 120
    expect(m.handle_time).toMatchObject({ n: 3, mean: 340 });
    // first response time: 20, 45, 10
    expect(m.first_response_time).toMatchObject({ n: 3, mean: 25, median: 20 });
    // rated good, rated bad ("not rated" is no answer)
    expect(m.csat.value).toBe(50);
  });
});

describe('zammad preset', () => {
  it('reads the by_ticket report: diff >= 0 is a met SLA target', () => {
    const r = report([join(FIXTURES, 'zammad.csv'), ...march]);
    const m = r.metrics;
    // First Response At - Created at: 30 min, 3 h, 10 min
    expect(m.first_response_time).toMatchObject({ n: 3, mean: 4400, median: 1800 });
    // Closed at - Created at: 8 h, 48 h
    expect(m.resolution_time).toMatchObject({ n: 2, mean: 100800 });
    // first response diffs 30, -60, 50; close diffs 0, -120: 3 of 5 met
    expect(m.sla_compliance.value).toBe(60);
  });
});

describe('servicenow preset', () => {
  it('folds the event log per incident (latest sys_mod_count wins), with ? as empty and d/M/yyyy dates', () => {
    const r = report([join(FIXTURES, 'servicenow.csv'), ...march]);
    // seven event rows, three incidents
    expect(r.inputs[0]).toMatchObject({ preset: 'servicenow', rows: { read: 3, used: 3, rejected: 0 } });
    const m = r.metrics;
    expect(m.volume.value).toBe(3);
    // INC0001 opened 1/3 08:00, resolved 1/3 12:00 (its Closed row, sys_mod_count 3, comes before
    // the Resolved row in the file and still wins); INC0002 opened 4/3 9:30, resolved 8/3 9:30
    expect(m.resolution_time).toMatchObject({ n: 2, mean: 180000, median: 180000 });
    // made_sla: INC0001 true, INC0002 false (its latest row), INC0003 true: 2 of 3
    expect((m.sla_compliance.resolution as { value: number }).value).toBeCloseTo(66.667, 2);
    // INC0003 is still new at the end of March
    expect(m.backlog.value).toBe(1);
  });

  it('is chosen by --preset too, and shows its folding in inspect', () => {
    const result = cli(['inspect', join(FIXTURES, 'servicenow.csv'), '--preset', 'servicenow']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/preset {5}servicenow: incident event log \(named, confidence 100%\)/);
    expect(result.stdout).toMatch(/3 read, 0 rejected, 0 warnings, 4 earlier rows folded/);
    expect(result.stdout).toMatch(/priority +<- priority/);
    expect(result.stdout).toMatch(/1\. id=INC0001 channel=phone created_at=2024-03-01T08:00:00.000Z/);
  });
});

describe('preset choice', () => {
  it('rejects an unknown --preset and a file that lacks what the named preset needs', () => {
    const unknown = cli(['report', join(FIXTURES, 'zendesk.csv'), '--preset', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown preset 'nope' \(expected zendesk, freshdesk, intercom, livechat, zammad, servicenow, native\)/);
    const wrong = cli(['report', join(FIXTURES, 'livechat.csv'), '--preset', 'zendesk']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/livechat\.csv: not a zendesk export/);
  });

  it('keeps native columns native', () => {
    const result = cli(['inspect', 'fixtures/demo/contacts.csv', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const [info] = JSON.parse(result.stdout) as { preset: string; samples: unknown[] }[];
    expect(info.preset).toBe('native');
    expect(info.samples).toHaveLength(3);
  });
});

describe('supmetrics inspect', () => {
  it('shows kind, preset, mapping, unmapped columns, samples and rejects', () => {
    const dir = tempFiles({
      'tickets.csv': [
        'Id,Via,Created at,Solved at,Satisfaction Score,Assignee,Status,Priority,Subject,Requester,Group,Custom field',
        '1,Email,2024-03-04 09:00:00,2024-03-04 10:00:00,Good,Ana,Solved,Normal,Hi,Ann,Support,x',
        '2,Chat,not a date,,,Bo,Open,High,Help,Ben,Support,y',
        '3,Voice,2024-03-05 09:00:00,2024-03-04 09:00:00,,Bo,Solved,Low,Call,Cy,Support,z',
      ].join('\n'),
    });
    const text = cli(['inspect', join(dir, 'tickets.csv')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/preset {5}zendesk: tickets CSV export \(detected, confidence \d+%\)/);
    expect(text.stdout).toMatch(/channel +<- Via/);
    expect(text.stdout).toMatch(/unmapped {3}Subject, Custom field/);
    expect(text.stdout).toMatch(/line 3, column 'Created at': unparseable timestamp 'not a date'/);
    expect(text.stdout).toMatch(/line 4: resolved_at is before created_at/);
    const json = JSON.parse(cli(['inspect', join(dir, 'tickets.csv'), '--format', 'json']).stdout) as Record<string, unknown>[];
    expect(json[0]).toMatchObject({ kind: 'contacts', preset: 'zendesk', rows: { read: 3, rejected: 2 } });
    expect(json[0].samples).toEqual([
      {
        id: '1',
        channel: 'email',
        created_at: '2024-03-04T09:00:00.000Z',
        resolved_at: '2024-03-04T10:00:00.000Z',
        status: 'solved',
        priority: 'normal',
        agent: 'Ana',
        team: 'Support',
        customer_id: 'Ann',
      },
    ]);
    expect(json[1]).toMatchObject({ kind: 'surveys', derivedFrom: join(dir, 'tickets.csv'), rows: { read: 1 } });
  });
});

describe('config mappings', () => {
  const calls = [
    'Call Id,Agent,Date,Month,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating',
    'ID0001,Diane,1-Jan-21,Jan,9:12,Contract related,Y,Y,109,0:02:23,3',
    'ID0002,Becky,1-Jan-21,Jan,9:47,Technical Support,N,N,0,0:00:00,0',
    'ID0003,Diane,2-Jan-21,Jan,10:00,Streaming,Y,Y,11,0:01:00,5',
  ].join('\r\n');

  it('read an export without a preset: joined columns, formats, units, conditions, survey answers', () => {
    const dir = tempFiles({ 'Call-Center-Dataset.csv': calls });
    const r = report([join(dir, 'Call-Center-Dataset.csv'), '--config', 'fixtures/mappings/pwc_call_center.json']);
    expect(r.inputs.map((input) => [input.kind, input.preset, input.rows.read, input.rows.rejected])).toEqual([
      ['contacts', 'config', 3, 0],
      ['surveys', 'config', 2, 0], // satisfaction 0 means "no answer"
    ]);
    const m = r.metrics;
    // answered calls wait 109 s and 11 s; the unanswered call's 0 is not a wait
    expect(m.wait_time).toMatchObject({ n: 2, mean: 60 });
    // talk 0:02:23 and 0:01:00
    expect(m.handle_time).toMatchObject({ n: 2, mean: 101.5 });
    // one of three calls abandoned (short abandons set to 0 s: the log has no abandon time)
    expect(m.abandonment_rate.value).toBeCloseTo(33.333, 2);
    // ratings 3 and 5 of 5
    expect(m.csat.value).toBe(50);
  });

  it('are validated with the key path named', () => {
    const dir = tempFiles({ 'c.json': JSON.stringify({ inputs: [{ path: 'x.csv', kind: 'contacts', map: { nope: 'A' } }] }), 'x.csv': 'A\n1\n' });
    const result = cli(['report', join(dir, 'x.csv'), '--config', join(dir, 'c.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid config: inputs\[0\]\.map\.nope: not a field of contacts/);
  });

  it('name the columns they miss', () => {
    const dir = tempFiles({ 'c.json': JSON.stringify({ inputs: [{ path: 'x.csv', map: { id: 'Key', created_at: 'When' } }] }), 'x.csv': 'Key,Other\n1,2\n' });
    const result = cli(['report', join(dir, 'x.csv'), '--config', join(dir, 'c.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/x\.csv: the config mapping for this file needs a column for created_at: none of 'When' is in the header/);
  });
});

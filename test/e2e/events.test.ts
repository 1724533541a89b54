import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';

// Three March contacts told as events (an e-mail, a chat, an outbound e-mail), one February
// contact, and two bad rows. Lines are numbered from 2 (after the header).
const EVENTS = [
  'contact_id,at,type,actor_type,actor,canned,macro,channel,team,customer_id',
  'E1,2024-03-04T09:00:00Z,created,customer,,,,email,tier1,C1',
  'E1,2024-03-04T09:00:00Z,message,customer,,,,,,',
  'E1,2024-03-04T09:05:00Z,message,bot,helpbot,,,,,',
  'E1,2024-03-04T09:30:00Z,note,agent,ana,,,,,',
  'E1,2024-03-04T10:00:00Z,message,agent,ana,,refund_policy,,,',
  'E2,2024-03-05T10:00:00Z,created,customer,,,,chat,tier2,C2',
  'E2,2024-03-05T10:00:00Z,message,customer,,,,,,',
  'E2,2024-03-05T10:00:30Z,answered,agent,bo,,,,,',
  'E2,2024-03-05T10:00:40Z,message,agent,bo,true,,,,',
  'E2,2024-03-05T10:05:00Z,message,agent,bo,,refund_policy,,,',
  'E1,2024-03-04T11:00:00Z,message,customer,,,,,,',
  'E1,2024-03-04T11:20:00Z,message,agent,ana,,,,,',
  'E1,2024-03-04T12:00:00Z,resolved,agent,ana,,,,,',
  'E2,2024-03-05T10:10:00Z,ended,system,,,,,,',
  'E2,2024-03-05T10:12:00Z,wrap_up,agent,bo,,,,,',
  'E2,2024-03-05T10:10:00Z,resolved,agent,bo,,,,,',
  'E2,2024-03-05T10:12:00Z,closed,system,,,,,,',
  'E3,2024-03-06T08:00:00Z,created,agent,cy,,,email,tier1,C3',
  'E3,2024-03-06T08:00:00Z,message,agent,cy,,,,,',
  'E3,2024-03-06T09:00:00Z,message,customer,,,,,,',
  'E3,2024-03-06T09:30:00Z,message,agent,cy,,greeting,,,',
  'E3,2024-03-06T09:40:00Z,teleported,agent,cy,,,,,',
  'E3,2024-03-06T09:50:00Z,message,alien,zork,,,,,',
  'E4,2024-02-10T10:00:00Z,created,customer,,,,email,tier1,C4',
  'E4,2024-02-11T10:00:00Z,resolved,system,,,,,,',
].join('\n');

function jsonReport(args: string[]) {
  const result = cli(['report', ...args, '--format', 'json']);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('supmetrics report on an event-level export', () => {
  const dir = tempFiles({ 'events.csv': EVENTS });

  it('folds the events into contacts, lists the replies and accounts for every row', () => {
    const report = jsonReport([join(dir, 'events.csv'), '--period', '2024-03']);
    const m = report.metrics;
    expect(m.volume.value).toBe(3);
    // first replies: E1 after 3600 s, E2 after 40 s, E3 (outbound: the opening is no reply) after 5400 s
    expect(m.first_response_time).toMatchObject({ n: 3, median: 3600 });
    expect(m.first_response_time.mean).toBeCloseTo(9040 / 3, 6);
    // replies answering a customer message: 3600, 1200 (E1), 40 (E2; its follow-up waits for nothing), 1800 (E3)
    expect(m.reply_time).toMatchObject({ unit: 'seconds', n: 4, mean: 1660, median: 1500, min: 40, max: 3600 });
    // 4 of 5 replies used a saved reply
    expect(m.canned_response_usage).toMatchObject({ numerator: 4, denominator: 5, value: 80 });
    expect(m.canned_response_usage.topMacros).toEqual([
      { macro: 'refund_policy', count: 2 },
      { macro: 'greeting', count: 1 },
    ]);
    expect(m.wait_time).toMatchObject({ n: 1, mean: 30 });
    expect(m.handle_time).toMatchObject({ n: 1, mean: 570 });
    expect(m.after_contact_work).toMatchObject({ n: 1, mean: 120 });
    expect(m.resolution_time).toMatchObject({ n: 2, mean: (10800 + 600) / 2 });
    const [input] = report.inputs;
    expect(input.kind).toBe('events');
    expect(input.rows).toEqual({ read: 25, used: 21, filtered: 2, rejected: 2 });
    expect(input.rejects).toEqual([
      { line: 23, reason: expect.stringMatching(/^unknown event type 'teleported'/) },
      { line: 24, reason: expect.stringMatching(/^unknown actor_type 'alien'/) },
    ]);
  });

  it('rejects an events contact whose id a contacts file has, with each of its rows', () => {
    const both = tempFiles({
      'contacts.csv': 'id,channel,created_at\nE1,email,2024-03-04T09:00:00Z\n',
      'events.csv': EVENTS,
    });
    const report = jsonReport([both, '--period', '2024-03']);
    expect(report.metrics.volume.value).toBe(3);
    const events = report.inputs.find((input: { kind: string }) => input.kind === 'events');
    expect(events.rows).toEqual({ read: 25, used: 13, filtered: 2, rejected: 10 });
    const duplicates = events.rejects.filter((r: { reason: string }) => /duplicate id 'E1'/.test(r.reason));
    expect(duplicates.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 5, 6, 12, 13, 14]);
    expect(duplicates[0].reason).toMatch(/first seen at .*contacts\.csv:2/);
  });

  it('reads events across files and formats, and a forced kind', () => {
    const lines = EVENTS.split('\n');
    const header = lines[0].split(',');
    const ndjson = lines
      .slice(13)
      .map((line) => JSON.stringify(Object.fromEntries(line.split(',').map((v, i) => [header[i], v]).filter(([, v]) => v !== ''))))
      .join('\n');
    const split = tempFiles({ 'a.csv': lines.slice(0, 13).join('\n'), 'b.ndjson': ndjson, 'c.txt': EVENTS.replace(/E(\d)/g, 'X$1') });
    const report = jsonReport([join(split, 'a.csv'), join(split, 'b.ndjson'), `events:${join(split, 'c.txt')}`, '--period', '2024-03']);
    expect(report.metrics.volume.value).toBe(6);
    expect(report.metrics.reply_time.n).toBe(8);
    expect(report.inputs.map((input: { kind: string }) => input.kind)).toEqual(['events', 'events', 'events']);
  });

  it('shows reply time in the table', () => {
    const result = cli(['report', join(dir, 'events.csv'), '--period', '2024-03']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Reply time/);
  });
});

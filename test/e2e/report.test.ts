import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';

// Nine rows: six good (T1-T6), one unparseable creation time, one duplicate id, one reply before creation.
const CONTACTS = [
  'id,channel,created_at,first_response_at,resolved_at,agent,team,customer_id,agent_replies,priority',
  'T1,email,2024-03-01T09:00:00Z,2024-03-01T10:00:00Z,2024-03-02T09:00:00Z,ana,tier1,C1,1,normal',
  'T2,email,2024-03-05T10:00:00+01:00,2024-03-05T09:30:00Z,,bo,tier1,C2,2,high',
  'T3,chat,2024-03-10T12:00:00Z,2024-03-10T12:01:00Z,2024-03-10T12:15:00Z,ana,tier2,C1,5,normal',
  'T4,phone,2024-02-27T08:00:00Z,,,,,,,',
  'T5,email,2024-04-02T00:00:00Z,2024-04-02T01:00:00Z,,ana,tier1,C3,1,normal',
  'T6,email,2024-03-20T00:00:00Z,2024-03-21T06:00:00Z,,bo,tier1,C4,1,normal',
  'T7,email,not-a-date,,,ana,tier1,C5,1,normal',
  'T1,email,2024-03-03T09:00:00Z,,,ana,tier1,C1,1,normal',
  'T8,email,2024-03-03T09:00:00Z,2024-03-03T08:00:00Z,,ana,tier1,C1,1,normal',
].join('\n');

function jsonReport(args: string[], input?: string) {
  const result = cli(['report', ...args, '--format', 'json'], { input });
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('supmetrics report on a small hand-computed export', () => {
  const dir = tempFiles({ 'contacts.csv': CONTACTS });

  it('computes the metrics and accounts for every row', () => {
    const report = jsonReport([join(dir, 'contacts.csv'), '--period', '2024-03']);
    expect(report.schemaVersion).toBe(1);
    expect(report.period).toEqual({
      label: '2024-03',
      start: '2024-03-01T00:00:00.000Z',
      end: '2024-04-01T00:00:00.000Z',
      timeZone: 'UTC',
    });
    const m = report.metrics;
    expect(m.volume.value).toBe(4);
    // first responses in March: 3600, 1800, 60, 108000 s
    expect(m.first_response_time).toMatchObject({ unit: 'seconds', n: 4, mean: 28365, median: 2700 });
    expect(m.resolution_time).toMatchObject({ n: 2, mean: (86400 + 900) / 2 });
    // T6's 24 h e-mail target is breached; T1, T2 (e-mail) and T3 (chat, 2 min) are met
    expect(m.sla_compliance).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    // open at April 1st: T2, T4 (since February), T6
    expect(m.backlog.value).toBe(3);
    const [input] = report.inputs;
    expect(input.kind).toBe('contacts');
    expect(input.rows).toEqual({ read: 9, used: 5, filtered: 1, rejected: 3 });
    expect(input.rejects.map((r: { line: number }) => r.line)).toEqual([8, 9, 10]);
    expect(input.rejects[0].reason).toMatch(/unparseable timestamp/);
    expect(input.rejects[1].reason).toMatch(/duplicate id 'T1'/);
    expect(input.rejects[2].reason).toMatch(/first_response_at is before created_at/);
  });

  it('filters by channel and reports the filter', () => {
    const report = jsonReport([dir, '--period', '2024-03', '--channel', 'email']);
    expect(report.filters).toEqual({ channel: ['email'] });
    expect(report.metrics.volume.value).toBe(3);
    const { rows } = report.inputs[0];
    expect(rows.read).toBe(rows.used + rows.filtered + rows.rejected);
  });

  it('reads the same rows from standard input', () => {
    const report = jsonReport(['-', '--period', '2024-03'], CONTACTS);
    expect(report.inputs[0].path).toBe('-');
    expect(report.metrics.volume.value).toBe(4);
  });

  it('reads UTF-16 with BOM, semicolons, pipes and CRLF alike', () => {
    const semicolons = CONTACTS.replace(/,/g, ';').replace(/\n/g, '\r\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(semicolons, 'utf16le')]);
    const other = tempFiles({ 'contacts.csv': utf16 });
    const report = jsonReport([other, '--period', '2024-03']);
    expect(report.metrics.volume.value).toBe(4);
    expect(report.inputs[0].delimiter).toBe(';');
    const pipes = jsonReport([tempFiles({ 'contacts.txt': CONTACTS.replace(/,/g, '|') }), '--period', '2024-03']);
    expect(pipes.metrics.volume.value).toBe(4);
    expect(pipes.inputs[0].delimiter).toBe('|');
  });

  it('reads Windows-1252 when a file is not UTF-8, with a warning; --encoding names another', () => {
    // Mureşan and Ştefan in Windows-1250 (ş BA, Ş AA), which read as Mureºan and ªtefan in Windows-1252
    const bytes = Buffer.from('id,channel,created_at,agent\nT1,email,2024-03-01T09:00:00Z,Mure\xbaan\nT2,email,2024-03-02T09:00:00Z,\xaatefan\n', 'latin1');
    const file = join(tempFiles({ 'contacts.csv': bytes }), 'contacts.csv');
    const guessed = cli(['report', file, '--period', '2024-03', '--by', 'agent', '--format', 'json']);
    expect(Object.keys(JSON.parse(guessed.stdout).breakdowns.agent)).toEqual(['Mureºan', 'ªtefan']);
    expect(guessed.stderr).toMatch(/contacts\.csv: 1 warning\(s\), rows kept \(first: line 2: not UTF-8 .*read as Windows-1252/);
    const named = jsonReport([file, '--period', '2024-03', '--by', 'agent', '--encoding', 'cp1250']);
    expect(Object.keys(named.breakdowns.agent)).toEqual(['Mureşan', 'Ştefan']);
    expect(named.inputs[0].warnings.count).toBe(0);
  });

  it('prints a readable table without colour when NO_COLOR is set', () => {
    const result = cli(['report', dir, '--period', '2024-03']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/First response time/);
    expect(result.stdout).toMatch(/7h 52m/); // mean 28365 s
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stderr).toMatch(/3 row\(s\) rejected/);
  });

  it('writes --out atomically and leaves no temporary file', () => {
    const out = tempFiles({});
    const target = join(out, 'report.json');
    const result = cli(['report', dir, '--period', '2024-03', '--format', 'json', '--out', target]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(target, 'utf8')).metrics.volume.value).toBe(4);
    expect(readdirSync(out)).toEqual(['report.json']);
  });
});

describe('errors are one clear line and exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['a missing file', ['report', 'no-such.csv'], /no-such\.csv: no such file or folder/],
    ['a bad period', ['report', 'fixtures/demo', '--period', '2024-13'], /period/],
    ['an unknown zone', ['report', 'fixtures/demo', '--tz', 'Mars/Base'], /Mars\/Base/],
    ['an unknown metric', ['report', 'fixtures/demo', '--metrics', 'happiness'], /unknown metric id 'happiness'/],
    ['an unknown option', ['report', 'fixtures/demo', '--colour'], /unknown option/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const result = cli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a file whose columns match no kind', () => {
    const dir = tempFiles({ 'weird.csv': 'foo,bar\n1,2\n' });
    const result = cli(['report', join(dir, 'weird.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/weird\.csv: columns match no kind of input: found foo, bar/);
  });

  it('an unwritable --out', () => {
    const result = cli(['report', 'fixtures/demo', '--period', '2024-03', '--out', '/no/such/dir/r.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/no\/such\/dir\/r\.json: cannot write --out/);
  });
});

describe('help and the metric list', () => {
  it('--help shows examples on every command', () => {
    for (const args of [['--help'], ['report', '--help'], ['metrics', '--help']]) {
      const result = cli(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples:/);
    }
  });

  it('metrics lists every metric id', () => {
    const result = cli(['metrics', '--json']);
    expect(result.code).toBe(0);
    const ids = JSON.parse(result.stdout).map((m: { id: string }) => m.id);
    for (const id of ['volume', 'first_response_time', 'sla_compliance', 'backlog_aged', 'csat', 'nps', 'churn_rate']) {
      expect(ids).toContain(id);
    }
  });
});

describe('the bundled demo', () => {
  it('reports March 2024 with data for every metric', () => {
    expect(existsSync('fixtures/demo')).toBe(true);
    const report = jsonReport(['fixtures/demo', '--period', '2024-03']);
    for (const [id, result] of Object.entries(report.metrics) as [string, { n: number }][]) {
      expect(result.n, id).toBeGreaterThan(0);
    }
    for (const input of report.inputs) {
      const { read, used, filtered, rejected } = input.rows;
      expect(read).toBe(used + filtered + rejected);
    }
    expect(report.inputs.map((i: { kind: string }) => i.kind).sort()).toEqual(['contacts', 'customers', 'events', 'surveys']);
    // the chats exported as events bring replies and macros
    expect(report.metrics.canned_response_usage.topMacros.length).toBeGreaterThan(0);
  });
});

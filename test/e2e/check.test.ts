import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';

const DEMO = ['fixtures/demo', '--period', '2024-03'];

describe('supmetrics check', () => {
  it('exits 0 when every threshold holds, one line per threshold', () => {
    const result = cli(['check', ...DEMO, '--min', 'sla_compliance=50', '--max', 'backlog_aged=100000', '--max', 'first_response_time.p90=2d']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(4);
    expect(result.stdout).toMatch(/^PASS sla_compliance >= 50: measured [0-9.]+ \(n = \d+\)$/m);
    expect(result.stdout).toMatch(/PASS first_response_time\.p90 <= 172800/);
  });

  it('exits 1 below a --min and names the metric, the measured value and the threshold', () => {
    const result = cli(['check', ...DEMO, '--min', 'sla_compliance=99.5']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL sla_compliance >= 99\.5: measured \d+\.\d+/);
  });

  it('exits 2 on an unknown metric or a malformed threshold', () => {
    expect(cli(['check', ...DEMO, '--min', 'happiness=3']).code).toBe(2);
    expect(cli(['check', ...DEMO, '--min', 'sla_compliance>95']).code).toBe(2);
    expect(cli(['check', ...DEMO, '--min', 'csat.nothing=1']).code).toBe(2);
    expect(cli(['check', ...DEMO]).stderr).toMatch(/no thresholds/);
  });

  it('lists every threshold in JSON', () => {
    const result = cli(['check', ...DEMO, '--min', 'csat=10', '--max', 'backlog=1', '--format', 'json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.passed).toBe(false);
    expect(json.checks.map((c: { metric: string; passed: boolean }) => [c.metric, c.passed])).toEqual([
      ['csat', true],
      ['backlog', false],
    ]);
    expect(json.checks[0]).toMatchObject({ field: 'value', op: '>=', threshold: 10 });
    expect(typeof json.checks[0].value).toBe('number');
  });

  it('fails a metric with no data unless --allow-empty; a zero count is data', () => {
    const empty = ['fixtures/demo', '--period', '2023-03', '--min', 'csat=80'];
    expect(cli(['check', ...empty]).stdout).toMatch(/no data in the period/);
    expect(cli(['check', ...empty]).code).toBe(1);
    expect(cli(['check', ...empty, '--allow-empty']).code).toBe(0);
    expect(cli(['check', 'fixtures/demo', '--period', '2023-03', '--max', 'backlog_aged=0']).code).toBe(0);
  });

  it('--min-n refuses to decide on a tiny sample', () => {
    const result = cli(['check', ...DEMO, '--min', 'csat=10', '--min-n', '100000']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/below --min-n 100000/);
  });

  it('writes JUnit XML and GitHub annotations', () => {
    const dir = tempFiles({});
    const out = join(dir, 'check.xml');
    expect(cli(['check', ...DEMO, '--min', 'sla_compliance=99', '--format', 'junit', '--out', out]).code).toBe(1);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/<testsuites name="supmetrics check" tests="1" failures="1">/);
    expect(xml).toMatch(/<failure message="FAIL sla_compliance &gt;= 99/);
    const github = cli(['check', ...DEMO, '--min', 'sla_compliance=99', '--format', 'github']);
    expect(github.stdout).toMatch(/^::error title=supmetrics check::FAIL sla_compliance >= 99/);
  });
});

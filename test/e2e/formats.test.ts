import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';

const DEMO = ['report', 'fixtures/demo', '--period', '2024-03'];

describe('report formats for people and spreadsheets', () => {
  it('--out DIR writes supmetrics-<period>.<ext> for every format', () => {
    const dir = tempFiles({});
    for (const format of ['table', 'json', 'csv', 'markdown', 'html']) {
      expect(cli([...DEMO, '--format', format, '--out', `${dir}/`]).code).toBe(0);
    }
    expect(readdirSync(dir).sort()).toEqual(
      ['csv', 'html', 'json', 'md', 'txt'].map((ext) => `supmetrics-2024-03.${ext}`),
    );
  });

  it('markdown has pipe tables', () => {
    const md = cli([...DEMO, '--format', 'markdown', '--by', 'channel']).stdout;
    expect(md).toMatch(/^# Support report 2024-03$/m);
    expect(md).toMatch(/^\| Metric \| Value \| n \| Detail \|$/m);
    expect(md).toMatch(/^## By channel$/m);
  });

  it('csv has a row per metric and per group', () => {
    const csv = cli([...DEMO, '--format', 'csv', '--metrics', 'volume,sla_compliance', '--by', 'channel']).stdout;
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('dimension,group,metric,unit,n,value,mean,median,p90,numerator,denominator,ci95_low,ci95_high');
    expect(rows[1]).toMatch(/^,all,volume,count,\d+,\d+,/);
    expect(rows.some((row) => row.startsWith('channel,email,sla_compliance,percent,'))).toBe(true);
  });

  it('html is one self-contained page with inline charts and nothing loaded from elsewhere', () => {
    const html = cli([...DEMO, '--format', 'html']).stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('the same input gives the same bytes with --no-timestamp', () => {
    for (const format of ['json', 'html', 'markdown']) {
      const a = cli([...DEMO, '--format', format, '--no-timestamp']).stdout;
      const b = cli([...DEMO, '--format', format, '--no-timestamp']).stdout;
      expect(a).toBe(b);
      expect(a).not.toMatch(/generatedAt|Generated 20/);
    }
    const stamped = JSON.parse(cli([...DEMO, '--format', 'json']).stdout);
    expect(stamped.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('no colour codes when stdout is not a terminal, even without NO_COLOR', () => {
    const out = cli([...DEMO], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } }).stdout;
    expect(out).not.toMatch(/\u001b\[/);
  });
});

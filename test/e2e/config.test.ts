import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempFiles } from '../helpers/cli.js';

describe('the config file', () => {
  it('is read from the working folder: its zone sets the period and its thresholds feed check', () => {
    const dir = tempFiles({
      'supmetrics.config.json': JSON.stringify({ timeZone: 'Europe/Berlin', thresholds: { min: { sla_compliance: 99 } } }),
    });
    cpSync(join(ROOT, 'fixtures/demo'), join(dir, 'demo'), { recursive: true });
    const report = cli(['report', 'demo', '--period', '2024-03', '--format', 'json'], { cwd: dir });
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).period.start).toBe('2024-03-01T00:00:00.000+01:00');
    const check = cli(['check', 'demo', '--period', '2024-03'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/FAIL sla_compliance >= 99/);
  });

  it('an invalid config exits 2 naming the file and key', () => {
    const dir = tempFiles({ 'bad.json': '{"backlog": {"agedAfter": 24}}' });
    const result = cli(['report', 'fixtures/demo', '--config', join(dir, 'bad.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.json: invalid config: backlog\.agedAfter: /);
  });

  it('names the encoding of files without a BOM, as --encoding does, which comes first', () => {
    const dir = tempFiles({
      'supmetrics.config.json': JSON.stringify({ encoding: 'windows-1250' }),
      // Mureşan in Windows-1250
      'contacts.csv': Buffer.from('id,created_at,agent\nT1,2024-03-01T09:00:00Z,Mure\xbaan\n', 'latin1'),
    });
    const agents = (args: string[]) => {
      const result = cli(['report', 'contacts.csv', '--period', '2024-03', '--by', 'agent', '--format', 'json', ...args], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      return Object.keys(JSON.parse(result.stdout).breakdowns.agent);
    };
    expect(agents([])).toEqual(['Mureşan']);
    expect(agents(['--encoding', 'windows-1252'])).toEqual(['Mureºan']);
    const bad = tempFiles({ 'c.json': JSON.stringify({ encoding: 'klingon' }) });
    const result = cli(['report', 'fixtures/demo', '--config', join(bad, 'c.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config encoding 'klingon': not a text encoding/);
  });

  it('schema config prints the JSON Schema', () => {
    const result = cli(['schema', 'config']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).properties.sla).toBeDefined();
  });
});

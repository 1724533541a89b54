import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';

const CONFIG = {
  timeZone: 'Europe/Berlin',
  businessHours: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-13:00', '14:00-17:00'] },
  holidays: ['2024-03-29'],
  sla: { policies: [{ match: { channel: 'email' }, firstResponse: '4h', businessHours: true }] },
};

// Thursday 28 March 16:00 CET; Friday 29 is a holiday; first reply Monday 1 April 10:30 CEST (after the DST change)
const CONTACTS = [
  'id,channel,created_at,first_response_at',
  'T1,email,2024-03-28 16:00:00,2024-04-01 10:30:00',
  // created and answered on a Saturday: 0 business seconds, not negative
  'T2,email,2024-03-23 10:00:00,2024-03-23 11:00:00',
  // Friday 22nd 12:30 to 14:30 spans the lunch break: open 12:30-13:00 and 14:00-14:30, 1 h
  'T3,email,2024-03-22 12:30:00,2024-03-22 14:30:00',
].join('\n');

describe('--business-hours', () => {
  const dir = tempFiles({ 'supmetrics.config.json': JSON.stringify(CONFIG), 'contacts.csv': CONTACTS });

  it('counts only open time across holidays, weekends, a split shift and a DST change', () => {
    const result = cli(['report', 'contacts.csv', '--period', '2024-03-18..2024-04-07', '--business-hours', '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const frt = JSON.parse(result.stdout).metrics.first_response_time;
    // T1: Thu 16:00-17:00 (1 h) + Mon 09:00-10:30 (1.5 h) = 9000 s; T2: 0; T3: 3600 s
    expect(frt).toMatchObject({ n: 3, min: 0, max: 9000, median: 3600 });
  });

  it('due times of business-hour SLA policies are counted in open time', () => {
    const result = cli(['report', 'contacts.csv', '--period', '2024-03-18..2024-04-07', '--format', 'json'], { cwd: dir });
    const sla = JSON.parse(result.stdout).metrics.sla_compliance;
    // T1's 4 business hours end Monday 12:00: met at 10:30; T2 (Saturday) is due Monday 13:00: met; T3 met
    expect(sla.first_response).toMatchObject({ numerator: 3, denominator: 3 });
  });

  it('without business hours in the config, --business-hours is a usage error', () => {
    const bare = tempFiles({ 'contacts.csv': CONTACTS });
    const result = cli(['report', join(bare, 'contacts.csv'), '--business-hours'], { cwd: bare });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--business-hours needs businessHours/);
  });

  it('overlapping open intervals in the config are named', () => {
    const bad = tempFiles({ 'c.json': JSON.stringify({ businessHours: { fri: ['09:00-13:00', '12:00-17:00'] } }) });
    const result = cli(['report', 'fixtures/demo', '--config', join(bad, 'c.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/c\.json: invalid config: businessHours: .*overlap/);
  });
});

import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';

/** 100 calls in each Monday 09:00 hour of two weeks, 180 s handle time: the textbook 8 agents at 80/20. */
function textbookCalls(): string {
  const rows = ['id,channel,created_at,answered_at,ended_at'];
  for (const day of ['2024-03-04', '2024-03-11']) {
    for (let i = 0; i < 100; i++) {
      const start = Date.parse(`${day}T09:00:00Z`) + i * 36_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      rows.push(`${day}-${i},phone,${iso(start)},${iso(start + 10_000)},${iso(start + 190_000)}`);
    }
  }
  return rows.join('\n');
}

describe('supmetrics staffing', () => {
  const dir = tempFiles({ 'calls.csv': textbookCalls() });

  it('finds the Erlang C agents for each hour of the week', () => {
    const result = cli(['staffing', dir, '--period', '2024-03-04..2024-03-17', '--format', 'json']);
    expect(result.code).toBe(0);
    const { staffing } = JSON.parse(result.stdout);
    const monday9 = staffing.cells.find((c: { weekday: number; hour: number }) => c.weekday === 0 && c.hour === 9);
    expect(monday9).toMatchObject({ weeks: 2, arrivals: 200, arrivalsPerHour: 100, averageHandleSeconds: 180, agents: 8 });
    expect(staffing.value).toBe(8);
  });

  it('prints a weekday x hour table, and a report section on request', () => {
    const table = cli(['staffing', dir, '--period', '2024-03-04..2024-03-17']);
    expect(table.stdout).toMatch(/Mon .* Sun/);
    expect(table.stdout).toMatch(/09:00 │\s+8 │/);
    const report = cli(['report', dir, '--period', '2024-03-04..2024-03-17', '--staffing', '--format', 'json']);
    expect(JSON.parse(report.stdout).staffing.value).toBe(8);
  });

  it('a higher target needs more agents', () => {
    const result = cli(['staffing', dir, '--period', '2024-03-04..2024-03-17', '--service-level-target', '95', '--format', 'json']);
    expect(JSON.parse(result.stdout).staffing.value).toBeGreaterThan(8);
  });
});

import Table from 'cli-table3';
import type { StaffingResult } from '../../metrics/staffing.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Agents needed as an hour x weekday table (hours down, days across), with the model's target. */
export function renderStaffingTable(staffing: StaffingResult): string {
  const table = new Table({
    head: ['Hour', ...WEEKDAYS],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', ...WEEKDAYS.map(() => 'right' as const)],
  });
  for (let hour = 0; hour < 24; hour++) {
    const row = [`${String(hour).padStart(2, '0')}:00`];
    for (let weekday = 0; weekday < 7; weekday++) {
      const cell = staffing.cells.find((c) => c.weekday === weekday && c.hour === hour);
      row.push(cell && cell.agents !== null && cell.arrivals > 0 ? String(cell.agents) : '·');
    }
    table.push(row);
  }
  const target = `${Math.round(staffing.serviceLevelTarget * 100)}% answered within ${staffing.targetSeconds}s`;
  const peak = staffing.value === null ? 'no live contacts in the period' : `peak ${staffing.value} agents`;
  return `Agents needed (Erlang C, ${target}; ${peak}; ${staffing.n} chats and calls)\n${table.toString()}\n`;
}

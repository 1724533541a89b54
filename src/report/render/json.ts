import type { Report } from '../report.js';

/** The report as the JSON contract of DESIGN.md: two-space indented, newline-terminated. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

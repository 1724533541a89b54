import type { Report } from '../report.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  color: boolean;
}

/** Every output format and its renderer; `--format` choices come from these keys. */
export const RENDERERS = {
  table: (report: Report, options: RenderOptions) => renderTable(report, options),
  json: (report: Report) => renderJson(report),
} satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

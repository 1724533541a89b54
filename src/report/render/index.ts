import type { Report } from '../report.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  color: boolean;
}

/** Every output format, its renderer and its file extension; `--format` choices come from these keys. */
export const RENDERERS = {
  table: { render: (report: Report, options: RenderOptions) => renderTable(report, options), extension: 'txt' },
  json: { render: renderJson, extension: 'json' },
  csv: { render: renderCsv, extension: 'csv' },
  markdown: { render: renderMarkdown, extension: 'md' },
  html: { render: renderHtml, extension: 'html' },
} satisfies Record<string, { render: (report: Report, options: RenderOptions) => string; extension: string }>;

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

import type { Report } from '../report.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';

export interface RenderOptions {
  color: boolean;
}

type Renderer = (report: Report, options: RenderOptions) => string;

/**
 * Every output format, how to load its renderer, and its file extension; `--format` choices come
 * from these keys. The table renderer is loaded only when asked for: its libraries (chalk,
 * cli-table3) take ~20 ms and ~9 MB that a JSON report does not need.
 */
export const RENDERERS = {
  table: { load: async (): Promise<Renderer> => (await import('./table.js')).renderTable, extension: 'txt' },
  json: { load: async (): Promise<Renderer> => renderJson, extension: 'json' },
  csv: { load: async (): Promise<Renderer> => renderCsv, extension: 'csv' },
  markdown: { load: async (): Promise<Renderer> => renderMarkdown, extension: 'md' },
  html: { load: async (): Promise<Renderer> => renderHtml, extension: 'html' },
};

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

import type { StaffingResult } from '../metrics/staffing.js';
import type { MetricChange } from './compare.js';
import type { MetricResult } from '../metrics/types.js';
import type { RowProblem } from '../ingest/log.js';
import type { Filters } from './select.js';

/** The version of the JSON report contract (DESIGN.md, "JSON report"); bumped only on a breaking change. */
export const SCHEMA_VERSION = 1;

export interface RowAccounting {
  read: number;
  used: number;
  filtered: number;
  rejected: number;
}

export interface InputReport {
  path: string;
  kind: string;
  preset: string;
  format: string;
  delimiter?: string;
  rows: RowAccounting;
  rejects: RowProblem[];
  /** Rejected rows beyond those listed in `rejects`. */
  rejectsOmitted: number;
  warnings: { count: number; samples: RowProblem[] };
  unmappedColumns: string[];
}

/** A finished report: everything a renderer needs, nothing it must compute. */
export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  /** When the report was made (left out with --no-timestamp, for byte-identical reruns). */
  generatedAt?: string;
  period: { label: string; start: string; end: string; timeZone: string };
  filters: Filters;
  inputs: InputReport[];
  metrics: Record<string, MetricResult>;
  /** Per dimension (`--by`), per group label: the same metrics over that group. */
  breakdowns?: Record<string, Record<string, { metrics: Record<string, MetricResult> }>>;
  /** The same metrics in the comparison period (`--compare`), with changes and significance. */
  comparison?: { mode: string; period: Report['period']; metrics: Record<string, MetricChange> };
  /** Trend series (`--trend`): one point per day, week or month of the period. */
  series?: {
    interval: 'day' | 'week' | 'month';
    points: { label: string; volume: number | null; backlog: number | null; first_response_median: number | null; csat: number | null }[];
  };
  /** Agents needed per hour of the week (`--staffing`, `supmetrics staffing`). */
  staffing?: StaffingResult;
}

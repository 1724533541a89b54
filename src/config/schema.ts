import { z } from 'zod';

/**
 * The config file (`supmetrics.config.json`, or `--config FILE`), as a zod schema: it validates
 * the file and is printed as JSON Schema by `supmetrics schema config`. Keys may be added in
 * later versions, never renamed (DESIGN.md). Durations are written as text with a unit
 * (`"90s"`, `"4m"`, `"24h"`, `"3d"`) and converted by `settingsFromConfig`.
 */

// At most nine digits before the point: a longer one would be Infinity seconds.
const DURATION = /^[0-9]{1,9}(\.[0-9]+)?(s|m|h|d)$/;
const duration = z
  .string()
  .regex(DURATION, { message: 'expected a duration like "90s", "4m", "24h" or "3d"' })
  .describe('a duration: a number and a unit, s, m, h or d');

const interval = z
  .string()
  .regex(/^([01][0-9]|2[0-4]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$/, { message: 'expected "HH:MM-HH:MM"' })
  .describe('open from-to, wall-clock time, e.g. "09:00-17:00"');

const day = z.array(interval).describe('open intervals of the day; empty = closed');

const isoDate = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: 'expected a date "YYYY-MM-DD"' });

const oneOrMany = z.union([z.string(), z.array(z.string())]);

const slaPolicy = z
  .strictObject({
    match: z
      .strictObject({ priority: oneOrMany.optional(), channel: oneOrMany.optional() })
      .describe('the contacts this policy applies to; {} matches every contact'),
    firstResponse: duration.optional(),
    resolution: duration.optional(),
    businessHours: z.boolean().optional().describe('count the targets in business hours (default: calendar time)'),
  })
  .describe('an SLA policy; the first policy that matches a contact and sets a target gives that target');

const thresholdMap = z.record(
  z.string().regex(/^[a-z_]+(\.[A-Za-z0-9_]+)?$/, { message: 'expected a metric id or metric.field' }),
  z.number(),
);

const columnRef = z
  .union([z.string(), z.array(z.string()).min(1)])
  .describe('a column name, or several joined with a space into one value (["Date", "Time"])');

const fieldMapping = {
  map: z.record(z.string(), columnRef).optional().describe('model field -> column name in the file ("$line": the line number, for files without an id)'),
  values: z.record(z.string(), z.record(z.string(), z.string())).optional().describe('field -> { value in file: model value } ("" = no value)'),
  units: z
    .record(z.string(), z.enum(['seconds', 'minutes', 'hours', 'hms']))
    .optional()
    .describe('duration field -> unit of its column (hms: "H:MM:SS")'),
  when: z
    .record(z.string(), z.record(z.string(), z.array(z.string()).min(1)))
    .optional()
    .describe('field -> { column: [values] }: the field is read only on rows whose column has one of the values'),
  constants: z.record(z.string(), z.string()).optional().describe('field -> the same value on every row (a survey kind, a scale, a channel)'),
};

const inputMapping = z
  .strictObject({
    path: z.string().describe('the input it applies to: the path as given on the command line, or its end ("exports/calls.csv")'),
    kind: z.enum(['contacts', 'events', 'surveys', 'customers']).optional().describe('the kind of records (default: detected)'),
    preset: z.string().optional().describe('start from this preset (see `supmetrics inspect`); map, values and time override it'),
    ...fieldMapping,
    surveys: z
      .strictObject(fieldMapping)
      .optional()
      .describe('survey answers on the same rows (a CSAT column on each ticket): survey field mappings; rows without a score give none'),
    empty: z.array(z.string()).optional().describe('cell texts that mean "no value" ("?", "NA")'),
    time: z
      .strictObject({
        format: z.string().optional().describe('format of naive timestamps, luxon tokens: "d/M/yyyy H:mm", "d-MMM-yy H:mm"'),
        zone: z.string().optional().describe('IANA zone of naive timestamps (default: --tz, else timeZone)'),
      })
      .optional(),
  })
  .describe('how to read an export that has no preset, or to adjust a preset');

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    timeZone: z.string().optional().describe('IANA zone of the reports and of timestamps without an offset (default UTC)'),
    dateOrder: z.enum(['dmy', 'mdy']).optional().describe('day/month order of slashed dates'),
    encoding: z.string().optional().describe('text encoding of input files without a BOM, as --encoding: windows-1250, iso-8859-2, shift_jis, ...'),
    businessHours: z
      .strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })
      .partial()
      .optional()
      .describe('weekly open hours in timeZone; a missing day is closed'),
    holidays: z.array(isoDate).optional().describe('closed dates'),
    sla: z.strictObject({ policies: z.array(slaPolicy) }).optional(),
    csat: z
      .strictObject({ satisfiedRatio: z.number().gt(0).lte(1).optional().describe('satisfied when score / scale >= this (default 0.8: 4 and 5 of 5)') })
      .optional(),
    fcr: z
      .strictObject({
        ineligibleIssueTypes: z.array(z.string()).optional(),
        repeatWindow: duration.optional().describe('a repeat contact within this time after resolution breaks FCR (default 7d)'),
      })
      .optional(),
    backlog: z.strictObject({ agedAfter: duration.optional().describe('backlog_aged age (default 24h)') }).optional(),
    abandon: z.strictObject({ shortAbandon: duration.optional().describe('abandons sooner than this are excluded (default 5s)') }).optional(),
    serviceLevel: z
      .strictObject({
        answerWithin: duration.optional().describe('service level: answered within this time (default 20s)'),
        target: z.number().gt(0).lt(100).optional().describe('percent of contacts to answer within it, for staffing (default 80)'),
      })
      .optional(),
    distributions: z
      .strictObject({
        firstResponse: z.array(duration).min(1).optional().describe('bucket upper bounds (default 1h, 6h, 12h, 24h)'),
        resolution: z.array(duration).min(1).optional(),
      })
      .optional(),
    thresholds: z.strictObject({ min: thresholdMap.optional(), max: thresholdMap.optional() }).optional().describe('for `supmetrics check`'),
    inputs: z.array(inputMapping).optional().describe('per-input column and value mappings'),
  })
  .describe('supmetrics configuration');

export type Config = z.infer<typeof ConfigSchema>;

/** The JSON Schema of the config file. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema);
}

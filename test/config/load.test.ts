import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseConfig } from '../../src/config/load.js';
import { configJsonSchema } from '../../src/config/schema.js';
import { settingsFromConfig } from '../../src/config/settings.js';
import { DEFAULT_SETTINGS } from '../../src/metrics/types.js';

/** The line a user sees for a config text. */
function problem(text: string): string {
  try {
    parseConfig(text, 'c.json');
  } catch (error) {
    if (error instanceof UserError) return error.describe();
    throw error;
  }
  return 'no error';
}

const FULL = {
  timeZone: 'Europe/Berlin',
  businessHours: { mon: ['09:00-17:00'], fri: ['09:00-13:00', '14:00-17:00'], sat: [], sun: [] },
  holidays: ['2024-03-29'],
  sla: { policies: [{ match: { priority: 'urgent' }, firstResponse: '1h', resolution: '8h', businessHours: true }] },
  csat: { satisfiedRatio: 0.6 },
  fcr: { ineligibleIssueTypes: ['bug'], repeatWindow: '3d' },
  backlog: { agedAfter: '48h' },
  abandon: { shortAbandon: '10s' },
  thresholds: { min: { sla_compliance: 95 }, max: { 'first_response_time.p90': 3600 } },
};

describe('config file', () => {
  it('accepts every documented key and turns durations into settings', () => {
    const config = parseConfig(JSON.stringify(FULL), 'c.json');
    const settings = settingsFromConfig(config);
    expect(settings).toMatchObject({
      backlogAgeSeconds: 48 * 3600,
      repeatWindowSeconds: 3 * 86400,
      fcrIneligibleIssueTypes: ['bug'],
      shortAbandonSeconds: 10,
      csatSatisfiedRatio: 0.6,
    });
    expect(settings.slaPolicies[0]).toEqual({
      match: { channel: undefined, priority: ['urgent'] },
      firstResponseSeconds: 3600,
      resolutionSeconds: 8 * 3600,
      businessHours: true,
    });
    // the METRICS.md defaults stay behind the configured policies
    expect(settings.slaPolicies.slice(1)).toEqual(DEFAULT_SETTINGS.slaPolicies);
  });

  it('names the key path and what is wrong', () => {
    const bad = { sla: { policies: [{ match: {}, firstResponse: 'soon' }] }, businessHours: { fri: ['9-5'] } };
    expect(problem(JSON.stringify(bad))).toMatch(
      /c\.json: invalid config: .*sla\.policies\[0\]\.firstResponse: expected a duration like "90s", "4m", "24h" or "3d"/,
    );
    expect(problem(JSON.stringify(bad))).toMatch(/businessHours\.fri\[0\]: expected "HH:MM-HH:MM"/);
  });

  it('rejects unknown keys (a typo must not be silently ignored)', () => {
    expect(problem('{"timezone": "UTC"}')).toMatch(/unknown key timezone/);
    expect(problem('{"backlog": {"agedAfterr": "1h"}}')).toMatch(/unknown key backlog\.agedAfterr/);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(problem('{\n  "timeZone": "UTC",\n}')).toMatch(/c\.json: not valid JSON at 3:1/);
  });

  it('checks the time zone and that business-hour policies have business hours', () => {
    expect(problem('{"timeZone": "Mars/Base"}')).toMatch(/timeZone: unknown time zone 'Mars\/Base'/);
    const policy = { sla: { policies: [{ match: {}, firstResponse: '1h', businessHours: true }] } };
    expect(problem(JSON.stringify(policy))).toMatch(/sla\.policies\[0\]\.businessHours: needs businessHours/);
  });

  it('has a JSON Schema', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['timeZone', 'businessHours', 'sla', 'thresholds']));
    expect(schema.additionalProperties).toBe(false);
  });
});

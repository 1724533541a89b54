import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read.js';
import { expandSources } from '../../src/ingest/sources.js';
import { firstResponseTime } from '../../src/metrics/first_response_time.js';
import { slaCompliance } from '../../src/metrics/sla_compliance.js';
import { contactsFrom } from '../../src/model/records.js';
import { tempFiles } from '../helpers/cli.js';
import { metricInput } from '../metrics/helpers.js';

describe('exported durations and SLA outcomes', () => {
  it('derive the missing instants; timestamps win where both are given', async () => {
    const csv = [
      'id,created_at,first_response_at,first_response_seconds,resolution_seconds,wait_seconds,handle_seconds',
      'A,2024-03-05T10:00:00Z,,600,7200,,',
      'B,2024-03-05T10:00:00Z,2024-03-05T10:05:00Z,600,,30,300',
    ].join('\n');
    const { data } = await readInputs(expandSources([tempFiles({ 'c.csv': csv })]), { zone: 'UTC' });
    const t = data.contacts.time;
    expect(t.first_response_at.at(0)).toBe(Date.parse('2024-03-05T10:10:00Z'));
    expect(t.resolved_at.at(0)).toBe(Date.parse('2024-03-05T12:00:00Z'));
    expect(t.first_response_at.at(1)).toBe(Date.parse('2024-03-05T10:05:00Z'));
    expect(t.answered_at.at(1)).toBe(Date.parse('2024-03-05T10:00:30Z'));
    expect(t.ended_at.at(1)).toBe(Date.parse('2024-03-05T10:05:30Z'));
  });

  it('a negative exported duration is dropped with a warning, the row kept', async () => {
    const csv = 'id,created_at,first_response_seconds\nA,2024-03-05T10:00:00Z,-60\n';
    const { data, inputs } = await readInputs(expandSources([tempFiles({ 'c.csv': csv })]), { zone: 'UTC' });
    expect(data.contacts.length).toBe(1);
    expect(!data.contacts.time.first_response_at.has(0)).toBe(true);
    expect(inputs[0].log.warningSamples[0]).toMatchObject({ line: 2, column: 'first_response_seconds' });
  });

  it('under business time, an exported business-hour duration is used as given', () => {
    const contacts = contactsFrom([
      { id: 'a', created_at: '2024-03-05T10:00:00Z', first_response_at: '2024-03-06T10:00:00Z', first_response_business_seconds: 1800 },
      { id: 'b', created_at: '2024-03-05T10:00:00Z', first_response_at: '2024-03-05T11:00:00Z' },
    ]);
    const halfOpen = { openSeconds: (from: number, to: number) => (to - from) / 2000, addOpenSeconds: (from: number, s: number) => from + s * 2000 };
    const result = firstResponseTime(metricInput({ contacts, businessTime: halfOpen }));
    expect([result.min, result.max]).toEqual([1800, 1800]);
  });

  it('exported SLA outcomes are taken as they are, decided at the event, else the due time, else creation', () => {
    const contacts = contactsFrom([
      // said met although the reply came after the due column: the export's word stands
      { id: 'a', channel: 'email', created_at: '2024-03-05T10:00:00Z', first_response_at: '2024-03-07T10:00:00Z', sla_first_response_met: true },
      { id: 'b', channel: 'email', created_at: '2024-03-05T10:00:00Z', sla_first_response_met: false },
      // breached, never replied, due in April: decided in April
      { id: 'c', channel: 'email', created_at: '2024-03-30T10:00:00Z', sla_first_response_due_at: '2024-04-02T10:00:00Z', sla_first_response_met: false },
      { id: 'd', created_at: '2024-03-05T10:00:00Z', resolved_at: '2024-03-06T10:00:00Z', sla_resolution_met: true },
    ]);
    const result = slaCompliance(metricInput({ contacts }));
    expect(result.first_response).toMatchObject({ numerator: 1, denominator: 2 });
    expect(result.resolution).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

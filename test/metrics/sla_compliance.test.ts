import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { RowOrigins } from '../../src/model/origins.js';
import { slaCompliance } from '../../src/metrics/sla_compliance.js';
import { DEFAULT_SETTINGS } from '../../src/metrics/types.js';
import { hasNoNaN, metricInput } from './helpers.js';

describe('sla_compliance', () => {
  it('counts each target met or breached against the default targets per channel', () => {
    const contacts = contactsFrom([
      // email, 24 h target: answered after 2 h, met
      { id: 'a', channel: 'email', created_at: '2024-03-10T08:00:00Z', first_response_at: '2024-03-10T10:00:00Z' },
      // chat, 2 min target: answered after 5 min, breached
      { id: 'b', channel: 'chat', created_at: '2024-03-10T08:00:00Z', first_response_at: '2024-03-10T08:05:00Z' },
      // phone, 4 min target: answered exactly at the due time, met
      { id: 'c', channel: 'phone', created_at: '2024-03-10T08:00:00Z', first_response_at: '2024-03-10T08:04:00Z' },
      // a channel without a default target and no due time in the export: no target
      { id: 'd', channel: 'fax', created_at: '2024-03-10T08:00:00Z', first_response_at: '2024-03-10T08:04:00Z' },
      // no channel: no target
      { id: 'e', created_at: '2024-03-10T08:00:00Z' },
    ]);
    const result = slaCompliance(metricInput({ contacts }));
    expect(result).toMatchObject({ unit: 'percent', n: 3, numerator: 2, denominator: 3, breaches: 1 });
    expect(result.value).toBeCloseTo(200 / 3, 10);
    expect(result.first_response).toMatchObject({ numerator: 2, denominator: 3 });
    expect(result.resolution).toMatchObject({ n: 0, value: null, ci95: null });
  });

  it('uses the due times of the export before the defaults, for both kinds of target', () => {
    const contacts = contactsFrom([
      {
        id: 'a',
        channel: 'chat', // default 2 min, overridden by the export's due time
        created_at: '2024-03-10T08:00:00Z',
        first_response_at: '2024-03-10T08:30:00Z',
        sla_first_response_due_at: '2024-03-10T09:00:00Z',
        resolved_at: '2024-03-10T12:00:00Z',
        sla_resolution_due_at: '2024-03-10T11:00:00Z',
      },
    ]);
    const result = slaCompliance(metricInput({ contacts }));
    expect(result.first_response).toMatchObject({ numerator: 1, denominator: 1 });
    expect(result.resolution).toMatchObject({ numerator: 0, denominator: 1 });
    expect(result).toMatchObject({ numerator: 1, denominator: 2, value: 50, breaches: 1 });
  });

  it('uses default resolution targets from the settings', () => {
    const contacts = contactsFrom([
      { id: 'a', channel: 'email', created_at: '2024-03-10T08:00:00Z', first_response_at: '2024-03-10T09:00:00Z', resolved_at: '2024-03-12T08:00:00Z' },
    ]);
    const slaPolicies = [{ match: { channel: ['email'] }, resolutionSeconds: 24 * 3600 }];
    const result = slaCompliance(metricInput({ contacts, settings: { slaPolicies } }));
    expect(result).toMatchObject({ numerator: 0, denominator: 1, breaches: 1 });
    expect(result.first_response.denominator).toBe(0);
  });

  it('decides a met target at its event and a breached one at its due time', () => {
    const contacts = contactsFrom([
      // met on 31 March: in March
      { id: 'met', created_at: '2024-03-31T20:00:00Z', first_response_at: '2024-03-31T21:00:00Z', sla_first_response_due_at: '2024-04-01T08:00:00Z' },
      // never answered, due 1 April: decided in April, not in March
      { id: 'open', created_at: '2024-03-31T20:00:00Z', sla_first_response_due_at: '2024-04-01T08:00:00Z' },
      // due exactly at the start of April and answered later: breached, decided in April
      { id: 'late', created_at: '2024-03-31T20:00:00Z', first_response_at: '2024-04-02T00:00:00Z', sla_first_response_due_at: '2024-04-01T00:00:00Z' },
      // due exactly at the start of March and never answered: breached in March
      { id: 'old', created_at: '2024-02-28T00:00:00Z', sla_first_response_due_at: '2024-03-01T00:00:00Z' },
    ]);
    const march = slaCompliance(metricInput({ contacts }));
    expect(march).toMatchObject({ numerator: 1, denominator: 2, breaches: 1 });
    const april = slaCompliance(
      metricInput({ contacts, period: { start: Date.parse('2024-04-01T00:00:00Z'), end: Date.parse('2024-05-01T00:00:00Z') } }),
    );
    expect(april).toMatchObject({ numerator: 0, denominator: 2, value: 0, breaches: 2 });
  });

  it('keeps only contacts in scope, and gives null with no targets', () => {
    const contacts = contactsFrom([
      { id: 'a', channel: 'email', created_at: '2024-03-10T08:00:00Z', first_response_at: '2024-03-10T10:00:00Z' },
      { id: 'b', channel: 'chat', created_at: '2024-03-10T08:00:00Z', first_response_at: '2024-03-10T08:05:00Z' },
    ]);
    expect(slaCompliance(metricInput({ contacts, contactInScope: [0, 1] }))).toMatchObject({ value: 0, denominator: 1 });
    const none = slaCompliance(metricInput({ contacts, contactInScope: [0, 0] }));
    expect(none).toMatchObject({ n: 0, value: null, ci95: null, breaches: 0 });
    expect(hasNoNaN(none)).toBe(true);
  });

  it('takes targets from the first policy that matches the priority and channel, then the channel defaults', () => {
    const contacts = contactsFrom([
      // urgent email answered after 2 h: breaches the 1 h urgent policy (decided at 11:00)
      { id: 'urgent', channel: 'email', priority: 'urgent', created_at: '2024-03-05T10:00:00Z', first_response_at: '2024-03-05T12:00:00Z' },
      // normal email answered after 2 h: meets the 24 h channel default
      { id: 'normal', channel: 'email', priority: 'normal', created_at: '2024-03-05T10:00:00Z', first_response_at: '2024-03-05T12:00:00Z' },
    ]);
    const slaPolicies = [{ match: { priority: ['Urgent'] }, firstResponseSeconds: 3600 }, ...DEFAULT_SETTINGS.slaPolicies];
    const result = slaCompliance(metricInput({ contacts, settings: { slaPolicies } }));
    expect(result.first_response).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it("counts a business-hours policy's target in open time of the calendar", () => {
    // a calendar where every hour after 2024-03-05T12:00Z is open and nothing before it
    const opening = Date.parse('2024-03-05T12:00:00Z');
    const calendar = {
      openSeconds: (from: number, to: number) => Math.max(0, (to - Math.max(from, opening)) / 1000),
      addOpenSeconds: (from: number, seconds: number) => Math.max(from, opening) + seconds * 1000,
    };
    const contacts = contactsFrom([
      // created before opening, answered 30 min after it: within a 1 h business target
      { id: 'a', channel: 'email', created_at: '2024-03-05T08:00:00Z', first_response_at: '2024-03-05T12:30:00Z' },
    ]);
    const slaPolicies = [{ match: {}, firstResponseSeconds: 3600, businessHours: true }];
    expect(slaCompliance(metricInput({ contacts, settings: { slaPolicies }, calendar })).value).toBe(100);
    expect(slaCompliance(metricInput({ contacts, settings: { slaPolicies: [{ match: {}, firstResponseSeconds: 3600 }] } })).value).toBe(0);
  });
});

describe('sla_compliance without the events in the export', () => {
  it('does not judge policy targets when no contact records a first reply at all', () => {
    const contacts = contactsFrom([
      { id: 'a', channel: 'phone', created_at: '2024-03-05T10:00:00Z', resolved_at: '2024-03-05T12:00:00Z', sla_resolution_met: true },
      { id: 'b', channel: 'phone', created_at: '2024-03-05T10:00:00Z', sla_first_response_due_at: '2024-03-05T10:04:00Z' },
    ]);
    const result = slaCompliance(metricInput({ contacts }));
    // b's own due time is still judged (breached: never answered); a's 4-minute phone default is not
    expect(result.first_response).toMatchObject({ numerator: 0, denominator: 1 });
    expect(result.resolution).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('decides it per input, by the fields it has: a file with first replies changes nothing for one without', () => {
    const contacts = contactsFrom([
      // input 0, a log without a first-reply column: its 4-minute phone default is not judged
      { id: 'a', channel: 'phone', created_at: '2024-03-05T10:00:00Z' },
      // input 1 has the column: its contacts are judged against the defaults, answered or not
      { id: 'b', channel: 'email', created_at: '2024-03-05T10:00:00Z', first_response_at: '2024-03-05T11:00:00Z' },
      { id: 'c', channel: 'phone', created_at: '2024-03-05T10:00:00Z' },
      // input 2 has the column, and no contact of it was answered: breached, not left out
      { id: 'd', channel: 'phone', created_at: '2024-03-05T10:00:00Z' },
    ]);
    const origins = new RowOrigins();
    for (const input of [0, 1, 1, 2]) origins.add(input, 2);
    Object.assign(contacts, { origins });
    const input = metricInput({ contacts });
    const inputFields = [new Set(['id', 'channel', 'created_at']), new Set(['id', 'channel', 'created_at', 'first_response_at']), new Set(['id', 'channel', 'created_at', 'first_response_at'])];
    const result = slaCompliance({ ...input, data: { ...input.data, inputFields } });
    expect(result.first_response).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

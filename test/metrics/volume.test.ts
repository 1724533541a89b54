import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { volume, volumeMetric } from '../../src/metrics/volume.js';
import { metricInput } from './helpers.js';

describe('volume', () => {
  const contacts = contactsFrom([
    { id: 'a', channel: 'email', created_at: '2024-03-01T00:00:00Z' }, // exactly at the start: in
    { id: 'b', channel: 'Email', created_at: '2024-03-15T10:00:00Z' },
    { id: 'c', channel: 'chat', created_at: '2024-03-31T23:59:59.999Z' },
    { id: 'd', channel: 'chat', created_at: '2024-04-01T00:00:00Z' }, // exactly at the end: out
    { id: 'e', channel: 'phone', created_at: '2024-02-29T23:59:59Z' },
    { id: 'f', created_at: '2024-03-02T00:00:00Z' },
  ]);

  it('counts contacts created in [start, end), per channel', () => {
    const result = volume(metricInput({ contacts }));
    expect(result).toMatchObject({ unit: 'count', n: 4, value: 4, byChannel: { '(none)': 1, chat: 1, email: 2 } });
  });

  it('maps peak times: weekday x hour of creation on the report zone\'s clock', () => {
    // 2024-03-01 was a Friday; 2024-03-31 23:59 UTC is Monday 01:59 in Berlin (CEST, +02:00)
    const utc = volume(metricInput({ contacts })).heatmap;
    expect(utc[4][0]).toBe(1); // a, Friday 00:00
    expect(utc[5][0]).toBe(1); // f, Saturday 00:00
    expect(utc[4][10]).toBe(1); // b, Friday 15 March 10:00
    expect(utc[6][23]).toBe(1); // c, Sunday 23:59
    const berlin = volume(metricInput({ contacts, timeZone: 'Europe/Berlin' })).heatmap;
    expect(berlin[0][1]).toBe(1);
    expect(berlin.flat().reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('keeps only contacts in scope', () => {
    const result = volume(metricInput({ contacts, contactInScope: [0, 1, 1, 1, 1, 0] }));
    expect(result.value).toBe(2);
    expect(result.byChannel).toEqual({ chat: 1, email: 1 });
  });

  it('gives 0 for no contacts', () => {
    expect(volume(metricInput())).toMatchObject({ unit: 'count', n: 0, value: 0, byChannel: {} });
  });

  it('is declared for the registry', () => {
    expect(volumeMetric.id).toBe('volume');
    expect(volumeMetric.compute(metricInput({ contacts })).value).toBe(4);
  });
});

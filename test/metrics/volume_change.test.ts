import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { volumeChange } from '../../src/metrics/volume_change.js';
import { metricInput } from './helpers.js';

/** `count` contacts created on each of the given UTC days. */
function contactsOn(days: Record<string, number>) {
  const records = Object.entries(days).flatMap(([day, count]) =>
    Array.from({ length: count }, (_, i) => ({ id: `${day}-${i}`, created_at: `${day}T10:00:00Z` })),
  );
  return contactsFrom(records);
}

describe('volume_change', () => {
  // March 2024 has 31 days; the 31 days before it are 2024-01-30 .. 2024-02-29
  const contacts = contactsOn({ '2024-03-04': 12, '2024-02-10': 10, '2024-01-30': 0, '2024-01-29': 7, '2023-03-15': 6 });

  it('compares with the previous period of equal length and the same dates a year earlier', () => {
    const result = volumeChange(metricInput({ contacts }));
    expect(result).toMatchObject({ volume: 12, previous: 10, value: 20, yearAgo: 6, changeYear: 100, n: 12 });
  });

  it('gives null when the previous period had no contacts', () => {
    const only = contactsOn({ '2024-03-04': 3 });
    expect(volumeChange(metricInput({ contacts: only })).value).toBeNull();
  });

  it('counts business days only when a calendar is given', () => {
    // a calendar open every day but Saturdays: 2024-03-09 is a Saturday
    const isSaturday = (ms: number) => new Date(ms).getUTCDay() === 6;
    const calendar = {
      openSeconds: (from: number, to: number) => (isSaturday(from) ? 0 : (to - from) / 1000),
      addOpenSeconds: (from: number, seconds: number) => from + seconds * 1000,
    };
    const withWeekend = contactsOn({ '2024-03-04': 12, '2024-03-09': 5, '2024-02-10': 10 });
    const result = volumeChange(metricInput({ contacts: withWeekend, calendar }));
    expect(result.value).toBeCloseTo(70);
    expect(result.businessDays).toMatchObject({ volume: 12, previous: 0, change: null });
  });
});

import { describe, expect, it } from 'vitest';
import { compareMetrics, twoProportionTest } from '../../src/report/compare.js';
import { comparisonPeriod } from '../../src/time/compare.js';
import { parsePeriod } from '../../src/time/period.js';

const period = (text: string, zone = 'UTC') => parsePeriod(text, { zone, now: 0 });

describe('comparison periods', () => {
  it('previous: the period of equal length just before, in whole local days', () => {
    expect(comparisonPeriod(period('2024-03'), 'previous').label).toBe('2024-01-30..2024-02-29');
    expect(comparisonPeriod(period('2024-W12'), 'previous').label).toBe('2024-03-11..2024-03-17');
    const berlin = comparisonPeriod(period('2024-04', 'Europe/Berlin'), 'previous');
    // 30 days back from April 1st crosses the DST change and still starts at local midnight
    expect(berlin.label).toBe('2024-03-02..2024-03-31');
    expect(new Date(berlin.start).toISOString()).toBe('2024-03-01T23:00:00.000Z');
  });

  it('year: the same local dates a year earlier', () => {
    const last = comparisonPeriod(period('2024-03-01..2024-03-15'), 'year');
    expect(last.label).toBe('2023-03-01..2023-03-15');
  });
});

describe('two-proportion z-test', () => {
  it('matches hand computation: 90/100 against 75/100', () => {
    const test = twoProportionTest(90, 100, 75, 100)!;
    expect(test.z).toBeCloseTo(2.79145, 4);
    expect(test.pValue).toBeCloseTo(0.00525, 4);
    expect(test.significant).toBe(true);
  });

  it('a small change on small samples is not significant; empty samples give null', () => {
    expect(twoProportionTest(8, 10, 7, 10)!.significant).toBe(false);
    expect(twoProportionTest(0, 0, 5, 10)).toBeNull();
    expect(twoProportionTest(10, 10, 5, 5)).toBeNull();
  });
});

describe('metric changes', () => {
  it('give the change in the unit, the relative change, and the test for rates', () => {
    const now = { volume: { unit: 'count', n: 120, value: 120 }, sla: { unit: 'percent', n: 100, value: 90, numerator: 90, denominator: 100 } };
    const before = { volume: { unit: 'count', n: 100, value: 100 }, sla: { unit: 'percent', n: 100, value: 75, numerator: 75, denominator: 100 } };
    const changes = compareMetrics(now, before);
    expect(changes.volume).toEqual({ value: 120, previous: 100, change: 20, changePercent: 20 });
    expect(changes.sla.change).toBe(15);
    expect(changes.sla.test?.significant).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile, rate, summarizeByteCounts, summarizeDurations, summarizeSample, summarizeSampleInPlace, wilsonInterval, Z_95 } from '../../src/metrics/stats.js';

describe('quantile', () => {
  it('interpolates between the closest ranks (numpy default, PERCENTILE.INC)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    // numpy.percentile([15, 20, 35, 40, 50], 40) = 29.0
    expect(quantile([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
    expect(quantile([10, 20], 0.9)).toBeCloseTo(19, 12);
  });

  it('gives the ends at 0 and 1 and the value itself for one value', () => {
    expect(quantile([3, 7, 9], 0)).toBe(3);
    expect(quantile([3, 7, 9], 1)).toBe(9);
    expect(quantile([42], 0.9)).toBe(42);
  });

  it('throws on no values and on q outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow('quantile requires at least one value');
    expect(() => quantile([1], 1.5)).toThrow('quantile requires q between 0 and 1');
    expect(() => quantile([1], -0.1)).toThrow('quantile requires q between 0 and 1');
    expect(() => quantile([1], NaN)).toThrow('quantile requires q between 0 and 1');
  });

  const sortedSample = fc
    .array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 })
    .map((values) => Float64Array.from(values).sort());
  const q = fc.double({ min: 0, max: 1, noNaN: true });

  it('is monotone in q', () => {
    fc.assert(
      fc.property(sortedSample, q, q, (sorted, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(quantile(sorted, low)).toBeLessThanOrEqual(quantile(sorted, high));
      }),
    );
  });

  it('stays within [min, max]', () => {
    fc.assert(
      fc.property(sortedSample, q, (sorted, probability) => {
        const value = quantile(sorted, probability);
        expect(value).toBeGreaterThanOrEqual(sorted[0]);
        expect(value).toBeLessThanOrEqual(sorted[sorted.length - 1]);
      }),
    );
  });
});

describe('summarizeDurations', () => {
  it('reports n, mean, median, p90, min and max, with the mean as value', () => {
    expect(summarizeDurations([4, 1, 3, 2])).toEqual({
      unit: 'seconds',
      n: 4,
      value: 2.5,
      mean: 2.5,
      median: 2.5,
      p90: expect.closeTo(3.7, 12),
      min: 1,
      max: 4,
    });
  });

  it('gives n 0 and nulls for no values, never NaN', () => {
    expect(summarizeDurations([])).toEqual({
      unit: 'seconds',
      n: 0,
      value: null,
      mean: null,
      median: null,
      p90: null,
      min: null,
      max: null,
    });
    expect(summarizeDurations(new Float64Array(0)).n).toBe(0);
  });

  it('does not change its input', () => {
    const values = new Float64Array([3, 1, 2]);
    summarizeDurations(values);
    expect([...values]).toEqual([3, 1, 2]);
  });

  it('throws on NaN', () => {
    expect(() => summarizeDurations([1, NaN])).toThrow('summarizeSample requires numbers, not NaN');
  });

  it('keeps the mean of equal values equal to them', () => {
    const summary = summarizeDurations([0.1, 0.1, 0.1]);
    expect(summary.mean).toBe(0.1);
  });

  it('summarizes other units the same way', () => {
    expect(summarizeSample([1, 2, 6], 'replies')).toMatchObject({ unit: 'replies', n: 3, mean: 3, median: 2 });
  });
});

describe('summarizeSampleInPlace', () => {
  it('gives what summarizeSample gives, reordering the sample instead of copying it', () => {
    const sample = Float64Array.of(4, 1, 3, 2);
    expect(summarizeSampleInPlace(sample, 'replies')).toEqual(summarizeSample([4, 1, 3, 2], 'replies'));
    expect([...sample].sort()).toEqual([1, 2, 3, 4]);
  });

  it('agrees with summarizeSample on any sample, large ones and zeros of both signs included', () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(-0), fc.double({ noNaN: true, min: -1e6, max: 1e6 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 2000, size: 'max' }), (values) => {
        const sample = Float64Array.from(values);
        expect(summarizeSampleInPlace(sample, 'x')).toEqual(summarizeSample(values, 'x'));
        // the same values, perhaps in another order
        expect(Float64Array.from(sample).sort()).toEqual(Float64Array.from(values).sort());
      }),
    );
  });
});

describe('wilsonInterval', () => {
  it('matches known values', () => {
    // 8 of 10 at 95%: [0.49016, 0.94332] (R: prop.test(8, 10, correct = FALSE)$conf.int)
    const [lower, upper] = wilsonInterval(8, 10);
    expect(lower).toBeCloseTo(0.49016, 5);
    expect(upper).toBeCloseTo(0.94332, 5);
    // 0 of 10: [0, 0.27753]
    const [zeroLower, zeroUpper] = wilsonInterval(0, 10);
    expect(zeroLower).toBe(0);
    expect(zeroUpper).toBeCloseTo(0.27753, 5);
    // 10 of 10: [0.72247, 1]
    const [allLower, allUpper] = wilsonInterval(10, 10);
    expect(allLower).toBeCloseTo(0.72247, 5);
    expect(allUpper).toBe(1);
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(8, 10, Z_95);
    const narrow = wilsonInterval(8, 10, 1);
    expect(narrow[0]).toBeGreaterThan(wide[0]);
    expect(narrow[1]).toBeLessThan(wide[1]);
  });

  it('throws on no trials and on successes outside [0, trials]', () => {
    expect(() => wilsonInterval(0, 0)).toThrow('wilsonInterval requires trials > 0');
    expect(() => wilsonInterval(11, 10)).toThrow('wilsonInterval requires successes between 0 and trials');
    expect(() => wilsonInterval(-1, 10)).toThrow('wilsonInterval requires successes between 0 and trials');
  });
});

describe('rate', () => {
  it('gives percent, counts and the Wilson interval in percent', () => {
    const result = rate(8, 10);
    expect(result).toMatchObject({ unit: 'percent', n: 10, value: 80, numerator: 8, denominator: 10 });
    expect(result.ci95?.[0]).toBeCloseTo(49.016, 3);
    expect(result.ci95?.[1]).toBeCloseTo(94.332, 3);
  });

  it('gives value and interval null for a zero denominator', () => {
    expect(rate(0, 0)).toEqual({ unit: 'percent', n: 0, value: null, numerator: 0, denominator: 0, ci95: null });
  });

  it('throws when the numerator is outside [0, denominator]', () => {
    expect(() => rate(3, 2)).toThrow('rate requires numerator between 0 and denominator');
    expect(() => rate(-1, 2)).toThrow('rate requires numerator between 0 and denominator');
    expect(() => rate(1, 0)).toThrow('rate requires numerator between 0 and denominator');
  });

  it('stays within 0-100 and its interval contains the value', () => {
    const counts = fc
      .integer({ min: 1, max: 10_000_000 })
      .chain((denominator) => fc.tuple(fc.integer({ min: 0, max: denominator }), fc.constant(denominator)));
    fc.assert(
      fc.property(counts, ([numerator, denominator]) => {
        const result = rate(numerator, denominator);
        const [lower, upper] = result.ci95!;
        expect(result.value).not.toBeNull();
        const value = result.value!;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(100);
        expect(lower).toBeLessThanOrEqual(value);
        expect(upper).toBeGreaterThanOrEqual(value);
      }),
    );
  });
});

describe('summarizeByteCounts', () => {
  it('gives exactly the summary of the sample of the counts at the rows, missing ones left out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 255 }), fc.constant(255)), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 300 }),
        (values, picks) => {
          const bytes = Uint8Array.from(values);
          const rows = Int32Array.from(values.length === 0 ? [] : picks.map((pick) => pick % values.length));
          const sample = Array.from(rows, (row) => bytes[row]).filter((value) => value !== 255);
          expect(summarizeByteCounts(bytes, rows, 'replies')).toEqual(summarizeSample(sample, 'replies'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reproduces its worked example', () => {
    const summary = summarizeByteCounts(Uint8Array.of(4, 255, 1, 3, 2), Int32Array.of(0, 1, 2, 3, 4), 'replies');
    expect(summary).toEqual({ unit: 'replies', n: 4, value: 2.5, mean: 2.5, median: 2.5, p90: 3.7, min: 1, max: 4 });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKET_BOUNDS, durationBuckets } from '../../src/metrics/buckets.js';

describe('durationBuckets', () => {
  it('counts each duration in the first bucket whose upper bound it does not exceed', () => {
    expect(durationBuckets([60, 3600, 3601, 90000], [3600, 86400])).toEqual({ '<=1h': 2, '1h-24h': 1, '>24h': 1 });
  });

  it('labels the default bounds as seed 002 does', () => {
    expect(Object.keys(durationBuckets([], DEFAULT_BUCKET_BOUNDS))).toEqual(['<=1h', '1h-6h', '6h-12h', '12h-24h', '>24h']);
  });

  it('labels odd bounds in the largest whole unit', () => {
    expect(Object.keys(durationBuckets([], [90, 5400, 172800]))).toEqual(['<=90s', '90s-90m', '90m-2d', '>2d']);
  });
});

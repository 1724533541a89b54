import { describe, expect, it } from 'vitest';
import { surveysFrom } from '../../src/model/records.js';
import { nps } from '../../src/metrics/nps.js';
import { metricInput } from './helpers.js';

const IN_MARCH = '2024-03-10T00:00:00Z';

/** NPS answers with these scores, given in March. */
function answers(scores: number[]) {
  return surveysFrom(scores.map((score, i) => ({ id: String(i), kind: 'nps', score, responded_at: IN_MARCH })));
}

describe('nps', () => {
  it('subtracts % detractors from % promoters', () => {
    const result = nps(metricInput({ surveys: answers([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]) }));
    expect(result).toEqual({ unit: 'nps', n: 10, value: 30, promoters: 5, passives: 3, detractors: 2 });
  });

  it('ranges from -100 to 100', () => {
    expect(nps(metricInput({ surveys: answers([10, 9]) })).value).toBe(100);
    expect(nps(metricInput({ surveys: answers([0, 6]) })).value).toBe(-100);
    expect(nps(metricInput({ surveys: answers([7, 8]) })).value).toBe(0);
  });

  it('counts only NPS answers given in the period and in scope', () => {
    const surveys = surveysFrom([
      { id: '1', kind: 'nps', score: 10, responded_at: '2024-03-01T00:00:00Z' },
      { id: '2', kind: 'nps', score: 0, responded_at: '2024-04-01T00:00:00Z' },
      { id: '3', kind: 'csat', score: 1, responded_at: IN_MARCH },
      { id: '4', kind: 'nps', score: 3, responded_at: IN_MARCH },
    ]);
    expect(nps(metricInput({ surveys }))).toMatchObject({ n: 2, value: 0 });
    expect(nps(metricInput({ surveys, surveyInScope: [1, 1, 1, 0] }))).toMatchObject({ n: 1, value: 100 });
  });

  it('gives null with no answers', () => {
    expect(nps(metricInput())).toEqual({ unit: 'nps', n: 0, value: null, promoters: 0, passives: 0, detractors: 0 });
  });
});

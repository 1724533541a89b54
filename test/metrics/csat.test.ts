import { describe, expect, it } from 'vitest';
import { surveysFrom } from '../../src/model/records.js';
import { csat } from '../../src/metrics/csat.js';
import { metricInput } from './helpers.js';

const IN_MARCH = '2024-03-10T00:00:00Z';

describe('csat', () => {
  it('divides satisfied answers (4 or 5 of 5) by all answers, per agent too', () => {
    const surveys = surveysFrom([
      { id: '1', kind: 'csat', score: 5, responded_at: IN_MARCH, agent: 'Ann' },
      { id: '2', kind: 'CSAT', score: 4, responded_at: IN_MARCH, agent: 'Ann' },
      { id: '3', kind: 'csat', score: 4, scale: 5, responded_at: IN_MARCH, agent: 'Bob' },
      { id: '4', kind: 'csat', score: 3, responded_at: IN_MARCH, agent: 'Bob' },
      { id: '5', kind: 'csat', score: 1, responded_at: IN_MARCH },
      { id: 'nps', kind: 'nps', score: 10, responded_at: IN_MARCH },
      { id: 'april', kind: 'csat', score: 5, responded_at: '2024-04-01T00:00:00Z' },
      { id: 'at the start', kind: 'csat', score: 1, responded_at: '2024-03-01T00:00:00Z' },
    ]);
    const result = csat(metricInput({ surveys }));
    expect(result).toMatchObject({ unit: 'percent', n: 6, value: 50, numerator: 3, denominator: 6, satisfied: 3, unsatisfied: 3 });
    expect(result.byAgent).toMatchObject({ Ann: { value: 100, denominator: 2 }, Bob: { value: 50, denominator: 2 } });
    expect(Object.keys(result.byAgent)).toEqual(['Ann', 'Bob']);
  });

  it('reads each answer on its own scale', () => {
    const surveys = surveysFrom([
      { id: 'good', kind: 'csat', score: 1, scale: 1, responded_at: IN_MARCH },
      { id: 'bad', kind: 'csat', score: 0, scale: 1, responded_at: IN_MARCH },
      { id: 'two of two', kind: 'csat', score: 2, scale: 2, responded_at: IN_MARCH },
      { id: 'one of two', kind: 'csat', score: 1, scale: 2, responded_at: IN_MARCH },
      { id: 'eight of ten', kind: 'csat', score: 8, scale: 10, responded_at: IN_MARCH },
      { id: 'seven of ten', kind: 'csat', score: 7, scale: 10, responded_at: IN_MARCH },
    ]);
    expect(csat(metricInput({ surveys }))).toMatchObject({ satisfied: 3, unsatisfied: 3 });
  });

  it('takes the satisfied ratio from the settings', () => {
    const surveys = surveysFrom([
      { id: '1', kind: 'csat', score: 3, responded_at: IN_MARCH },
      { id: '2', kind: 'csat', score: 2, responded_at: IN_MARCH },
    ]);
    expect(csat(metricInput({ surveys, settings: { csatSatisfiedRatio: 0.6 } }))).toMatchObject({ satisfied: 1, value: 50 });
  });

  it('keeps only answers in scope, and gives null with no answers', () => {
    const surveys = surveysFrom([
      { id: '1', kind: 'csat', score: 5, responded_at: IN_MARCH },
      { id: '2', kind: 'csat', score: 1, responded_at: IN_MARCH },
    ]);
    expect(csat(metricInput({ surveys, surveyInScope: [0, 1] }))).toMatchObject({ value: 0, n: 1 });
    expect(csat(metricInput())).toMatchObject({ n: 0, value: null, ci95: null, satisfied: 0, unsatisfied: 0, byAgent: {} });
  });
});

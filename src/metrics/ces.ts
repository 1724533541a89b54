import { codeMask, surveysGiven } from './columns.js';
import { summarizeSample } from './stats.js';
import type { MetricInput, SampleSummary } from './types.js';
import { defineMetric } from './types.js';

export interface CesResult extends SampleSummary<'score'> {
  /** The answer scale (7 unless the answers say otherwise; the largest scale given). */
  scale: number;
}

/**
 * Customer effort score: how easy customers found it to get their issue handled, the mean
 * answer to the effort question (1-7 by default; higher = easier, as the survey defines it).
 *
 * Counted over in-scope survey answers of kind "ces" given in the period.
 * Formula: sum of scores / number of answers; median and p90 as for every sample.
 * Period attribution: the period in which the answer was given.
 *
 * @example
 * // answers 7, 6, 5 and 2
 * ces(input).value; // => 5
 */
export function ces(input: MetricInput): CesResult {
  const surveys = input.data.surveys;
  const kindCodes = surveys.text.kind.codes;
  const isCes = codeMask(surveys.text.kind, ['ces']);
  const scores: number[] = [];
  let scale = 7;
  const given = surveysGiven(input);
  for (let k = 0; k < given.length; k++) {
    const i = given[k];
    const kind = kindCodes[i];
    if (kind < 0 || isCes[kind] !== 1) continue;
    const score = surveys.number.score.at(i);
    if (score !== score) continue;
    scores.push(score);
    if (surveys.number.scale.at(i) > scale) scale = surveys.number.scale.at(i);
  }
  return { ...summarizeSample(scores, 'score'), scale };
}

export const cesMetric = defineMetric({
  id: 'ces',
  title: 'Customer effort score (CES)',
  kind: 'score',
  definition: 'Mean answer to the effort question (1-7 by default) over answers given in the period',
  compute: ces,
});

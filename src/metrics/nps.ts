import { codeMask, surveysGiven } from './columns.js';
import type { MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface NpsResult {
  unit: 'nps';
  /** Answers counted. */
  n: number;
  /** % promoters - % detractors, -100..100; null when there are no answers. */
  value: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Net Promoter Score: how many more customers would recommend the company than would warn
 * against it, from the 0-10 "how likely are you to recommend us" question (seed 004).
 *
 * Counted over in-scope survey answers of kind "nps" given in the period. Promoters score 9-10,
 * passives 7-8, detractors 0-6 (a fractional score falls by the same cut-offs: >= 9, > 6).
 * An answer without a score is not a response.
 * Formula: (promoters - detractors) / all answers x 100, which is % promoters - % detractors.
 * Period attribution: the period in which the answer was given (start <= responded_at < end).
 *
 * @example
 * // ten answers: five 9-10, three 7-8, two 0-6
 * nps(input).value; // => 30
 */
export function nps(input: MetricInput): NpsResult {
  const surveys = input.data.surveys;
  const scores = surveys.number.score;
  const kindCodes = surveys.text.kind.codes;
  const isNps = codeMask(surveys.text.kind, ['nps']);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  const given = surveysGiven(input);
  for (let k = 0; k < given.length; k++) {
    const i = given[k];
    const kind = kindCodes[i];
    if (kind < 0 || isNps[kind] !== 1) continue;
    const score = scores.at(i);
    if (score >= 9) promoters++;
    else if (score > 6) passives++;
    else if (score === score) detractors++;
  }
  const answers = promoters + passives + detractors;
  return {
    unit: 'nps',
    n: answers,
    value: answers === 0 ? null : (100 * (promoters - detractors)) / answers,
    promoters,
    passives,
    detractors,
  };
}

export const npsMetric = defineMetric({
  id: 'nps',
  title: 'Net Promoter Score (NPS)',
  kind: 'score',
  definition: '% promoters (9-10) - % detractors (0-6) among NPS answers given in the period, -100..100',
  compute: nps,
});

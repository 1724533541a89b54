import { codeMask, newTally, rateRecord, surveysGiven } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface CsatResult extends RateSummary {
  satisfied: number;
  unsatisfied: number;
  /** CSAT per agent, over the answers that name an agent, ordered by agent. */
  byAgent: Record<string, RateSummary>;
}

/** The scale of a CSAT answer that does not give one: 1-5. */
const DEFAULT_SCALE = 5;

/**
 * Customer satisfaction (CSAT): the share of survey answers that are satisfied (seed 004).
 *
 * Counted over in-scope survey answers of kind "csat" given in the period. An answer is
 * satisfied when score / scale >= settings.csatSatisfiedRatio (default 0.8), the scale being the
 * answer's own (if given and positive) or 5: so 4 and 5 of 5 are satisfied, and on a two-point
 * scale (Good/Bad given as 1/0 with scale 1) 1 is satisfied. An answer without a score is not a
 * response.
 * Formula: satisfied answers / all answers x 100; also per agent.
 * Period attribution: the period in which the answer was given (start <= responded_at < end).
 *
 * @example
 * // five answers on 1-5: 5, 4, 4, 3, 1
 * csat(input).value; // => 60
 */
export function csat(input: MetricInput): CsatResult {
  const surveys = input.data.surveys;
  const satisfiedRatio = input.settings.csatSatisfiedRatio;
  const scores = surveys.number.score;
  const scales = surveys.number.scale;
  const kindCodes = surveys.text.kind.codes;
  const agentCodes = surveys.text.agent.codes;
  const isCsat = codeMask(surveys.text.kind, ['csat']);
  const answersPerAgent = newTally(surveys.text.agent);
  const satisfiedPerAgent = newTally(surveys.text.agent);
  let answers = 0;
  let satisfied = 0;
  const given = surveysGiven(input);
  for (let k = 0; k < given.length; k++) {
    const i = given[k];
    const kind = kindCodes[i];
    if (kind < 0 || isCsat[kind] !== 1) continue;
    const score = scores.at(i);
    if (score !== score) continue;
    const scale = scales.at(i) > 0 ? scales.at(i) : DEFAULT_SCALE;
    const isSatisfied = score / scale >= satisfiedRatio;
    answers++;
    if (isSatisfied) satisfied++;
    const agent = agentCodes[i];
    if (agent >= 0) {
      answersPerAgent[agent + 1]++;
      if (isSatisfied) satisfiedPerAgent[agent + 1]++;
    }
  }
  return {
    ...rate(satisfied, answers),
    satisfied,
    unsatisfied: answers - satisfied,
    byAgent: rateRecord(satisfiedPerAgent, answersPerAgent, surveys.text.agent.values),
  };
}

export const csatMetric = defineMetric({
  id: 'csat',
  title: 'Customer satisfaction (CSAT)',
  kind: 'rate',
  definition: 'Satisfied CSAT answers (4 or 5 of 5) given in the period / all CSAT answers (percent)',
  compute: csat,
});

/**
 * The Erlang C queueing model: contacts arrive at random (Poisson), wait in one queue for the
 * first free agent, and never hang up. It is the standard way contact centres turn "contacts
 * per hour" and "average handle time" into "agents needed" (METRICS.md, section 6).
 */

export interface ErlangCInput {
  arrivalsPerHour: number;
  averageHandleSeconds: number;
  /** A whole number of agents. */
  agents: number;
  /** The service-level threshold: the share of contacts answered within this many seconds. */
  targetSeconds: number;
}

export interface ErlangCResult {
  /** The offered load in Erlangs: how many agents the work alone keeps busy. */
  trafficErlangs: number;
  /** The share of contacts that find every agent busy and have to wait (0-1). */
  probabilityOfWaiting: number;
  /** The share of contacts answered within the target (0-1). */
  serviceLevel: number;
  /**
   * The mean wait over all contacts, waiting or not, in seconds. Null when the agents cannot
   * keep up with the load: the queue then grows without bound and the mean wait is infinite,
   * which JSON cannot carry.
   */
  averageSpeedOfAnswerSeconds: number | null;
  /** The share of their time agents spend handling contacts (0-1). */
  occupancy: number;
}

export interface AgentsNeededInput {
  arrivalsPerHour: number;
  averageHandleSeconds: number;
  targetSeconds: number;
  /** The share of contacts to answer within targetSeconds (0-1), such as 0.8. */
  serviceLevelTarget: number;
  /** The highest acceptable occupancy (0-1], such as 0.85; no limit when not given. */
  maxOccupancy?: number;
}

/**
 * Erlang C: the probability of waiting, service level, average speed of answer and occupancy
 * of a queue served by a given number of agents.
 *
 * Formula, in words:
 * - traffic in Erlangs = arrivals per second x average handle time in seconds;
 * - the Erlang B blocking probability is built up one agent at a time, starting from 1 for no
 *   agents: blocking with n agents = traffic x blocking with n - 1 / (n + traffic x blocking
 *   with n - 1). This never forms a factorial or a power, so it neither overflows nor loses
 *   precision for loads of thousands of Erlangs;
 * - probability of waiting = blocking / (1 - (traffic / agents) x (1 - blocking));
 * - service level = 1 - probability of waiting x e^(-(agents - traffic) x target / handle time);
 * - average speed of answer = probability of waiting x handle time / (agents - traffic);
 * - occupancy = traffic / agents.
 *
 * When there are no more agents than the traffic, the queue grows without bound: every contact
 * waits (probability 1), none is answered within the target (service level 0), the mean wait is
 * infinite (reported as null) and the agents are always busy (occupancy 1). With no traffic at
 * all nobody waits: service level 1, no wait, occupancy 0.
 *
 * Cost: one step per agent.
 *
 * @throws when a number is negative or not finite, or agents is not a whole number
 * @example
 * // 200 contacts an hour, 3-minute handle time, 14 agents, 20-second target
 * erlangC({ arrivalsPerHour: 200, averageHandleSeconds: 180, agents: 14, targetSeconds: 20 });
 * // => { trafficErlangs: 10, probabilityOfWaiting: 0.1741319, serviceLevel: 0.88835,
 * //      averageSpeedOfAnswerSeconds: 7.836, occupancy: 0.7142857 } (rounded)
 */
export function erlangC(input: ErlangCInput): ErlangCResult {
  checkNonNegative('erlangC', input);
  if (!Number.isInteger(input.agents)) throw new Error('erlangC requires a whole number of agents');
  const traffic = trafficOf(input.arrivalsPerHour, input.averageHandleSeconds);
  let blocking = 1;
  for (let agents = 1; agents <= input.agents; agents++) blocking = nextBlocking(blocking, traffic, agents);
  return queueWith(traffic, input.agents, blocking, input.averageHandleSeconds, input.targetSeconds);
}

/**
 * Agents needed: the fewest agents whose Erlang C service level reaches the target (and whose
 * occupancy stays at or below maxOccupancy when one is given), with their Erlang C figures.
 *
 * The search starts at the first stable staffing (more agents than the traffic: fewer can
 * never keep up, whatever the target) and adds one agent at a time, carrying the Erlang B
 * recursion along, so finding N agents costs N steps in all. With no traffic, 0 agents are
 * needed and the service level is 1.
 *
 * @throws when a number is negative or not finite, serviceLevelTarget is above 1, or
 *   maxOccupancy is not in (0, 1]
 * @example
 * // 100 calls an hour, 3-minute handle time (5 Erlangs), 80% answered within 20 s
 * agentsNeeded({ arrivalsPerHour: 100, averageHandleSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.8 }).agents;
 * // => 8 (7 agents answer only about 74% within 20 s)
 */
export function agentsNeeded(input: AgentsNeededInput): { agents: number } & ErlangCResult {
  checkNonNegative('agentsNeeded', input);
  if (!(input.serviceLevelTarget <= 1)) throw new Error('agentsNeeded requires serviceLevelTarget between 0 and 1');
  const maxOccupancy = input.maxOccupancy ?? 1;
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) throw new Error('agentsNeeded requires maxOccupancy above 0 and at most 1');
  const { averageHandleSeconds, targetSeconds } = input;
  const traffic = trafficOf(input.arrivalsPerHour, averageHandleSeconds);
  let agents = 0;
  let blocking = 1;
  for (;;) {
    const result = queueWith(traffic, agents, blocking, averageHandleSeconds, targetSeconds);
    const stable = traffic === 0 || agents > traffic;
    if (stable && result.serviceLevel >= input.serviceLevelTarget && result.occupancy <= maxOccupancy) {
      return { agents, ...result };
    }
    agents++;
    blocking = nextBlocking(blocking, traffic, agents);
  }
}

/** Offered load in Erlangs: arrivals per second x handle time in seconds. */
function trafficOf(arrivalsPerHour: number, averageHandleSeconds: number): number {
  return (arrivalsPerHour / 3600) * averageHandleSeconds;
}

/** One step of the Erlang B recursion: blocking with `agents`, from blocking with one fewer. */
function nextBlocking(previous: number, traffic: number, agents: number): number {
  return (traffic * previous) / (agents + traffic * previous);
}

/** The Erlang C figures for `agents` agents, given their Erlang B blocking probability. */
function queueWith(
  traffic: number,
  agents: number,
  blocking: number,
  averageHandleSeconds: number,
  targetSeconds: number,
): ErlangCResult {
  if (traffic === 0) {
    return { trafficErlangs: 0, probabilityOfWaiting: 0, serviceLevel: 1, averageSpeedOfAnswerSeconds: 0, occupancy: 0 };
  }
  if (agents <= traffic) {
    return { trafficErlangs: traffic, probabilityOfWaiting: 1, serviceLevel: 0, averageSpeedOfAnswerSeconds: null, occupancy: 1 };
  }
  const occupancy = traffic / agents;
  const probabilityOfWaiting = blocking / (1 - occupancy * (1 - blocking));
  const spareAgents = agents - traffic;
  return {
    trafficErlangs: traffic,
    probabilityOfWaiting,
    serviceLevel: 1 - probabilityOfWaiting * Math.exp((-spareAgents * targetSeconds) / averageHandleSeconds),
    averageSpeedOfAnswerSeconds: (probabilityOfWaiting * averageHandleSeconds) / spareAgents,
    occupancy,
  };
}

/** Throws unless every number of the input is finite and not negative. */
function checkNonNegative(caller: string, input: object): void {
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new Error(`${caller} requires ${name} to be a finite number of at least 0`);
    }
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangC } from '../../src/metrics/erlang.js';

describe('erlangC', () => {
  it('reproduces the open-source libraries (METRICS.md 6): 100 per 30 min, 180 s, 14 agents', () => {
    // pyworkforce and R's ErlangC: 10 Erlangs, P(wait) 0.1741319, SL 0.88835, ASA 7.836 s
    const result = erlangC({ arrivalsPerHour: 200, averageHandleSeconds: 180, agents: 14, targetSeconds: 20 });
    expect(result.trafficErlangs).toBeCloseTo(10, 12);
    expect(Math.abs(result.probabilityOfWaiting - 0.1741319)).toBeLessThan(1e-6);
    expect(Math.abs(result.serviceLevel - 0.88835)).toBeLessThan(1e-5);
    expect(Math.abs(result.averageSpeedOfAnswerSeconds! - 7.836)).toBeLessThan(1e-3);
    expect(Math.abs(result.occupancy - 0.7142857)).toBeLessThan(1e-6);
  });

  it('reproduces the textbook check (METRICS.md 6): 7 agents on 5 Erlangs answer about 74% in 20 s', () => {
    const seven = erlangC({ arrivalsPerHour: 100, averageHandleSeconds: 180, agents: 7, targetSeconds: 20 });
    expect(seven.trafficErlangs).toBeCloseTo(5, 12);
    // 74.04%, as the common Erlang C calculators give it
    expect(Math.abs(seven.serviceLevel - 0.740441)).toBeLessThan(1e-6);
    const eight = erlangC({ arrivalsPerHour: 100, averageHandleSeconds: 180, agents: 8, targetSeconds: 20 });
    expect(Math.abs(eight.serviceLevel - 0.8801483)).toBeLessThan(1e-6);
  });

  it('calls the queue unstable when agents do not exceed the traffic', () => {
    for (const agents of [0, 3, 5]) {
      expect(erlangC({ arrivalsPerHour: 100, averageHandleSeconds: 180, agents, targetSeconds: 20 })).toEqual({
        trafficErlangs: 5,
        probabilityOfWaiting: 1,
        serviceLevel: 0,
        averageSpeedOfAnswerSeconds: null,
        occupancy: 1,
      });
    }
  });

  it('has nobody wait when there is no traffic', () => {
    const none = { trafficErlangs: 0, probabilityOfWaiting: 0, serviceLevel: 1, averageSpeedOfAnswerSeconds: 0, occupancy: 0 };
    expect(erlangC({ arrivalsPerHour: 0, averageHandleSeconds: 180, agents: 0, targetSeconds: 20 })).toEqual(none);
    expect(erlangC({ arrivalsPerHour: 0, averageHandleSeconds: 180, agents: 3, targetSeconds: 20 })).toEqual(none);
  });

  it('stays finite for thousands of Erlangs', () => {
    // 100,000 calls an hour x 180 s = 5,000 Erlangs; a factorial formula would overflow here
    const result = erlangC({ arrivalsPerHour: 100_000, averageHandleSeconds: 180, agents: 5_050, targetSeconds: 20 });
    expect(result.trafficErlangs).toBeCloseTo(5000, 9);
    expect(Number.isFinite(result.probabilityOfWaiting)).toBe(true);
    expect(result.probabilityOfWaiting).toBeGreaterThan(0);
    expect(result.probabilityOfWaiting).toBeLessThan(1);
    expect(result.serviceLevel).toBeGreaterThan(0);
    expect(result.serviceLevel).toBeLessThan(1);
  });

  it('throws on negative, non-finite or fractional input', () => {
    const valid = { arrivalsPerHour: 100, averageHandleSeconds: 180, agents: 8, targetSeconds: 20 };
    expect(() => erlangC({ ...valid, arrivalsPerHour: -1 })).toThrow('erlangC requires arrivalsPerHour to be a finite number of at least 0');
    expect(() => erlangC({ ...valid, averageHandleSeconds: NaN })).toThrow('erlangC requires averageHandleSeconds');
    expect(() => erlangC({ ...valid, targetSeconds: Infinity })).toThrow('erlangC requires targetSeconds');
    expect(() => erlangC({ ...valid, agents: 7.5 })).toThrow('erlangC requires a whole number of agents');
  });

  const arrivalsPerHour = fc.double({ min: 0.1, max: 2000, noNaN: true });
  const handleSeconds = fc.double({ min: 1, max: 3600, noNaN: true });
  const targetSeconds = fc.double({ min: 0, max: 600, noNaN: true });
  const agents = fc.integer({ min: 0, max: 400 });

  it('keeps P(wait) and service level in [0, 1]', () => {
    fc.assert(
      fc.property(arrivalsPerHour, handleSeconds, agents, targetSeconds, (arrivals, handle, n, target) => {
        const result = erlangC({ arrivalsPerHour: arrivals, averageHandleSeconds: handle, agents: n, targetSeconds: target });
        expect(result.probabilityOfWaiting).toBeGreaterThanOrEqual(0);
        expect(result.probabilityOfWaiting).toBeLessThanOrEqual(1);
        expect(result.serviceLevel).toBeGreaterThanOrEqual(0);
        expect(result.serviceLevel).toBeLessThanOrEqual(1);
        expect(result.occupancy).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('gives a service level that does not fall as agents are added', () => {
    fc.assert(
      fc.property(arrivalsPerHour, handleSeconds, agents, targetSeconds, (arrivals, handle, n, target) => {
        const base = { arrivalsPerHour: arrivals, averageHandleSeconds: handle, targetSeconds: target };
        const fewer = erlangC({ ...base, agents: n });
        const more = erlangC({ ...base, agents: n + 1 });
        expect(more.serviceLevel).toBeGreaterThanOrEqual(fewer.serviceLevel - 1e-12);
        expect(more.probabilityOfWaiting).toBeLessThanOrEqual(fewer.probabilityOfWaiting + 1e-12);
      }),
    );
  });
});

describe('agentsNeeded', () => {
  it('reproduces the textbook check (METRICS.md 6): 100 calls an hour, 180 s, 80% in 20 s -> 8 agents', () => {
    const result = agentsNeeded({ arrivalsPerHour: 100, averageHandleSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.8 });
    expect(result.agents).toBe(8);
    expect(result).toEqual({
      agents: 8,
      ...erlangC({ arrivalsPerHour: 100, averageHandleSeconds: 180, agents: 8, targetSeconds: 20 }),
    });
  });

  it('staffs the second check (METRICS.md 6) to the 14 agents it was computed for at an 88% target', () => {
    const result = agentsNeeded({ arrivalsPerHour: 200, averageHandleSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.88 });
    expect(result.agents).toBe(14);
    expect(Math.abs(result.probabilityOfWaiting - 0.1741319)).toBeLessThan(1e-6);
  });

  it('needs no agents for no traffic', () => {
    expect(agentsNeeded({ arrivalsPerHour: 0, averageHandleSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.8 })).toMatchObject({
      agents: 0,
      serviceLevel: 1,
    });
  });

  it('always staffs more agents than the traffic, even for a target of 0', () => {
    expect(agentsNeeded({ arrivalsPerHour: 100, averageHandleSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0 }).agents).toBe(6);
  });

  it('respects a maximum occupancy', () => {
    // 5 Erlangs on at most 50% occupancy need 10 agents, more than the 8 the service level needs
    const result = agentsNeeded({
      arrivalsPerHour: 100,
      averageHandleSeconds: 180,
      targetSeconds: 20,
      serviceLevelTarget: 0.8,
      maxOccupancy: 0.5,
    });
    expect(result.agents).toBe(10);
    expect(result.occupancy).toBe(0.5);
  });

  it('throws on a target or maximum occupancy out of range', () => {
    const valid = { arrivalsPerHour: 100, averageHandleSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.8 };
    expect(() => agentsNeeded({ ...valid, serviceLevelTarget: 1.5 })).toThrow('agentsNeeded requires serviceLevelTarget between 0 and 1');
    expect(() => agentsNeeded({ ...valid, serviceLevelTarget: -0.1 })).toThrow('agentsNeeded requires serviceLevelTarget');
    expect(() => agentsNeeded({ ...valid, maxOccupancy: 0 })).toThrow('agentsNeeded requires maxOccupancy above 0 and at most 1');
    expect(() => agentsNeeded({ ...valid, maxOccupancy: 1.2 })).toThrow('agentsNeeded requires maxOccupancy');
  });

  it('finds the fewest agents: one fewer misses the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 3600, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (arrivals, handle, target, serviceLevelTarget) => {
          const base = { arrivalsPerHour: arrivals, averageHandleSeconds: handle, targetSeconds: target };
          const needed = agentsNeeded({ ...base, serviceLevelTarget });
          expect(needed.serviceLevel).toBeGreaterThanOrEqual(serviceLevelTarget);
          expect(needed.agents).toBeGreaterThan(needed.trafficErlangs);
          const fewer = erlangC({ ...base, agents: needed.agents - 1 });
          // one fewer either misses the target or cannot keep up with the traffic at all
          expect(fewer.serviceLevel < serviceLevelTarget || needed.agents - 1 <= fewer.trafficErlangs).toBe(true);
        },
      ),
    );
  });
});

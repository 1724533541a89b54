import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { contactsFrom, customersFrom, surveysFrom } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { getMetric, METRIC_IDS, METRICS } from '../../src/metrics/registry.js';
import type { RateSummary } from '../../src/metrics/types.js';
import { hasNoNaN, MARCH, metricInput } from './helpers.js';

describe('registry', () => {
  it('lists each metric once, in catalogue order', () => {
    expect(METRIC_IDS).toEqual([
      'volume',
      'volume_change',
      'channel_mix',
      'contacts_per_customer',
      'conversations_per_agent',
      'first_response_time',
      'reply_time',
      'resolution_time',
      'wait_time',
      'handle_time',
      'after_contact_work',
      'service_level',
      'sla_compliance',
      'backlog',
      'backlog_aged',
      'fcr_rate',
      'interactions_per_ticket',
      'reopen_rate',
      'escalation_rate',
      'abandonment_rate',
      'missed_rate',
      'conversion_rate',
      'canned_response_usage',
      'csat',
      'nps',
      'ces',
      'retention_rate',
      'churn_rate',
    ]);
  });

  it('gives every metric a title and a one-line definition', () => {
    for (const metric of METRICS) {
      expect(metric.title).not.toBe('');
      expect(metric.definition).not.toMatch(/\n/);
      expect(metric.definition.length).toBeGreaterThan(10);
    }
  });

  it('finds a metric by id and refuses an unknown one', () => {
    expect(getMetric('nps').id).toBe('nps');
    expect(() => getMetric('happiness')).toThrow(UserError);
    expect(() => getMetric('happiness')).toThrow(/^unknown metric 'happiness'/);
  });

  it('gives n 0 and no NaN for empty data', () => {
    for (const metric of METRICS) {
      const result = metric.compute(metricInput());
      expect(result.n, metric.id).toBe(0);
      expect(hasNoNaN(result), metric.id).toBe(true);
      if (result.unit !== 'count') expect(result.value, metric.id).toBeNull();
    }
  });
});

describe('every metric on random data', () => {
  const DAY = 86400 * 1000;
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });
  // Instants from mid-February to mid-April, so that some fall before, in and after March.
  const instant = fc.integer({ min: MARCH.start - 15 * DAY, max: MARCH.end + 15 * DAY });
  const delay = fc.integer({ min: 0, max: 10 * DAY });
  const count = fc.integer({ min: 0, max: 5 });

  const contact = fc
    .record({
      channel: maybe(fc.constantFrom('email', 'chat', 'phone', 'social', 'web')),
      created: instant,
      firstResponse: maybe(delay),
      answered: maybe(delay),
      ended: maybe(delay),
      wrapUp: maybe(delay),
      resolved: maybe(delay),
      closed: maybe(delay),
      abandoned: maybe(fc.integer({ min: 0, max: 20_000 })),
      firstResponseDue: maybe(delay),
      missed: maybe(fc.boolean()),
      escalated: maybe(fc.boolean()),
      agent: maybe(fc.constantFrom('Ann', 'Bob', 'Cid')),
      customer: maybe(fc.constantFrom('c1', 'c2', 'c3', 'c4')),
      agentReplies: maybe(count),
      handoffs: maybe(count),
      reopens: maybe(count),
    })
    .map(
      (c): PlainRecord => ({
        channel: c.channel,
        created_at: c.created,
        first_response_at: c.firstResponse === undefined ? undefined : c.created + c.firstResponse,
        answered_at: c.answered === undefined ? undefined : c.created + c.answered,
        ended_at: c.ended === undefined ? undefined : c.created + c.ended,
        wrap_up_at: c.wrapUp === undefined ? undefined : c.created + c.wrapUp,
        resolved_at: c.resolved === undefined ? undefined : c.created + c.resolved,
        closed_at: c.closed === undefined ? undefined : c.created + c.closed,
        abandoned_at: c.abandoned === undefined ? undefined : c.created + c.abandoned,
        sla_first_response_due_at: c.firstResponseDue === undefined ? undefined : c.created + c.firstResponseDue,
        missed: c.missed,
        escalated: c.escalated,
        agent: c.agent,
        customer_id: c.customer,
        agent_replies: c.agentReplies,
        handoffs: c.handoffs,
        reopens: c.reopens,
      }),
    );
  const survey = fc.record({
    kind: fc.constantFrom('csat', 'nps'),
    score: fc.integer({ min: 0, max: 10 }),
    scale: maybe(fc.constantFrom(1, 5, 10)),
    responded_at: instant,
    agent: maybe(fc.constantFrom('Ann', 'Bob')),
  });
  const customer = fc
    .record({ started: instant, ended: maybe(delay) })
    .map((c): PlainRecord => ({ started_at: c.started, ended_at: c.ended === undefined ? undefined : c.started + c.ended }));

  const data = fc.record({
    contacts: fc.array(contact, { maxLength: 40 }),
    surveys: fc.array(survey, { maxLength: 20 }),
    customers: fc.array(customer, { maxLength: 20 }),
  });

  function isRate(value: unknown): value is RateSummary {
    return typeof value === 'object' && value !== null && 'ci95' in value && 'numerator' in value;
  }

  /** Every RateSummary in a result, the result itself included. */
  function ratesIn(value: unknown, found: RateSummary[] = []): RateSummary[] {
    if (isRate(value)) found.push(value);
    if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) ratesIn(inner, found);
    return found;
  }

  it('never gives NaN, and every rate lies in 0-100 with its interval around it', () => {
    fc.assert(
      fc.property(data, ({ contacts, surveys, customers }) => {
        const input = metricInput({
          contacts: contactsFrom(contacts.map((c, i) => ({ id: String(i), ...c }))),
          surveys: surveysFrom(surveys.map((s, i) => ({ id: String(i), ...s }))),
          customers: customersFrom(customers.map((c, i) => ({ customer_id: String(i), ...c }))),
        });
        for (const metric of METRICS) {
          const result = metric.compute(input);
          expect(hasNoNaN(result), metric.id).toBe(true);
          expect(result.n, metric.id).toBeGreaterThanOrEqual(0);
          for (const summary of ratesIn(result)) {
            if (summary.denominator === 0) {
              expect(summary.value, metric.id).toBeNull();
              continue;
            }
            const value = summary.value!;
            const [lower, upper] = summary.ci95!;
            expect(value, metric.id).toBeGreaterThanOrEqual(0);
            expect(value, metric.id).toBeLessThanOrEqual(100);
            expect(lower, metric.id).toBeLessThanOrEqual(value);
            expect(upper, metric.id).toBeGreaterThanOrEqual(value);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

import type { TextColumn } from '../model/table.js';
import { compareText, contactsCreated, isHandled } from './columns.js';
import type { MetricInput } from './types.js';
import { defineMetric } from './types.js';

/** One of the customers with most contacts. */
export interface TopCustomer {
  customer_id: string;
  contacts: number;
  /** The agents on those contacts, distinct and ordered. */
  agents: string[];
  /** Sum of ended - answered over those contacts that have both, in seconds. */
  handleTimeSeconds: number;
}

export interface ContactsPerCustomerResult {
  unit: 'contacts';
  /** In-scope contacts created in the period that have a customer id. */
  n: number;
  /** Contacts per distinct customer; null when there are none. */
  value: number | null;
  customers: number;
  /** Customers with more than one contact (repeat contacts). */
  repeatCustomers: number;
  /** repeatCustomers / customers x 100; null when there are no customers. */
  repeatShare: number | null;
  /** Up to TOP_CUSTOMERS customers, most contacts first, ties by customer id. */
  top: TopCustomer[];
}

/** How many customers `top` lists. */
export const TOP_CUSTOMERS = 10;

/**
 * Contacts per customer: how often each customer needs the team, who the heaviest users are,
 * and how many customers come back more than once (seed 003, "tickets of one customer").
 *
 * Formula: in-scope contacts created in the period that have a customer id / distinct customers
 * among them. Repeat customers are those with more than one such contact; their share is
 * repeat customers / customers x 100. For the customers with most contacts, the agents who
 * handled them (sent a reply or answered: see isHandled; an agent only assigned is not listed)
 * and the handle time they took (ended - answered, summed where both are known).
 * Period attribution: the period in which the contact was created.
 *
 * Cost: one pass to count per customer, a top-10 selection over the customers met, one more pass
 * for the top customers' agents and handle time.
 *
 * @example
 * // customer c1 wrote three times, c2 once
 * contactsPerCustomer(input).value; // => 2
 * contactsPerCustomer(input).repeatShare; // => 50
 */
export function contactsPerCustomer(input: MetricInput): ContactsPerCustomerResult {
  const contacts = input.data.contacts;
  const customerCodes = contacts.text.customer_id.codes;
  const customerIds = contacts.text.customer_id;

  const contactsPerCode = new Int32Array(customerIds.size);
  const created = contactsCreated(input);
  // The customers met, once each: the ranking goes over them, not over every customer read (a
  // breakdown group meets a few of them).
  const met = new Int32Array(created.length);
  let customers = 0;
  let repeatCustomers = 0;
  let counted = 0;
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    const customer = customerCodes[i];
    if (customer < 0) continue;
    counted++;
    const before = contactsPerCode[customer]++;
    if (before === 0) met[customers++] = customer;
    else if (before === 1) repeatCustomers++;
  }

  const top = topCustomers(met.subarray(0, customers), contactsPerCode, customerIds);
  describeTopCustomers(input, created, top);
  return {
    unit: 'contacts',
    n: counted,
    value: customers === 0 ? null : counted / customers,
    customers,
    repeatCustomers,
    repeatShare: customers === 0 ? null : (100 * repeatCustomers) / customers,
    top: top.map(({ customer, agents, handleTimeSeconds }) => ({
      customer_id: customerIds.valueAt(customer),
      contacts: contactsPerCode[customer],
      agents: [...agents].sort(compareText),
      handleTimeSeconds,
    })),
  };
}

/** A top customer while its details are gathered. */
interface TopCandidate {
  customer: number;
  agents: Set<string>;
  handleTimeSeconds: number;
}

/**
 * The customers with most contacts among the candidates (each once), most first, ties by customer
 * id: a selection into a short ordered list, so the cost grows with the number of candidates, not
 * with a full sort. Ids are made into strings only for ties, once each.
 */
function topCustomers(candidates: Int32Array, contactsPerCode: Int32Array, customerIds: TextColumn): TopCandidate[] {
  const ranked: number[] = [];
  const ids = new Map<number, string>();
  const idOf = (code: number): string => {
    let id = ids.get(code);
    if (id === undefined) {
      id = customerIds.valueAt(code);
      ids.set(code, id);
    }
    return id;
  };
  const ranksBefore = (a: number, b: number): boolean =>
    contactsPerCode[a] > contactsPerCode[b] || (contactsPerCode[a] === contactsPerCode[b] && compareText(idOf(a), idOf(b)) < 0);
  for (let k = 0; k < candidates.length; k++) {
    const code = candidates[k];
    if (ranked.length === TOP_CUSTOMERS && !ranksBefore(code, ranked[ranked.length - 1])) continue;
    let position = ranked.length;
    while (position > 0 && ranksBefore(code, ranked[position - 1])) position--;
    ranked.splice(position, 0, code);
    if (ranked.length > TOP_CUSTOMERS) ranked.pop();
  }
  return ranked.map((customer) => ({ customer, agents: new Set<string>(), handleTimeSeconds: 0 }));
}

/** Fills in the agents and handle time of the top customers, over the same contacts. */
function describeTopCustomers(input: MetricInput, created: Int32Array, top: TopCandidate[]): void {
  const contacts = input.data.contacts;
  const answeredAt = contacts.time.answered_at;
  const endedAt = contacts.time.ended_at;
  const customerCodes = contacts.text.customer_id.codes;
  const agents = contacts.text.agent;
  // Position in `top` + 1 of each customer code, 0 for customers not in it.
  const topPlace = new Uint8Array(contacts.text.customer_id.size);
  top.forEach((candidate, position) => (topPlace[candidate.customer] = position + 1));
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    const customer = customerCodes[i];
    if (customer < 0 || topPlace[customer] === 0) continue;
    const candidate = top[topPlace[customer] - 1];
    const agent = agents.codes[i];
    if (agent >= 0 && isHandled(contacts, i)) candidate.agents.add(agents.values[agent]);
    const handleTime = endedAt.at(i) - answeredAt.at(i);
    if (handleTime === handleTime) candidate.handleTimeSeconds += handleTime / 1000;
  }
}

export const contactsPerCustomerMetric = defineMetric({
  id: 'contacts_per_customer',
  title: 'Contacts per customer',
  kind: 'count',
  definition: 'Contacts created in the period per distinct customer; repeat customers and the customers with most contacts',
  compute: contactsPerCustomer,
});

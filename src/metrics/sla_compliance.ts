import type { TimeColumn } from '../model/table.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface SlaComplianceResult extends RateSummary {
  /** First-response targets alone. */
  first_response: RateSummary;
  /** Resolution targets alone. */
  resolution: RateSummary;
  /** Targets breached (decided in the period), both kinds. */
  breaches: number;
}

/** Met and decided counts of one kind of target. */
interface TargetCounts {
  met: number;
  decided: number;
}

type TargetKind = 'firstResponseSeconds' | 'resolutionSeconds';
type EventField = 'first_response_at' | 'resolved_at';

/** The policy target that applies to each (channel, priority) pair; -1 codes (missing) at index 0. */
interface PolicyTable {
  seconds: Float64Array;
  business: Uint8Array;
  priorities: number;
}

function policyTable(input: MetricInput, kind: TargetKind): PolicyTable {
  const { channel, priority } = input.data.contacts.text;
  const channels = channel.values.length + 1;
  const priorities = priority.values.length + 1;
  const seconds = new Float64Array(channels * priorities).fill(NaN);
  const business = new Uint8Array(channels * priorities);
  const matches = (accepted: readonly string[] | undefined, value: string | undefined) =>
    accepted === undefined || (value !== undefined && accepted.some((a) => a.toLowerCase() === value));
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < priorities; p++) {
      const policy = input.settings.slaPolicies.find(
        (candidate) =>
          candidate[kind] !== undefined &&
          matches(candidate.match.channel, c === 0 ? undefined : channel.values[c - 1]) &&
          matches(candidate.match.priority, p === 0 ? undefined : priority.values[p - 1]),
      );
      if (!policy) continue;
      seconds[c * priorities + p] = policy[kind]!;
      business[c * priorities + p] = policy.businessHours ? 1 : 0;
    }
  }
  return { seconds, business, priorities };
}

/** Whether any row has a value (not NaN). */
function hasAny(column: TimeColumn): boolean {
  for (let i = 0; i < column.length; i++) if (column.has(i)) return true;
  return false;
}

/**
 * Whether the export each contact came from records the event at all: its input has the field
 * (or a duration it is derived from, see rules.ts). An event log records replies and resolutions
 * as events. Tables built in code name no fields per input: there, whether any contact has it.
 */
function exportRecords(input: MetricInput, field: EventField): (row: number) => boolean {
  const { contacts, eventRows, inputFields } = input.data;
  if (!inputFields) {
    const any = hasAny(contacts.time[field]);
    return () => any;
  }
  const records = inputFields.map((fields) => fields.has(field));
  const folded = eventRows ? eventRows.firstContact : contacts.length;
  return (row) => row >= folded || records[contacts.origins.inputAt(row)];
}

/**
 * Decides every target of one kind and counts those decided in the period. A target is met when
 * the event happened at or before its due time, and is then decided at the event; otherwise it
 * is breached (late, or never happened), decided at the due time.
 */
function countTargets(
  input: MetricInput,
  dueColumn: TimeColumn,
  kind: TargetKind,
  eventField: EventField,
  outcomeColumn: Int8Array,
): TargetCounts {
  const contacts = input.data.contacts;
  const rows = input.contactRows;
  const count = rows ? rows.length : contacts.length;
  const { start, end } = input.period;
  const createdAt = contacts.time.created_at;
  const channelCodes = contacts.text.channel.codes;
  const priorityCodes = contacts.text.priority.codes;
  const eventColumn = contacts.time[eventField];
  // an export that does not record such events at all (no first replies in a ServiceNow log)
  // cannot show a policy target met: only its own due times and outcomes are judged then
  const judged = exportRecords(input, eventField);
  const policies = policyTable(input, kind);
  const calendar = input.calendar;
  let met = 0;
  let decided = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const outcome = outcomeColumn[i];
    if (outcome >= 0) {
      // the export says whether the target was met: decided at the event when there was one,
      // else at the due time when known, else at creation
      const event = eventColumn.at(i);
      const due = dueColumn.at(i);
      const at = outcome === 1 && event === event ? event : due === due ? due : event === event ? event : createdAt.at(i);
      if (!(at >= start && at < end)) continue;
      decided++;
      if (outcome === 1) met++;
      continue;
    }
    let due = dueColumn.at(i);
    if (due !== due) {
      if (!judged(i)) continue;
      const cell = (channelCodes[i] + 1) * policies.priorities + priorityCodes[i] + 1;
      const seconds = policies.seconds[cell];
      if (seconds !== seconds) continue; // no policy sets this target: the contact has none
      due =
        policies.business[cell] === 1 && calendar
          ? calendar.addOpenSeconds(createdAt.at(i), seconds)
          : createdAt.at(i) + seconds * 1000;
    }
    const event = eventColumn.at(i);
    const isMet = event <= due; // false when the event never happened (NaN)
    const decidedAt = isMet ? event : due;
    if (!(decidedAt >= start && decidedAt < end)) continue;
    decided++;
    if (isMet) met++;
  }
  return { met, decided };
}

/**
 * SLA compliance: the share of service-level targets that were met, counted per target as
 * Zendesk does.
 *
 * Each in-scope contact has up to two targets. First response: due at
 * `sla_first_response_due_at` when the export gives it, else at created + the first-response
 * target of the first SLA policy that matches the contact's channel and priority and sets one
 * (settings.slaPolicies: the config's policies, then the METRICS.md defaults by channel), else
 * none. Resolution: due at `sla_resolution_due_at`, else by the policies likewise (no default).
 * A policy in business hours adds its target in open time of input.calendar. When an input
 * does not record the event at all (it has no such column: a log without first replies),
 * policy targets of that kind are not judged for its contacts: every one would read as breached for want of
 * data. Where the export
 * says whether a target was met (`sla_first_response_met`, `sla_resolution_met`: Freshdesk
 * statuses, ServiceNow made_sla, Zammad diffs), that outcome is taken as it is, decided at the
 * reply/resolution when there was one, else at the due time, else at creation. A target is met when the first reply / the resolution happened at or before its due
 * time; otherwise it is breached, whether the event came late or never (a contact still open
 * past its target is breached).
 * Formula: targets met / targets decided x 100, also per kind of target.
 * Period attribution: a met target is decided at the moment of its event, a breached one at its
 * due time; a target counts in the period in which it was decided.
 *
 * @example
 * // an email answered after 2 h (target 24 h) and a chat answered after 5 min (target 2 min)
 * slaCompliance(input).value; // => 50
 * slaCompliance(input).breaches; // => 1
 */
export function slaCompliance(input: MetricInput): SlaComplianceResult {
  const contacts = input.data.contacts;
  const { time, flag } = contacts;
  const firstResponse = countTargets(input, time.sla_first_response_due_at, 'firstResponseSeconds', 'first_response_at', flag.sla_first_response_met);
  const resolution = countTargets(input, time.sla_resolution_due_at, 'resolutionSeconds', 'resolved_at', flag.sla_resolution_met);
  const met = firstResponse.met + resolution.met;
  const decided = firstResponse.decided + resolution.decided;
  return {
    ...rate(met, decided),
    first_response: rate(firstResponse.met, firstResponse.decided),
    resolution: rate(resolution.met, resolution.decided),
    breaches: decided - met,
  };
}

export const slaComplianceMetric = defineMetric({
  id: 'sla_compliance',
  title: 'SLA compliance',
  kind: 'rate',
  definition: 'First-response and resolution targets met / targets decided in the period (percent)',
  compute: slaCompliance,
});

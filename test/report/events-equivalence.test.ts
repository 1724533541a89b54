import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read.js';
import { expandSources } from '../../src/ingest/sources.js';
import { DEFAULT_SETTINGS } from '../../src/metrics/types.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/report.js';
import { parsePeriod } from '../../src/time/period.js';
import { tempFiles } from '../helpers/cli.js';
import type { ContactStory } from '../helpers/contacts.js';
import { contactStories, csvOf, EVENT_COLUMNS, ndjsonOf, STORY_COLUMNS } from '../helpers/contacts.js';

const PERIOD = parsePeriod('2024-03', { zone: 'UTC', now: 0 });

async function report(files: Record<string, string>): Promise<Report> {
  const dir = tempFiles(files);
  const { data, inputs } = await readInputs(expandSources([dir]), { zone: 'UTC' });
  return buildReport(data, inputs, { period: PERIOD, filters: {}, settings: DEFAULT_SETTINGS, breakdowns: ['channel', 'agent'] });
}

/** The metrics both forms can give: reply_time and the macro counts come only from events. */
function comparable(metrics: Record<string, MetricResult>): unknown {
  const { reply_time: _replyTime, ...rest } = metrics;
  const { topMacros: _topMacros, ...canned } = rest.canned_response_usage;
  return round({ ...rest, canned_response_usage: canned });
}

/** Equal up to floating-point summation order (the same values added in another order). */
function round(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(10));
  if (Array.isArray(value)) return value.map(round);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
  return value;
}

/** Stories, with a permutation of all their events and where to cut it into two files. */
const scenario = contactStories(20).chain((stories) => {
  const events = stories.flatMap((story) => story.events);
  return fc.tuple(fc.constant(stories), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.nat());
});

describe('event-level and row-per-contact exports of the same contacts (property test)', () => {
  it('give the same metrics, whatever the order of the events and however they are split', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([stories, shuffled, cut]) => {
        const at = shuffled.length === 0 ? 0 : cut % (shuffled.length + 1);
        const rows = (stories as ContactStory[]).map((story) => story.row);
        const asRows = await report({ 'contacts.csv': csvOf(STORY_COLUMNS, rows) });
        const eventFiles: Record<string, string> = { 'events-1.csv': csvOf(EVENT_COLUMNS, shuffled.slice(0, at)) };
        // an empty NDJSON file has no keys to tell its kind from
        if (at < shuffled.length) eventFiles['events-2.ndjson'] = ndjsonOf(shuffled.slice(at));
        const asEvents = await report(eventFiles);
        expect(comparable(asEvents.metrics)).toEqual(comparable(asRows.metrics));
        for (const [dimension, groups] of Object.entries(asRows.breakdowns!)) {
          expect(Object.keys(asEvents.breakdowns![dimension]), dimension).toEqual(Object.keys(groups));
          for (const [label, group] of Object.entries(groups)) {
            expect(comparable(asEvents.breakdowns![dimension][label].metrics), `${dimension} ${label}`).toEqual(comparable(group.metrics));
          }
        }
        for (const input of [...asRows.inputs, ...asEvents.inputs]) {
          expect(input.rows.rejected, input.path).toBe(0);
          const { read, used, filtered, rejected } = input.rows;
          expect(read, input.path).toBe(used + filtered + rejected);
        }
        // row-per-contact exports hold no replies
        expect(asRows.metrics.reply_time.n).toBe(0);
        expect(asRows.metrics.canned_response_usage.topMacros).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});

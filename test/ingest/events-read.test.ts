import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read.js';
import type { ParallelOptions } from '../../src/ingest/parallel.js';
import { expandSources } from '../../src/ingest/sources.js';
import type { Dataset } from '../../src/model/dataset.js';
import { tempFiles } from '../helpers/cli.js';
import { columnValues } from '../helpers/columns.js';

/**
 * Event-level files read on several cores (workers run the built code: `npm run build` first)
 * give what one thread gives: events have no key, so no row is taken for a duplicate.
 */

const HEADER = 'contact_id,at,type,actor_type,actor,macro,channel';
const TYPES = ['message,customer,', 'message,agent,ana', 'message,bot,bot', 'note,agent,bo', 'assigned,system,bo'];

function eventsCsv(contacts: number, perContact: number): string {
  const lines = [HEADER];
  for (let k = 0; k < perContact; k++) {
    for (let c = 0; c < contacts; c++) {
      const at = new Date(Date.UTC(2024, 2, 1) + c * 3_600_000 + k * 60_000).toISOString();
      const what = k === 0 ? 'created,customer,' : TYPES[(c + k) % TYPES.length];
      lines.push(`E${c},${at},${what},${k % 7 === 3 ? 'greeting' : ''},${k === 0 ? 'chat' : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

let workerRanges = 0;

async function read(dir: string, parallel: ParallelOptions): Promise<Dataset> {
  const { data, inputs } = await readInputs(expandSources([dir]), { zone: 'UTC', parallel });
  workerRanges = inputs[0].workerRanges;
  return data;
}

describe('event-level files read in parallel', () => {
  it('fold into the same contacts and replies as read by one thread', async () => {
    const dir = tempFiles({ 'events.csv': eventsCsv(300, 40) });
    const one = await read(dir, { minBytes: Number.POSITIVE_INFINITY });
    const many = await read(dir, { minBytes: 1, ranges: 4 });
    expect(workerRanges).toBeGreaterThan(0);
    expect(one.contacts.length).toBe(300);
    expect(many.contacts.length).toBe(300);
    for (const [name, column] of Object.entries(one.contacts.time)) expect(Array.from(many.contacts.time[name as keyof typeof one.contacts.time].toMillis()), name).toEqual(Array.from(column.toMillis()));
    for (const [name, column] of Object.entries(one.contacts.number)) expect(columnValues(many.contacts.number[name as keyof typeof one.contacts.number]), name).toEqual(columnValues(column));
    const ids = (data: Dataset) => Array.from(data.contacts.text.id.codes, (code) => data.contacts.text.id.values[code]);
    expect(ids(many)).toEqual(ids(one));
    expect(many.replies!.length).toBe(one.replies!.length);
    expect(Array.from(many.replies!.time.at.toMillis())).toEqual(Array.from(one.replies!.time.at.toMillis()));
    expect(Array.from(many.eventRows!.contact)).toEqual(Array.from(one.eventRows!.contact));
  });
});

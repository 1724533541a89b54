import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readInputs } from '../../src/ingest/read.js';
import { expandSources } from '../../src/ingest/sources.js';
import { textAt } from '../../src/model/table.js';
import { tempFiles } from '../helpers/cli.js';

async function read(files: Record<string, string | Buffer>, args?: string[], zone = 'UTC') {
  const dir = tempFiles(files);
  const paths = args ? args.map((a) => a.replace('DIR', dir)) : [dir];
  return readInputs(expandSources(paths), { zone });
}

describe('kinds', () => {
  it('are detected from the columns, in any case and spacing', async () => {
    const { inputs, data } = await read({
      'a.csv': 'ID,Created At,Channel\nT1,2024-03-01T00:00:00Z,Email\n',
      'b.csv': 'id,kind,score,responded_at\nS1,csat,5,2024-03-02T00:00:00Z\n',
      'c.csv': 'customer_id,started_at,ended_at\nK1,2023-01-01,\n',
    });
    expect(inputs.map((i) => i.kind)).toEqual(['contacts', 'surveys', 'customers']);
    expect(textAt(data.contacts.text.channel, 0)).toBe('email');
    expect(inputs[0].columns).toMatchObject({ id: 'ID', created_at: 'Created At' });
  });

  it('can be forced with kind:path, which then needs its columns', async () => {
    const dir = tempFiles({ 'x.csv': 'id,created_at\nT1,2024-03-01T00:00:00Z\n' });
    const forced = await readInputs(expandSources([`contacts:${join(dir, 'x.csv')}`]), { zone: 'UTC' });
    expect(forced.inputs[0].kind).toBe('contacts');
    await expect(readInputs(expandSources([`surveys:${join(dir, 'x.csv')}`]), { zone: 'UTC' })).rejects.toThrow(
      /surveys need the column\(s\) kind, score, responded_at/,
    );
  });

  it('lists unmapped columns', async () => {
    const { inputs } = await read({ 'a.csv': 'id,created_at,mood\nT1,2024-03-01T00:00:00Z,happy\n' });
    expect(inputs[0].unmappedColumns).toEqual(['mood']);
  });

  it('event-level exports are detected and folded into contacts; each needs its actor type', async () => {
    const { inputs, data } = await read({
      'e.csv': 'Contact ID,At,Type,Actor Type,Actor\nE1,2024-03-01T00:00:00Z,created,customer,\nE1,2024-03-01T00:10:00Z,message,agent,ana\n',
    });
    expect(inputs[0].kind).toBe('events');
    expect(data.contacts.length).toBe(1);
    expect(textAt(data.contacts.text.id, 0)).toBe('E1');
    expect(textAt(data.contacts.text.agent, 0)).toBe('ana');
    expect(data.replies?.length).toBe(1);
    expect([...data.eventRows!.contact]).toEqual([0, 0]);
    await expect(read({ 'e.csv': 'contact_id,at,type\nT1,2024-03-01T00:00:00Z,created\n' })).rejects.toThrow(
      /events \(contact_id, at, type, actor_type\)/,
    );
  });
});

describe('rejects and warnings', () => {
  it('reject rows with their line, column and reason; keep rows with a bad optional value', async () => {
    const csv = [
      'id,created_at,resolved_at,missed,agent_replies',
      'T1,2024-03-01T00:00:00Z,soon,maybe,2', // line 2: kept, three warnings
      ',2024-03-01T00:00:00Z,,,', // line 3: no id
      'T3,,,,', // line 4: no created_at
      'T4,2024-03-01T00:00:00Z,,', // line 5: too few fields
      '"T5","2024-03-01T00:00:00Z","2024-02-01T00:00:00Z",,', // line 6: resolved before created
    ].join('\n');
    const { inputs, data } = await read({ 'c.csv': csv });
    const { log } = inputs[0];
    expect(log.read).toBe(5);
    expect(log.rejected).toBe(4);
    expect(log.rejects).toEqual([
      { line: 3, column: 'id', reason: 'missing required value id' },
      { line: 4, column: 'created_at', reason: 'missing required value created_at' },
      { line: 5, reason: 'expected 5 fields, found 4' },
      { line: 6, reason: 'resolved_at is before created_at' },
    ]);
    expect(log.warnings).toBe(2);
    expect(log.warningSamples.map((w) => w.column)).toEqual(['resolved_at', 'missed']);
    expect(data.contacts.length).toBe(1);
    expect(data.contacts.number.agent_replies.at(0)).toBe(2);
    expect(!data.contacts.time.resolved_at.has(0)).toBe(true);
  });

  it('a duplicate id across files is rejected once, naming where it was first seen', async () => {
    const row = 'id,created_at\nT1,2024-03-01T00:00:00Z\n';
    const { inputs, data } = await read({ 'a.csv': row, 'b.csv': row });
    expect(data.contacts.length).toBe(1);
    expect(inputs[1].log.rejects[0].reason).toMatch(/duplicate id 'T1' \(first seen at .*a\.csv:2\)/);
  });

  it('finds duplicates and reuses text values after an input of another kind came between', async () => {
    // Reading the surveys frees the contacts' hash tables; the third file needs them again.
    const { inputs, data } = await read({
      'a.csv': 'id,created_at,channel\nT1,2024-03-01T00:00:00Z,email\nT2,2024-03-01T00:00:00Z,chat\n',
      'b.csv': 'id,kind,score,responded_at,contact_id\nS1,csat,5,2024-03-02T00:00:00Z,T1\n',
      'c.csv': 'id,created_at,channel\nT3,2024-03-03T00:00:00Z,chat\nT1,2024-03-03T00:00:00Z,email\n',
    });
    expect(data.contacts.length).toBe(3);
    expect(inputs[2].log.rejects.map((r) => r.reason)).toEqual([expect.stringMatching(/duplicate id 'T1' \(first seen at .*a\.csv:2\)/)]);
    expect(data.contacts.text.channel.values).toEqual(['email', 'chat']);
    expect(data.contacts.text.id.find('T3')).toBe(2);
  });

  it('a rejected row does not claim its id', async () => {
    const { data } = await read({ 'a.csv': 'id,created_at\nT1,never\nT1,2024-03-01T00:00:00Z\n' });
    expect(data.contacts.length).toBe(1);
  });

  it('survey scores outside their scale are rejected', async () => {
    const csv = [
      'id,kind,score,scale,responded_at',
      'S1,nps,11,,2024-03-01T00:00:00Z',
      'S2,csat,6,5,2024-03-01T00:00:00Z',
      'S3,mood,3,,2024-03-01T00:00:00Z',
      'S4,csat,4,,2024-03-01T00:00:00Z',
    ].join('\n');
    const { inputs } = await read({ 's.csv': csv });
    expect(inputs[0].log.rejects.map((r) => r.reason)).toEqual([
      'nps score 11 is outside 0-10',
      'csat score 6 is outside 0-5',
      "unknown survey kind 'mood' (expected csat, nps or ces)",
    ]);
  });

  it('malformed JSON records are rejected with their line and the rest read', async () => {
    const ndjson = '{"id":"T1","created_at":"2024-03-01T00:00:00Z"}\n{"id":"T2",\n{"id":"T3","created_at":"2024-03-02T00:00:00Z"}\n';
    const { inputs, data } = await read({ 'c.ndjson': ndjson });
    expect(data.contacts.length).toBe(2);
    expect(inputs[0].format).toBe('ndjson');
    expect(inputs[0].log.rejects[0].line).toBe(2);
  });
});

describe('time zones', () => {
  it('naive timestamps are read in the given zone, offsets as written', async () => {
    const csv = 'id,created_at,first_response_at\nT1,2024-03-05 14:00:00,2024-03-05T14:30:00+01:00\nT2,05/03/2024 14:00,\n';
    const { data } = await read({ 'c.csv': csv }, undefined, 'Europe/Berlin');
    expect(data.contacts.time.created_at.at(0)).toBe(Date.UTC(2024, 2, 5, 13, 0));
    expect(data.contacts.time.first_response_at.at(0)).toBe(Date.UTC(2024, 2, 5, 13, 30));
    expect(data.contacts.time.created_at.at(1)).toBe(Date.UTC(2024, 2, 5, 13, 0));
  });
});

describe('paths', () => {
  it('a missing path and an empty folder are user errors naming the path', async () => {
    expect(() => expandSources(['/no/such/file.csv'])).toThrow(UserError);
    const empty = tempFiles({ 'notes.md': '# nothing' });
    expect(() => expandSources([empty])).toThrow(/holds no data files/);
  });
});

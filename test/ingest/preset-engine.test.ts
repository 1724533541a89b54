import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/fields.js';
import type { KindSpec } from '../../src/model/fields.js';
import { TableBuilder } from '../../src/model/table.js';
import type { ContactTable, SurveyTable } from '../../src/model/table.js';
import { InputLog } from '../../src/ingest/log.js';
import type { MapTarget } from '../../src/ingest/map.js';
import { choosePreset, hmsSeconds, PresetReader, recordHeader } from '../../src/ingest/presets/engine.js';
import { applyMapping, checkMappings, findMapping, selectPreset } from '../../src/ingest/presets/mapping.js';
import { PRESETS } from '../../src/ingest/presets/index.js';
import { compileTimeFormat } from '../../src/time/format.js';
import { createTimestampParser } from '../../src/time/timestamp.js';
import { columnValues } from '../helpers/columns.js';

function target(kind: 'contacts' | 'surveys', input = 0): MapTarget {
  return {
    kind,
    table: new TableBuilder(KINDS[kind] as KindSpec),
    input,
    parseTime: createTimestampParser({ zone: 'UTC' }),
    log: new InputLog(),
    inputPaths: ['a.csv', 'a.csv (surveys)'],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('time formats', () => {
  it('reads luxon-style formats by hand, unpadded or padded', () => {
    const dmy = compileTimeFormat('d/M/yyyy H:mm');
    expect(iso(dmy('29/2/2016 01:16'))).toBe('2016-02-29T01:16:00.000Z');
    expect(iso(dmy('5/3/2016 12:00'))).toBe('2016-03-05T12:00:00.000Z');
    expect(iso(dmy('05/03/2016'))).toBe('2016-03-05T00:00:00.000Z'); // the time left out: midnight
    expect(dmy('30/2/2016 01:16')).toBeNaN();
    expect(dmy('2016-02-29 01:16')).toBeNaN();
    const named = compileTimeFormat('d-MMM-yy H:mm');
    expect(iso(named('1-Jan-21 9:12'))).toBe('2021-01-01T09:12:00.000Z');
    expect(iso(named('15-sep-21 23:59'))).toBe('2021-09-15T23:59:00.000Z');
    const twelve = compileTimeFormat("yyyy-MM-dd'T'hh:mm:ss.SSS a");
    expect(iso(twelve('2024-03-05T12:30:00.250 AM'))).toBe('2024-03-05T00:30:00.250Z');
    expect(() => compileTimeFormat('H:mm')).toThrow(/year, a month and a day/);
    expect(() => compileTimeFormat('d/M/yyyy Q')).toThrow(/unknown token 'Q'/);
  });

  it('agrees with luxon on formatted instants (property)', () => {
    const formats = ['d/M/yyyy H:mm', 'dd-MM-yyyy HH:mm:ss', 'd-MMM-yy H:mm', 'M/d/yyyy h:mm a', "yyyy-MM-dd'T'HH:mm:ss.SSS", 'dd.MM.yyyy'];
    fc.assert(
      fc.property(fc.constantFrom(...formats), fc.integer({ min: Date.UTC(1961, 0, 1), max: Date.UTC(2058, 11, 31) }), (format, ms) => {
        const time = DateTime.fromMillis(ms, { zone: 'utc' });
        const text = time.toFormat(format);
        const expected = DateTime.fromFormat(text, format, { zone: 'utc' }).toMillis();
        expect(compileTimeFormat(format)(text)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads H:MM:SS durations, negatives included', () => {
    expect(hmsSeconds('0:02:23')).toBe(143);
    expect(hmsSeconds('-01:00:00')).toBe(-3600);
    expect(hmsSeconds('12:30')).toBe(750);
    expect(hmsSeconds('abc')).toBeNaN();
    expect(hmsSeconds('1:2:3:4')).toBeNaN();
  });
});

describe('preset detection', () => {
  it('finds a preset from its header, case-insensitively, ignoring custom columns', () => {
    const header = ['ticket id', 'SUBJECT', 'Status', 'Priority', 'Source', 'Type', 'Agent', 'Group', 'Created Time', 'Resolved Time', 'My custom field'];
    const choice = choosePreset(header, 'f.csv');
    expect(choice?.preset.name).toBe('freshdesk');
    expect(choice?.confidence).toBeCloseTo(10 / 18, 5);
  });

  it('leaves native exports alone', () => {
    const header = ['id', 'channel', 'created_at', 'first_response_at', 'resolved_at', 'status', 'priority', 'agent'];
    expect(choosePreset(header, 'f.csv')).toBeUndefined();
  });

  it('takes the zone from the header', () => {
    const header = ['Conversation ID', 'Conversation started at (Europe/Berlin)', 'Channel', 'Current conversation state', 'Teammate currently assigned'];
    const choice = choosePreset(header, 'f.csv');
    expect(choice?.preset.variant).toBe('conversations CSV export');
    expect(choice?.headerZone).toBe('Europe/Berlin');
  });

  it('names what a named preset lacks', () => {
    expect(() => choosePreset(['a', 'b'], 'f.csv', { name: 'zendesk' })).toThrow(/not a zendesk export.*'Id'/);
    expect(() => choosePreset(['a'], 'f.csv', { name: 'nope' })).toThrow(/unknown preset 'nope'/);
    expect(choosePreset(['Id', 'Created at', 'Via', 'Status'], 'f.csv', { name: 'native' })).toBeUndefined();
  });

  it('sees through the wrapper of JSON records', () => {
    const header = recordHeader({ ticket: { id: 1, created_at: 'x', status: 'open', priority: null, subject: 's', requester_id: 2, assignee_id: 3, group_id: 4, via: { channel: 'email' }, type: null, tags: [] } });
    expect(choosePreset(header, 'f.ndjson')?.preset.variant).toBe('JSON / API tickets');
  });
});

describe('PresetReader', () => {
  it('maps values, units and survey answers, and folds event logs by their order column', () => {
    const preset = PRESETS.find((p) => p.name === 'servicenow')!;
    const header = ['number', 'incident_state', 'sys_mod_count', 'opened_at', 'resolved_at', 'priority', 'made_sla', 'contact_type', 'assigned_to'];
    const contacts = target('contacts');
    const reader = new PresetReader({ preset, confidence: 1, origin: 'named' }, header, { zone: 'UTC', target: contacts });
    reader.row(['INC1', 'New', '0', '29/2/2016 01:16', '?', '2 - High', 'true', 'Phone', '?'], 2);
    reader.row(['INC1', 'Closed', '3', '29/2/2016 01:16', '1/3/2016 10:00', '2 - High', 'false', 'Phone', 'Agent 7'], 3);
    reader.row(['INC1', 'Resolved', '2', '29/2/2016 01:16', '1/3/2016 09:00', '2 - High', 'true', 'Phone', 'Agent 7'], 4);
    reader.row(['INC2', 'New', '0', '1/3/2016 00:00', '?', '4 - Low', 'true', 'Email', '?'], 5);
    reader.end();
    const table = (contacts.table.build() as unknown as ContactTable);
    expect(table.length).toBe(2);
    expect(reader.rowsFolded).toBe(2);
    expect(contacts.log.read).toBe(2);
    expect(iso(table.time.created_at.at(0))).toBe('2016-02-29T01:16:00.000Z');
    expect(iso(table.time.resolved_at.at(0))).toBe('2016-03-01T10:00:00.000Z'); // sys_mod_count 3 wins over the later row's 2
    expect(table.text.status.values[table.text.status.codes[0]]).toBe('closed');
    expect(table.text.priority.values[table.text.priority.codes[0]]).toBe('high');
    expect(table.text.priority.values[table.text.priority.codes[1]]).toBe('low');
    expect(table.flag.sla_resolution_met[0]).toBe(0);
    expect(table.time.resolved_at.at(1)).toBeNaN();
    expect(table.text.agent.codes[1]).toBe(-1); // '?' is empty
  });

  it('emits CSAT answers only for rated rows, and drops negative durations with a warning', () => {
    const preset = PRESETS.find((p) => p.name === 'zendesk' && p.variant.includes('CSV'))!;
    const header = ['Id', 'Via', 'Created at', 'Updated at', 'Satisfaction Score', 'First reply time in minutes', 'Assignee'];
    const contacts = target('contacts');
    const surveys = target('surveys', 1);
    const reader = new PresetReader({ preset, confidence: 1, origin: 'named' }, header, { zone: 'UTC', target: contacts, surveyTarget: surveys });
    reader.row(['1', 'Voice', '2024-03-01 09:00:00', '2024-03-02 09:00:00', 'Good', '30', 'ana'], 2);
    reader.row(['2', 'Twitter', '2024-03-01 10:00:00', '2024-03-01 11:00:00', 'Offered', '-5', 'bo'], 3);
    reader.row(['3', 'Web Widget', '2024-03-01 11:00:00', '2024-03-01 12:00:00', 'Bad', '', 'bo'], 4);
    const c = (contacts.table.build() as unknown as ContactTable);
    expect(c.text.channel.values).toEqual(['phone', 'social', 'web']);
    expect(iso(c.time.first_response_at.at(0))).toBe('2024-03-01T09:30:00.000Z');
    expect(c.number.first_response_seconds.at(1)).toBeNaN();
    expect(contacts.log.warnings).toBe(1);
    const s = (surveys.table.build() as unknown as SurveyTable);
    expect(s.length).toBe(2);
    expect(columnValues(s.number.score)).toEqual([1, 0]);
    expect(columnValues(s.number.scale)).toEqual([1, 1]);
    expect(surveys.log.read).toBe(2);
  });

  it('reads nested paths of wrapped JSON records', () => {
    const preset = PRESETS.find((p) => p.variant === 'JSON / API tickets')!;
    const contacts = target('contacts');
    const reader = new PresetReader({ preset, confidence: 1, origin: 'named' }, undefined, { zone: 'UTC', target: contacts }, true);
    reader.object({ ticket: { id: 7, created_at: '2024-03-01T09:00:00Z', via: { channel: 'chat' }, metric_set: { reply_time_in_minutes: { calendar: 3, business: 1 } } } }, 1);
    const c = (contacts.table.build() as unknown as ContactTable);
    expect(c.length).toBe(1);
    expect(c.text.channel.values).toEqual(['chat']);
    expect(c.number.first_response_seconds.at(0)).toBe(180);
    expect(c.number.first_response_business_seconds.at(0)).toBe(60);
  });
});

describe('config mappings', () => {
  const entry = {
    path: 'calls/Call-Center-Dataset.csv',
    kind: 'contacts' as const,
    map: { id: 'Call Id', created_at: ['Date', 'Time'], wait_seconds: 'Speed of answer in seconds', abandoned_at: ['Date', 'Time'] },
    values: { channel: {} },
    units: { wait_seconds: 'seconds' as const },
    when: { wait_seconds: { 'Answered (Y/N)': ['Y'] }, abandoned_at: { 'Answered (Y/N)': ['N'] } },
    constants: { channel: 'phone' },
    time: { format: 'd-MMM-yy H:mm' },
  };

  it('match inputs by path or path suffix, and by kind', () => {
    expect(findMapping('data/calls/Call-Center-Dataset.csv', undefined, [entry])?.index).toBe(0);
    expect(findMapping('Call-Center-Dataset.csv', undefined, [entry])).toBeUndefined();
    expect(findMapping('data/calls/Call-Center-Dataset.csv', 'surveys', [entry])).toBeUndefined();
  });

  it('are validated against the model', () => {
    expect(() => checkMappings([{ path: 'x', kind: 'contacts', map: { nope: 'A' } }])).toThrow(/inputs\[0\]\.map\.nope: not a field of contacts/);
    expect(() => checkMappings([{ path: 'x', time: { format: 'Q' } }])).toThrow(/inputs\[0\]\.time\.format/);
    expect(() => checkMappings([{ path: 'x', preset: 'nope' }])).toThrow(/unknown preset 'nope'/);
    expect(() => checkMappings([entry])).not.toThrow();
  });

  it('read joined columns, conditions and constants', () => {
    const header = ['Call Id', 'Agent', 'Date', 'Time', 'Answered (Y/N)', 'Speed of answer in seconds'];
    const choice = selectPreset(header, 'f.csv', { mapping: entry })!;
    expect(choice.origin).toBe('config');
    const contacts = target('contacts');
    const reader = new PresetReader(choice, header, { zone: 'UTC', target: contacts });
    reader.row(['ID1', 'Diane', '1-Jan-21', '9:12', 'Y', '109'], 2);
    reader.row(['ID2', 'Becky', '1-Jan-21', '9:47', 'N', '0'], 3);
    const c = (contacts.table.build() as unknown as ContactTable);
    expect(iso(c.time.answered_at.at(0))).toBe('2021-01-01T09:13:49.000Z');
    expect(c.time.abandoned_at.at(0)).toBeNaN();
    expect(c.time.answered_at.at(1)).toBeNaN();
    expect(iso(c.time.abandoned_at.at(1))).toBe('2021-01-01T09:47:00.000Z');
    expect(c.text.channel.values).toEqual(['phone']);
    expect(reader.mappedColumns.created_at).toBe('Date + Time');
    expect(reader.mappedColumns.agent).toBe('Agent'); // native column names keep working
    expect(reader.unmappedColumns).toEqual([]);
    expect(applyMapping(PRESETS[0], { path: 'x', map: { agent: 'Owner' } }).fields.agent).toEqual({ columns: ['Owner'], join: undefined, value: undefined });
  });
});

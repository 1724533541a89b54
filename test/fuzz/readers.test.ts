import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { ParallelOptions } from '../../src/ingest/parallel.js';
import { readInputs } from '../../src/ingest/read.js';
import type { ReadResult } from '../../src/ingest/read.js';
import { LISTED_PROBLEMS } from '../../src/ingest/log.js';
import { expandSources } from '../../src/ingest/sources.js';
import type { Kind } from '../../src/model/fields.js';
import { KEY_FIELD, KINDS, KIND_NAMES } from '../../src/model/fields.js';
import type { Dataset } from '../../src/model/dataset.js';
import { NumberColumn, TimeColumn, textAt } from '../../src/model/table.js';
import type { TextColumn } from '../../src/model/table.js';
import { COLUMNS, contactRows } from '../helpers/contacts.js';
import type { ContactRow } from '../helpers/contacts.js';

/**
 * Hostile input for the readers (src/ingest): arbitrary bytes, and near-misses of a valid native
 * contacts export (stray quotes and delimiters, BOMs in odd places, UTF-16, invalid UTF-8, NUL
 * bytes, huge cells and lines, truncation, CR-only line ends, duplicate headers and rows, empty
 * and header-only files). Whatever the bytes:
 *
 * - reading never throws anything but a UserError, and a UserError only for a whole-file problem
 *   (nothing to read, or no header that names a kind), naming that file;
 * - every row is accounted for: for each input, read = rows committed from it + rejected;
 * - what is committed is sound: line numbers inside the file, the key and the required values
 *   present, no key twice;
 * - how the bytes arrive (a file, or standard input in chunks cut anywhere) and how many threads
 *   read them changes nothing.
 *
 * The suite runs a short campaign (a few seconds). A long one:
 * `FUZZ_RUNS=200000 FUZZ_SEED=1 npx vitest run test/fuzz/readers.test.ts` (the stdin property runs
 * half as often, the worker one a twentieth; FUZZ_SEED replays a campaign). The worker property
 * runs the built workers (dist/), so build first (`npm test` does). Reading is synchronous inside
 * a run, so a true infinite loop would block the runner rather than fail a timeout; every read
 * is timed instead, and one over RUN_LIMIT_MS fails, which catches super-linear blow-ups.
 */

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 0;
const FUZZ_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
/** The number of runs of a property: `suite` in the test suite, FUZZ_RUNS in a campaign (`share` of it for the costly ones). */
const runs = (suite: number, share = 1) => (FUZZ_RUNS > 0 ? Math.max(suite, Math.round(FUZZ_RUNS * share)) : suite);
const settings = (numRuns: number) => ({ numRuns, seed: FUZZ_SEED });
/** Test timeout: generous for a campaign, which runs for minutes. */
const TIMEOUT = FUZZ_RUNS > 0 ? 24 * 3600_000 : 60_000;
const RUN_LIMIT_MS = 10_000;

/** One thread, whatever SUPMETRICS_PARALLEL_MIN_BYTES says. */
const SINGLE: ParallelOptions = { minBytes: Number.POSITIVE_INFINITY };

// ---------------------------------------------------------------------------------------------
// Files

/** One input of a run: a file (or standard input) with its bytes. */
interface HostileFile {
  name: string;
  bytes: Uint8Array;
  /** Forced with `kind:path`. */
  kind?: Kind;
}

/** The folder of the last files written; each new one replaces it, so that a campaign does not fill the disk. */
let folder: string | undefined;
const removeFolder = () => {
  if (folder) rmSync(folder, { recursive: true, force: true });
};
afterAll(removeFolder);

/** Writes the files into a fresh folder; returns the command-line paths (with `kind:` when forced). */
function writeInputs(files: readonly HostileFile[]): { args: string[]; paths: string[] } {
  removeFolder();
  const fresh = mkdtempSync(join(tmpdir(), 'supmetrics-fuzz-'));
  folder = fresh;
  const paths = files.map((file, i) => join(fresh, `${i}-${file.name}`));
  files.forEach((file, i) => writeFileSync(paths[i], file.bytes));
  return { args: files.map((file, i) => (file.kind ? `${file.kind}:${paths[i]}` : paths[i])), paths };
}

/** Reads arguments as the CLI does; returns the result or the error thrown. */
async function read(args: string[], options: { stdin?: Readable; parallel?: ParallelOptions } = {}) {
  try {
    const result = await readInputs(expandSources(args), { zone: 'Europe/Berlin', stdin: options.stdin, parallel: options.parallel ?? SINGLE });
    return { result };
  } catch (error) {
    return { error };
  }
}

// ---------------------------------------------------------------------------------------------
// What must hold

/** Errors that are about a whole file: it holds nothing, or its header names no kind. */
const WHOLE_FILE_PROBLEM = /no header and no records|columns match no kind of input|need the column|event-level exports/;

function expectWholeFileUserError(error: unknown, paths: readonly string[]): void {
  if (!(error instanceof UserError)) {
    throw new Error(`reading threw something other than a UserError: ${error instanceof Error ? error.stack : String(error)}`);
  }
  expect(paths, `the error names one of the inputs: ${error.message}`).toContain(error.file);
  expect(error.message, 'a UserError only for a whole-file problem').toMatch(WHOLE_FILE_PROBLEM);
}

/** Physical lines the bytes can hold at most: every LF or CR byte may end one. */
function lineBound(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === 10 || b === 13) n++;
  return n;
}

function requiredFields(kind: Kind): string[] {
  return Object.entries(KINDS[kind])
    .filter(([, spec]) => 'required' in spec && spec.required)
    .map(([name]) => name);
}

function expectAccounted(result: ReadResult, files: readonly HostileFile[]): void {
  const { data, inputs } = result;
  expect(inputs.length).toBe(files.length);
  const committed = new Array<number>(files.length).fill(0);
  // Contacts folded from events are no input's rows: their event rows are counted instead.
  const folded = data.eventRows ? data.eventRows.firstContact : data.contacts.length;
  for (const kind of KIND_NAMES) {
    if (kind === 'events') continue; // folded into contacts
    const table = data[kind];
    const key = table.text[KEY_FIELD[kind] as keyof typeof table.text] as TextColumn;
    const keys = new Set<string>();
    for (let row = 0; row < table.length; row++) {
      const input = table.origins.inputAt(row);
      expect(input, `${kind} row ${row}: input index`).toBeLessThan(files.length);
      if (kind !== 'contacts' || row < folded) committed[input]++;
      const line = table.origins.lineAt(row);
      expect(line >= 1 && line <= lineBound(files[input].bytes), `${kind} row ${row}: line ${line} is inside its file`).toBe(true);
      const id = textAt(key, row);
      expect(id !== undefined && id !== '' && id === id.trim(), `${kind} row ${row}: key '${id}' present and trimmed`).toBe(true);
      expect(keys.has(id!), `${kind} row ${row}: key '${id}' committed twice`).toBe(false);
      keys.add(id!);
      for (const field of requiredFields(kind)) {
        const spec = KINDS[kind][field as keyof (typeof KINDS)[typeof kind]] as { type: string };
        if (spec.type === 'time' || spec.type === 'number') {
          const column = (table[spec.type] as Record<string, ArrayLike<number> | TimeColumn | NumberColumn>)[field];
          const value = column instanceof TimeColumn || column instanceof NumberColumn ? column.at(row) : column[row];
          expect(Number.isFinite(value), `${kind} row ${row}: required ${field} is a finite number (${value})`).toBe(true);
        } else if (spec.type === 'text') {
          expect(textAt((table.text as Record<string, TextColumn>)[field], row), `${kind} row ${row}: required ${field}`).toBeDefined();
        }
      }
    }
  }
  const eventRows = data.eventRows;
  if (eventRows) for (let e = 0; e < eventRows.contact.length; e++) if (eventRows.contact[e] >= 0) committed[eventRows.origins.inputAt(e)]++;
  inputs.forEach((input, i) => {
    const { log } = input;
    expect(log.read, `${input.path}: read = committed + rejected`).toBe(committed[i] + log.rejected);
    expect(log.rejects.length, `${input.path}: rejects listed`).toBe(Math.min(log.rejected, LISTED_PROBLEMS));
    expect(log.warningSamples.length, `${input.path}: warnings listed`).toBe(Math.min(log.warnings, LISTED_PROBLEMS));
    for (const problem of [...log.rejects, ...log.warningSamples]) {
      const ok = Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineBound(files[i].bytes);
      expect(ok, `${input.path}: problem line ${problem.line} (${problem.reason}) is inside the file`).toBe(true);
    }
  });
}

/** What the campaign fed and got, printed at the end of a long one. */
const tally = { runs: 0, files: 0, bytes: 0, refused: 0, rowsRead: 0, rejected: 0, committed: 0, slowestMs: 0 };

/**
 * Reads the files and checks everything that must hold of the outcome. A file refused whole is
 * then left out and the others read again, so that every run ends with rows to account for
 * (unless every file is refused).
 */
async function expectSoundRead(files: readonly HostileFile[]): Promise<void> {
  tally.runs++;
  tally.files += files.length;
  tally.bytes += files.reduce((n, file) => n + file.bytes.length, 0);
  let left = [...files];
  while (left.length > 0) {
    const { args, paths } = writeInputs(left);
    const started = performance.now();
    const { result, error } = await read(args);
    const elapsed = performance.now() - started;
    expect(elapsed, 'one read of a few small files').toBeLessThan(RUN_LIMIT_MS);
    tally.slowestMs = Math.max(tally.slowestMs, elapsed);
    if (result) {
      expectAccounted(result, left);
      for (const input of result.inputs) {
        tally.rowsRead += input.log.read;
        tally.rejected += input.log.rejected;
      }
      tally.committed += result.data.contacts.length + result.data.surveys.length + result.data.customers.length;
      return;
    }
    expectWholeFileUserError(error, paths);
    tally.refused++;
    const refused = paths.indexOf((error as UserError).file!);
    left = left.filter((_, i) => i !== refused);
  }
}

afterAll(() => {
  if (FUZZ_RUNS > 0 || process.env.FUZZ_STATS) console.log('reader campaign:', JSON.stringify(tally));
});

/**
 * Everything a read produced, comparable with toEqual: per input its kind, format, columns and
 * log; per table every row's values (text decoded); or the error's message. Paths are replaced
 * by `<input i>` so that reads of the same bytes under other names compare equal.
 */
function snapshot(outcome: { result?: ReadResult; error?: unknown }, paths: readonly string[]): unknown {
  // Paths appear in reasons only as where a duplicate was first seen: `at PATH:LINE`.
  const unname = (text: string) => paths.reduce((t, path, i) => t.split(`at ${path}:`).join(`at <input ${i}>:`), text);
  if (!outcome.result) return { error: unname(outcome.error instanceof Error ? outcome.error.message : String(outcome.error)) };
  const { data, inputs } = outcome.result;
  return {
    inputs: inputs.map((input) => ({
      kind: input.kind,
      columns: input.columns,
      unmappedColumns: input.unmappedColumns,
      log: {
        read: input.log.read,
        rejected: input.log.rejected,
        warnings: input.log.warnings,
        rejects: input.log.rejects.map((p) => ({ ...p, reason: unname(p.reason) })),
        warningSamples: input.log.warningSamples,
      },
    })),
    rows: rowsOf(data),
  };
}

function rowsOf(data: Dataset): Record<string, unknown[]> {
  const rows: Record<string, unknown[]> = {};
  for (const kind of KIND_NAMES) {
    if (kind === 'events') continue; // folded into contacts; where each event row went is below
    const table = data[kind];
    rows[kind] = Array.from({ length: table.length }, (_, row) => {
      const values: Record<string, unknown> = { input: table.origins.inputAt(row), line: table.origins.lineAt(row) };
      for (const group of ['time', 'number', 'flag'] as const) {
        for (const [name, column] of Object.entries(table[group] as Record<string, ArrayLike<number> | TimeColumn>)) {
          // NaN and -1 (missing) are kept as they are: toEqual treats NaN as equal to NaN.
          values[name] = column instanceof TimeColumn ? column.at(row) : column[row];
        }
      }
      for (const [name, column] of Object.entries(table.text as Record<string, TextColumn>)) values[name] = textAt(column, row);
      return values;
    });
  }
  const eventRows = data.eventRows;
  if (eventRows) rows.eventRows = Array.from(eventRows.contact, (contact, e) => ({ input: eventRows.origins.inputAt(e), contact }));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Generators

const utf8 = new TextEncoder();

type Encoding = 'utf-8' | 'utf-8 BOM' | 'utf-16le BOM' | 'utf-16be BOM';

function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') return utf8.encode(text);
  if (encoding === 'utf-8 BOM') return concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8.encode(text));
  // Code units as they are, lone surrogates included.
  const out = new Uint8Array(2 + text.length * 2);
  const le = encoding === 'utf-16le BOM';
  out[0] = le ? 0xff : 0xfe;
  out[1] = le ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + 2 * i + (le ? 0 : 1)] = unit & 0xff;
    out[2 + 2 * i + (le ? 1 : 0)] = unit >> 8;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

type Format = 'csv' | 'json' | 'ndjson';

/** A valid native contacts export, of some of the columns (always id and created_at). */
const validExport = fc.record({
  rows: contactRows(12),
  columns: fc.subarray(COLUMNS.filter((c) => c !== 'id' && c !== 'created_at')),
  format: fc.constantFrom<Format>('csv', 'csv', 'json', 'ndjson'),
  delimiter: fc.constantFrom(',', ';', '\t'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  indent: fc.constantFrom(0, 2),
});

function serialize(e: { rows: ContactRow[]; columns: string[]; format: Format; delimiter: string; eol: string; indent: number }): string {
  const columns = ['id', 'created_at', ...e.columns] as (keyof ContactRow)[];
  if (e.format === 'csv') {
    const quote = (value: string) =>
      value.includes(e.delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    const lines = [columns.join(e.delimiter), ...e.rows.map((row) => columns.map((c) => quote(row[c])).join(e.delimiter))];
    return lines.join(e.eol) + e.eol;
  }
  const objects = e.rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
  // JSON.stringify escapes line ends inside strings, so every raw LF is whitespace between tokens.
  if (e.format === 'json') return JSON.stringify(objects, null, e.indent).replace(/\n/g, e.eol);
  // NDJSON lines end at LF: a CR alone is no line end there.
  const eol = e.eol === '\r' ? '\n' : e.eol;
  return objects.map((o) => JSON.stringify(o)).join(eol) + eol;
}

/** Cells that are valid, nearly valid, or hostile, for rows of any kind. */
const CELLS = [
  'T1', 'T2', 'T3', ' T1 ', 'K1', 'S1', '', ' ', '\u00a0', '2024-03-01T10:00:00Z', '2024-03-01T10:00:00+01:00',
  '2024-03-01 10:00', '01/03/2024 10:00', '2024-02-30T00:00:00Z', '2024-03-01T24:00:00Z', '2024-03-31 02:30',
  '1709287200000', 'csat', 'nps', 'ces', 'mood', '5', '11', '-1', '2.5', '1e400', 'NaN', 'Infinity', '0x10',
  'yes', 'no', 'maybe', 'TRUE', 'email', 'Chat', '"', '""', '"a,b"', '"a;b"', '"a\tb"', '"two\nlines"',
  '"say ""hi"""', '"unterminated', 'x"y', '"q"tail', '\uFEFF', '\u0000', '\r', '\\', '{', '}', '[', ']',
  '{"id":"T9"}', 'é', '😀', '\ud800', '\u2028', '=cmd|\' /C calc\'!A0', 'constructor', '__proto__', 'null',
];

/** Header cells: the columns of every kind, near-misses, and hostile names. */
const HEADER_CELLS = [
  ...Object.keys(KINDS.contacts), ...Object.keys(KINDS.surveys), ...Object.keys(KINDS.customers),
  'ID', ' Created At ', 'created-at', 'Id', '', '"id"', 'id ', '\uFEFFid', 'contact_id', 'at', 'type',
  'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'constructor', '__proto__', 'x', '😀',
];

/** Rows of cells from CELLS under a header of the columns of one kind (sometimes with extra or repeated ones). */
const cellSoup = fc
  .record({
    kind: fc.constantFrom<Kind>('contacts', 'contacts', 'surveys', 'customers'),
    extra: fc.array(fc.constantFrom(...HEADER_CELLS), { maxLength: 4 }),
    rows: fc.array(fc.array(fc.constantFrom(...CELLS), { maxLength: 9 }), { maxLength: 20 }),
    delimiter: fc.constantFrom(',', ',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    finalEol: fc.boolean(),
  })
  .map(({ kind, extra, rows, delimiter, eol, finalEol }) => {
    const required = requiredFields(kind);
    const header = [...required, ...extra];
    const lines = [header.join(delimiter), ...rows.map((cells) => cells.join(delimiter))];
    return lines.join(eol) + (finalEol ? eol : '');
  });

/** The same soup as JSON: objects (or other values) with keys from the headers and values from the cells. */
const jsonSoup = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...HEADER_CELLS), fc.oneof(fc.constantFrom(...CELLS), fc.jsonValue({ maxDepth: 1 })), { maxKeys: 8 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .chain((values) =>
    fc.record({ array: fc.boolean(), eol: fc.constantFrom('\n', '\r\n') }).map(({ array, eol }) => {
      const withId = values.map((v, i) => (v && typeof v === 'object' && !Array.isArray(v) && i % 3 !== 2 ? { id: `T${i}`, created_at: '2024-03-01T10:00:00Z', ...v } : v));
      return array ? JSON.stringify(withId, null, 1).replace(/\n/g, eol) : withId.map((v) => JSON.stringify(v)).join(eol);
    }),
  );

/** Text to splice in at a random place: structure characters, BOMs, line ends, a huge cell. */
const HOSTILE_TEXT = ['"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\u0000', '\uFEFF', '\\', '{', '}', '[', ']', ':', '\ud800', '\udc00', '\u2028', 'é'];

const textMutation = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...HOSTILE_TEXT) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateHeader' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('headerOnly' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('crOnly' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('hugeCell' as const), at: fc.nat(), quoted: fc.boolean() }) },
);

type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

/** A huge cell (100 KB); a 1 MB line is tested on its own below, not on every run. */
const HUGE = 'x'.repeat(100_000);

function mutateText(text: string, m: TextMutation): string {
  // One place in five anywhere, the others after the first line, so that most files keep a header.
  const firstLine = Math.max(0, text.search(/[\r\n]/));
  const pos = (at: number) => (at % 5 === 0 ? at % (text.length + 1) : firstLine + (at % (text.length - firstLine + 1)));
  const lines = () => text.split(/(?<=\n)/);
  switch (m.op) {
    case 'insert':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at));
    case 'delete':
      return text.slice(0, pos(m.at)) + text.slice(pos(m.at) + m.length);
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'duplicateLine': {
      const all = lines();
      const k = m.at % all.length;
      return [...all.slice(0, k + 1), all[k], ...all.slice(k + 1)].join('');
    }
    case 'duplicateHeader': {
      // The first line gets one of its own cells again (a column named twice).
      const end = text.search(/[\r\n]/);
      const first = end === -1 ? text : text.slice(0, end);
      const delimiter = [',', ';', '\t'].find((d) => first.includes(d)) ?? ',';
      const cells = first.split(delimiter);
      return first + delimiter + cells[m.at % cells.length] + text.slice(first.length);
    }
    case 'headerOnly': {
      const end = text.search(/[\r\n]/);
      return end === -1 ? text : text.slice(0, end + 1);
    }
    case 'crOnly':
      return text.replace(/\r?\n/g, '\r');
    case 'hugeCell':
      return text.slice(0, pos(m.at)) + (m.quoted ? `"${HUGE}"` : HUGE) + text.slice(pos(m.at));
  }
}

/** Bytes to splice in: BOMs of every encoding, invalid UTF-8, NUL, line-end bytes. */
const HOSTILE_BYTES = [
  [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x00], [0x00, 0x00], [0xff], [0xc3], [0x80], [0xc0, 0xaf],
  [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x0d], [0x0a], [0x22], [0x2c],
].map((bytes) => Uint8Array.from(bytes));

const byteMutation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...HOSTILE_BYTES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }) },
);

type ByteMutation = typeof byteMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const at = m.at % (bytes.length + 1);
  switch (m.op) {
    case 'insert':
      return concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    case 'truncate':
      return bytes.slice(0, at);
    case 'set': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      out[m.at % bytes.length] = m.value;
      return out;
    }
  }
}

/** Text of a likely format: a valid export, CSV soup, JSON soup. */
const baseText = fc.oneof(
  { weight: 4, arbitrary: validExport.map((e) => ({ text: serialize(e), format: e.format })) },
  { weight: 3, arbitrary: cellSoup.map((text) => ({ text, format: 'csv' as Format })) },
  { weight: 2, arbitrary: jsonSoup.map((text) => ({ text, format: (text.startsWith('[') ? 'json' : 'ndjson') as Format })) },
);

const EXTENSIONS: Record<Format, string[]> = { csv: ['csv', 'tsv', 'txt', 'CSV'], json: ['json'], ndjson: ['ndjson', 'jsonl'] };

/** A near-miss of a valid file: a likely text, mutated, encoded, mutated again as bytes. */
const nearMiss = fc
  .record({
    base: baseText,
    textMutations: fc.array(textMutation, { maxLength: 4 }),
    encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-8', 'utf-8 BOM', 'utf-16le BOM', 'utf-16be BOM'),
    byteMutations: fc.array(byteMutation, { maxLength: 3 }),
    extension: fc.nat(),
    /** Sometimes an extension that says another format, or none that says any. */
    misnamed: fc.constantFrom(false, false, false, false, false, false, false, true),
  })
  .map(({ base, textMutations, encoding, byteMutations, extension, misnamed }) => {
    const text = textMutations.reduce(mutateText, base.text);
    const bytes = byteMutations.reduce(mutateBytes, encode(text, encoding));
    const names = misnamed ? ['csv', 'json', 'ndjson', 'dat'] : EXTENSIONS[base.format];
    return { name: `input.${names[extension % names.length]}`, bytes };
  });

/** Arbitrary bytes, alone or after a valid header (so that they reach the row mapper). */
const arbitraryBytes = fc
  .record({
    header: fc.constantFrom('', 'id,created_at\n', 'id;kind;score;responded_at\r\n', 'customer_id\tstarted_at\n', '[{"id":"T0","created_at":"2024-03-01T00:00:00Z"},'),
    bytes: fc.uint8Array({ maxLength: 600 }),
    extension: fc.constantFrom('csv', 'json', 'ndjson', 'txt'),
  })
  .map(({ header, bytes, extension }) => ({ name: `bytes.${extension}`, bytes: concat(utf8.encode(header), bytes) }));

const hostileFile: fc.Arbitrary<HostileFile> = fc
  .record({
    file: fc.oneof({ weight: 4, arbitrary: nearMiss }, { weight: 1, arbitrary: arbitraryBytes }),
    kind: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<Kind>('contacts', 'surveys', 'customers') }),
  })
  .map(({ file, kind }) => (kind ? { ...file, kind } : file));

// ---------------------------------------------------------------------------------------------
// Properties

describe('hostile input files', () => {
  it(
    'are read with every row accounted for, or refused whole with a UserError naming the file',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileFile, { minLength: 1, maxLength: 3 }), (files) => expectSoundRead(files)),
        settings(runs(150)),
      );
    },
    TIMEOUT,
  );

  it(
    'arriving on standard input in chunks cut anywhere are read as from a file',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileFile, fc.array(fc.nat(), { maxLength: 6 }), async (file, cuts) => {
          // A name whose extension says nothing, so that the format is sniffed as it is for stdin.
          const { paths } = writeInputs([{ ...file, name: 'input.dat' }]);
          const arg = (path: string) => (file.kind ? `${file.kind}:${path}` : path);
          const fromFile = await read([arg(paths[0])]);
          const at = [...new Set(cuts.map((c) => c % (file.bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((start, i) => Buffer.from(file.bytes.subarray(start, [...at, file.bytes.length][i])));
          const fromStdin = await read([arg('-')], { stdin: Readable.from(chunks) });
          if (fromStdin.result) expectAccounted(fromStdin.result, [file]);
          else expectWholeFileUserError(fromStdin.error, ['-']);
          expect(snapshot(fromStdin, ['-'])).toEqual(snapshot(fromFile, paths));
        }),
        settings(runs(100, 0.5)),
      );
    },
    TIMEOUT,
  );

  it(
    'split across worker threads are read exactly as by one thread',
    async () => {
      // A valid CSV export repeated (so its keys repeat across the cuts) with a hostile file spliced
      // in anywhere, or a hostile file repeated; workers run the built code (npm run build).
      const clean = validExport.map((e) => utf8.encode(serialize({ ...e, format: 'csv', delimiter: ',', eol: '\n' })));
      const csvFile = fc
        .record({
          body: fc.oneof({ weight: 3, arbitrary: clean }, { weight: 1, arbitrary: nearMiss.map((file) => file.bytes) }),
          splice: nearMiss.map((file) => file.bytes),
          at: fc.nat(),
          copies: fc.integer({ min: 2, max: 30 }),
          ranges: fc.integer({ min: 2, max: 4 }),
        })
        .map(({ body, splice, at, copies, ranges }) => {
          const repeated = concat(...Array.from({ length: copies }, () => body));
          const cut = at % (repeated.length + 1);
          const bytes = concat(repeated.subarray(0, cut), splice, repeated.subarray(cut));
          return { file: { name: 'input.csv', bytes }, ranges };
        });
      let workerRanges = 0;
      await fc.assert(
        fc.asyncProperty(csvFile, async ({ file, ranges }) => {
          const { args, paths } = writeInputs([file]);
          const one = await read(args);
          const many = await read(args, { parallel: { minBytes: 0, ranges } });
          workerRanges += many.result?.inputs[0].workerRanges ?? 0;
          if (many.result) expectAccounted(many.result, [file]);
          else expectWholeFileUserError(many.error, paths);
          expect(snapshot(many, paths)).toEqual(snapshot(one, paths));
        }),
        settings(runs(20, 0.05)),
      );
      // Most files are cut between records, so workers read some ranges (a check that this test tests something).
      expect(workerRanges).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

describe('hostile input files, one case each', () => {
  const header = 'id,created_at,agent\n';
  const row = (id: string) => `${id},2024-03-01T10:00:00Z,ana\n`;
  const cases: Record<string, () => Uint8Array> = {
    'an empty file': () => new Uint8Array(0),
    'only a UTF-8 BOM': () => Uint8Array.of(0xef, 0xbb, 0xbf),
    'only a UTF-16 BOM': () => Uint8Array.of(0xff, 0xfe),
    'half a UTF-16 BOM': () => Uint8Array.of(0xfe),
    'a header only': () => utf8.encode(header),
    'a header only, without line end': () => utf8.encode(header.trim()),
    'a header named twice': () => utf8.encode(`id,created_at,id,created_at\n${row('T1').trim()},T2,2024-03-02T00:00:00Z\n`),
    'CR-only line ends': () => utf8.encode((header + row('T1') + row('T2')).replace(/\n/g, '\r')),
    'a quote left open': () => utf8.encode(`${header}T1,"2024-03-01T10:00:00Z,ana\n${row('T2')}`),
    'NUL bytes everywhere': () => utf8.encode((header + row('T1')).split('').join('\u0000')),
    'a UTF-16LE file read as such': () => encode(header + row('T1') + row('T2'), 'utf-16le BOM'),
    'a UTF-16BE file cut in the middle of a code unit': () => encode(header + row('T1'), 'utf-16be BOM').slice(0, 41),
    'a UTF-8 BOM at the start of every line': () => utf8.encode((header + row('T1') + row('T2')).replace(/^/gm, '\uFEFF')),
    'invalid UTF-8 in every cell': () => concat(utf8.encode(header), Uint8Array.of(0xff, 0x2c, 0xc3, 0x2c, 0xed, 0xa0, 0x80, 0x0a)),
    'a 100 KB cell': () => utf8.encode(`${header}T1,2024-03-01T10:00:00Z,${HUGE}\n${row('T2')}`),
    'a 100 KB quoted cell with line ends': () => utf8.encode(`${header}T1,2024-03-01T10:00:00Z,"${HUGE.replace(/x{99}/g, '$&\n')}"\n${row('T2')}`),
    'a 1 MB line': () => utf8.encode(`${header}${'T1,'.repeat(350_000)}\n${row('T2')}`),
    'a 1 MB header': () => utf8.encode(`id,created_at,${'x'.repeat(1_048_576)}\n${row('T2')}`),
    'a 1 MB line of quotes': () => utf8.encode(`${header}${'"'.repeat(1_048_576)}\n${row('T2')}`),
    'a 1 MB JSON string': () => utf8.encode(`[{"id":"T1","created_at":"2024-03-01T10:00:00Z","agent":"${'x'.repeat(1_048_576)}"},{"id":"T2"}]`),
    'a JSON array never closed': () => utf8.encode('[{"id":"T1","created_at":"2024-03-01T10:00:00Z"},{"id":"T2",'),
    // Not yet: a value nested 10,000 deep (`{"agent":[[[...]]]}`), which overflows the stack in
    // JSON.stringify (src/ingest/read.ts cellText) and fails the whole file; reported. Add it once fixed.
    'nested JSON': () => utf8.encode(`[{"id":"T1","created_at":"2024-03-01T10:00:00Z","agent":${'['.repeat(10_000)}${']'.repeat(10_000)}}]`),
    'NDJSON with a bare value per line': () => utf8.encode('{"id":"T1","created_at":"2024-03-01T10:00:00Z"}\n1\n"x"\nnull\n[]\n'),
    'the same row twice': () => utf8.encode(header + row('T1') + row('T1')),
  };

  for (const [name, bytes] of Object.entries(cases)) {
    for (const extension of ['csv', 'json']) {
      it(`${name} (.${extension}) is read with every row accounted for, or refused whole`, async () => {
        await expectSoundRead([{ name: `case.${extension}`, bytes: bytes() }]);
      });
    }
  }
});

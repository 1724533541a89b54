import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempFiles } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';

/**
 * Error quality end to end, through the built binary (`npm run build` first): every bad usage
 * and every unreadable input exits 2 with exactly one line on stderr, which says what is wrong
 * and names the option or file (and the line and column where there is one), with no stack
 * trace and nothing on stdout. `--debug` adds the stack trace.
 */

const GOOD = 'id,channel,created_at,first_response_at\nT1,email,2024-03-01T10:00:00Z,2024-03-01T11:00:00Z\n';

/** Binary garbage: every byte value, line ends and an ESC (a terminal escape) among them. */
const GARBAGE = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + (i >> 3)) % 256));

const dir = tempFiles({
  'good.csv': GOOD,
  'weird.csv': 'foo,bar\n1,2\n',
  'empty.csv': '',
  'garbage.csv': GARBAGE,
  'hostile-header.csv': '"id\nline two\u001b[31m",created\u0007_at\n1,2\n',
  'bad.json': '{\n  "timeZone": "UTC",\n  "backlog": { "agedAfter": }\n}\n',
  'bad-key.json': '{ "timeZone": "UTC", "colour": "blue" }',
  'bad-value.json': '{ "backlog": { "agedAfter": "a day" } }',
  'not-a-folder': 'a file',
});
mkdirSync(join(dir, 'notes'));
writeFileSync(join(dir, 'notes/readme.md'), '# nothing to read here');
mkdirSync(join(dir, 'mixed'));
writeFileSync(join(dir, 'mixed/a.csv'), GOOD);
writeFileSync(join(dir, 'mixed/b.csv'), GARBAGE);

const at = (name: string) => join(dir, name);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One line on stderr, naming what the pattern says; exit 2; no stack trace; nothing on stdout. */
function expectOneLineError(result: CliResult, pattern: RegExp): void {
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(result.code, result.stderr).toBe(2);
  expect(lines, `stderr:\n${result.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(/^supmetrics: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(result.stderr, 'no control characters but the final newline').not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(result.stdout).toBe('');
}

describe('bad usage exits 2 with one line naming the option', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown option', ['report', at('good.csv'), '--frobnicate'], /unknown option '--frobnicate'/],
    ['a misspelt option, with a suggestion', ['report', at('good.csv'), '--perod', '2024-03'], /unknown option '--perod'.*--period/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a missing argument', ['report'], /missing required argument 'paths'/],
    ['a bad --format', ['report', at('good.csv'), '--format', 'pdf'], /--format.*'pdf'/],
    ['a bad --date-order', ['report', at('good.csv'), '--date-order', 'ymd'], /--date-order.*'ymd'/],
    ['an unknown --encoding', ['report', at('good.csv'), '--encoding', 'klingon'], /--encoding 'klingon': not a text encoding/],
    ['a bad --period', ['report', at('good.csv'), '--period', '2024-13'], /--period '2024-13': month must be 01-12/],
    ['a --period that is no period', ['report', at('good.csv'), '--period', 'next-week'], /--period 'next-week'.*accepted forms/],
    ['a --period range backwards', ['report', at('good.csv'), '--period', '2024-03-15..2024-03-01'], /--period '2024-03-15\.\.2024-03-01'/],
    ['a --period day its zone skipped', ['report', at('good.csv'), '--period', '2011-12-30', '--tz', 'Pacific/Apia'], /--period '2011-12-30'.*Pacific\/Apia/],
    ['a --period with a line break', ['report', at('good.csv'), '--period', '2024\n03'], /--period '2024\\n03'/],
    ['a bad --tz', ['report', at('good.csv'), '--tz', 'Mars/Olympus'], /unknown time zone 'Mars\/Olympus'/],
    ['an unknown --by', ['report', at('good.csv'), '--by', 'channel,planet'], /--by: unknown dimension 'planet'/],
    ['an unknown --metrics', ['report', at('good.csv'), '--metrics', 'happiness'], /--metrics: unknown metric id 'happiness'/],
    ['an unknown --compare', ['report', at('good.csv'), '--compare', 'decade'], /--compare.*'decade'/],
    ['--business-hours without hours', ['report', at('good.csv'), '--business-hours'], /--business-hours needs businessHours/],
    ['check with an unknown metric', ['check', at('good.csv'), '--min', 'happiness=3'], /--min 'happiness=3'.*unknown metric id 'happiness'/],
    ['check with a threshold that is no number', ['check', at('good.csv'), '--min', 'sla_compliance=lots'], /--min 'sla_compliance=lots'/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, () => expectOneLineError(cli(args), pattern));
  }
});

describe('unreadable input exits 2 with one line naming the file', () => {
  it('a missing file', () => expectOneLineError(cli(['report', at('no-such.csv')]), new RegExp(`${escape(at('no-such.csv'))}: no such file or folder`)));

  it('a folder without data files', () =>
    expectOneLineError(cli(['report', at('notes')]), new RegExp(`${escape(at('notes'))}: folder holds no data files`)));

  it('a file with no recognizable columns', () =>
    expectOneLineError(cli(['report', at('weird.csv')]), /weird\.csv: columns match no kind of input: found foo, bar/));

  it('an empty file', () => expectOneLineError(cli(['report', at('empty.csv')]), /empty\.csv: no header and no records/));

  it('a file of binary garbage', () => expectOneLineError(cli(['report', at('garbage.csv')]), /garbage\.csv: /));

  it('binary garbage among good files in a folder', () => expectOneLineError(cli(['report', at('mixed')]), /b\.csv: /));

  it('a header with line breaks and terminal escapes, shown escaped', () =>
    expectOneLineError(cli(['report', at('hostile-header.csv')]), /hostile-header\.csv: columns match no kind of input: found id\\nline two\\u001b\[31m, created\\u0007_at/));

  it('standard input that is empty', () => expectOneLineError(cli(['report', '-'], { input: '' }), /^supmetrics: -: no header and no records/));

  it('a file forced to a kind whose columns it lacks', () =>
    expectOneLineError(cli(['report', `surveys:${at('good.csv')}`]), /good\.csv: surveys need the column\(s\) kind, score, responded_at/));
});

describe('a bad config exits 2 with one line naming the file', () => {
  it('bad JSON, with the line and column', () =>
    expectOneLineError(cli(['report', at('good.csv'), '--config', at('bad.json')]), /bad\.json: not valid JSON at 3:29: Unexpected token '}'$/));

  it('an unknown key', () =>
    expectOneLineError(cli(['report', at('good.csv'), '--config', at('bad-key.json')]), /bad-key\.json: invalid config: unknown key colour/));

  it('a bad value, with its key path', () =>
    expectOneLineError(cli(['report', at('good.csv'), '--config', at('bad-value.json')]), /bad-value\.json: invalid config: backlog\.agedAfter: /));

  it('a config file that does not exist', () =>
    expectOneLineError(cli(['report', at('good.csv'), '--config', at('nope.json')]), /nope\.json: cannot read the config file/));
});

describe('an unwritable --out exits 2 with one line naming it', () => {
  const report = (out: string) => cli(['report', at('good.csv'), '--period', '2024-03', '--format', 'json', '--out', out]);

  it('under a file', () => expectOneLineError(report(at('not-a-folder/r.json')), /not-a-folder\/r\.json: cannot write --out: a parent is not a folder/));

  it('in a folder that does not exist', () => expectOneLineError(report(at('no/such/r.json')), /no\/such\/r\.json: cannot write --out: folder does not exist/));

  it.runIf(existsSync('/dev/full'))('on a full device, which is left a device', () => {
    expectOneLineError(report('/dev/full'), /\/dev\/full: cannot write --out: no space left on device/);
    expect(cli(['report', at('good.csv'), '--period', '2024-03', '--out', '/dev/null']).code).toBe(0);
  });
});

describe('--debug', () => {
  it('adds the stack trace of a user error after its line', () => {
    const result = cli(['report', at('good.csv'), '--period', '2024-13', '--debug']);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/^supmetrics: bad --period '2024-13'/);
    expect(result.stderr).toMatch(/^UserError: bad --period/m);
    expect(result.stderr).toMatch(/^\s+at .*period\.js/m);
  });
});

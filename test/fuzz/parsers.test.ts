import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseConfig } from '../../src/config/load.js';
import { settingsFromConfig } from '../../src/config/settings.js';
import { PERIOD_FORMS, parsePeriod } from '../../src/time/period.js';
import { createTimestampParser } from '../../src/time/timestamp.js';

/**
 * Hostile text for the small parsers every run goes through: timestamps (once per cell), the
 * --period grammar and the config file. Each gives a value or a UserError, never anything else.
 * Round trips of valid input are tested next to each parser (test/time, test/config).
 * `FUZZ_RUNS=n` runs each property n times instead of the suite's default.
 */

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 0;
const runs = (suite: number) => ({ numRuns: FUZZ_RUNS > 0 ? FUZZ_RUNS : suite, seed: process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined });
const TIMEOUT = FUZZ_RUNS > 0 ? 24 * 3600_000 : 30_000;

/** Zones with unusual calendars: DST at midnight (Havana), a skipped day (Apia, Kwajalein), half-hour offsets, LMT offsets with seconds. */
const ZONES = [
  'UTC', 'Europe/Berlin', 'America/New_York', 'America/Havana', 'Pacific/Apia', 'Pacific/Kwajalein', 'Asia/Kolkata',
  'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Africa/Casablanca',
];

/** Strings from the characters the grammars are made of, so that most reach their deeper branches. */
const grammarString = (alphabet: string, maxLength: number) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength }).map((chars) => chars.join(''));

/** Anything, including lone surrogates and every plane. */
const anyString = fc.string({ unit: 'binary', maxLength: 60 });

const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));

// ---------------------------------------------------------------------------------------------

describe('the timestamp parser, on any string', () => {
  const parsers = ZONES.map((zone) => ({ zone, dmy: createTimestampParser({ zone }), mdy: createTimestampParser({ zone, dateOrder: 'mdy' }) }));
  const utc = createTimestampParser({ zone: 'UTC' });

  /** Timestamp-shaped text: the right pieces in a random order and number, numbers of any size. */
  const timestampLike = fc.oneof(
    grammarString('0123456789-/.:TtZz+ ,APMapmUTCGMT\u2212\u00a0\u202f\ufeff', 40),
    fc
      .tuple(
        fc.constantFrom(...['', ' ', '\ufeff']),
        fc.oneof(digits(4), digits(2), digits(1), digits(6)),
        fc.constantFrom('-', '/', '.'),
        fc.oneof(digits(2), digits(1), digits(3)),
        fc.constantFrom('-', '/', '.'),
        fc.oneof(digits(2), digits(4), digits(1)),
        fc.constantFrom('', 'T', ' ', ', ', 't'),
        fc.oneof(fc.constant(''), fc.tuple(digits(2), digits(2), digits(2)).map(([h, m, s]) => `${h}:${m}:${s}`), fc.tuple(digits(1), digits(2)).map(([h, m]) => `${h}:${m}`)),
        fc.constantFrom('', '.', '.5', ',123', '.1234567890123456789012345'),
        fc.constantFrom('', ' AM', 'pm', ' Pm '),
        fc.constantFrom('', 'Z', 'z', '+01:00', '-0530', '+14', '\u221205:00', ' UTC', ' GMT+02:00', 'UTC-', '+2400', '+23:59', '+99:99'),
      )
      .map((parts) => parts.join('')),
  );

  it(
    'returns NaN or a finite number, and never throws',
    () => {
      fc.assert(
        fc.property(fc.oneof(anyString, timestampLike), (text) => {
          for (const { zone, dmy, mdy } of parsers) {
            for (const parse of [dmy, mdy]) {
              const ms = parse(text);
              expect(typeof ms === 'number' && (Number.isNaN(ms) || Number.isFinite(ms)), `${zone}: ${JSON.stringify(text)} -> ${ms}`).toBe(true);
            }
          }
        }),
        runs(1000),
      );
    },
    TIMEOUT,
  );

  it(
    'moves a time by the zone offset only: less than a day from the same text read in UTC',
    () => {
      fc.assert(
        fc.property(timestampLike, (text) => {
          const inUtc = utc(text);
          for (const { zone, dmy } of parsers) {
            const ms = dmy(text);
            // A time with an offset names an instant; one without is a wall time: the zone decides both or neither.
            expect(Number.isNaN(ms), `${zone}: ${JSON.stringify(text)} readable in one zone only`).toBe(Number.isNaN(inUtc));
            if (!Number.isNaN(ms)) expect(Math.abs(ms - inUtc), `${zone}: ${JSON.stringify(text)}`).toBeLessThan(86_400_000);
          }
        }),
        runs(1000),
      );
    },
    TIMEOUT,
  );

  it('stays fast and finite on huge and odd strings', () => {
    const huge = [
      'x'.repeat(1_000_000),
      '9'.repeat(1_000_000),
      `2024-03-05T14:02:11.${'9'.repeat(1_000_000)}Z`,
      `2024-03-05${' '.repeat(1_000_000)}14:02`,
      `${'\u00a0'.repeat(500_000)}2024-03-05${'\ufeff'.repeat(500_000)}`,
      '2024-03-05T14:02:11Z'.repeat(50_000),
      `${'1'.repeat(400)}-01-01`,
      `2024-01-${'0'.repeat(400)}1`,
      '0000-01-01T00:00:00Z',
      '9999-12-31T24:00:00-23:59',
      '\ud800\udc00'.repeat(100_000),
    ];
    for (const text of huge) {
      const started = performance.now();
      for (const { dmy } of parsers) {
        const ms = dmy(text);
        expect(Number.isNaN(ms) || Number.isFinite(ms)).toBe(true);
      }
      expect(performance.now() - started, `${text.slice(0, 30)}...`).toBeLessThan(2000);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('the period parser, on any string', () => {
  /** Period-shaped text: every form, with numbers out of range and pieces out of place. */
  const periodLike = fc.oneof(
    grammarString('0123456789-WwQq. ', 25),
    fc.constantFrom(...PERIOD_FORMS).map((form) => form),
    fc.tuple(digits(4), fc.constantFrom('', '-', '-W', '-w', '-Q', '-q'), fc.oneof(digits(2), digits(1), digits(3), fc.constant(''))).map((p) => p.join('')),
    fc
      .tuple(digits(4), digits(2), digits(2), fc.constantFrom('..', ' .. ', '...', '..\u00a0'), digits(4), digits(2), digits(2))
      .map(([y, m, d, sep, y2, m2, d2]) => `${y}-${m}-${d}${sep}${y2}-${m2}-${d2}`),
    // Days around the calendar changes of the zones above: Apia skipped 2011-12-30, Kwajalein 1993-08-21.
    fc.constantFrom('2011-12-30', '2011-12-29..2011-12-30', '2011-12-30..2011-12-30', '2011-12-31', '1993-08-21', '1993-08-20..1993-08-21', '2011-W52', '2011-12'),
  );

  it(
    'gives a period with start < end in the zone, or a UserError naming the text',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(anyString, periodLike),
          fc.constantFrom(...ZONES),
          // Now: any instant from 1900 to 2200.
          fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
          (text, zone, now) => {
            let period;
            try {
              period = parsePeriod(text, { zone, now });
            } catch (error) {
              if (!(error instanceof UserError)) throw error;
              expect(error.message).toContain('--period');
              return;
            }
            expect(Number.isFinite(period.start) && Number.isFinite(period.end), `${text} in ${zone}: finite bounds`).toBe(true);
            expect(period.start, `${text} in ${zone}: ${period.label} is not empty`).toBeLessThan(period.end);
            expect(period.timeZone).toBe(zone);
            expect(typeof period.label).toBe('string');
          },
        ),
        runs(1000),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------

describe('the config loader, on any text', () => {
  const FILE = 'configs/team.json';

  /** A valid config: every key, as documented. */
  const VALID = {
    timeZone: 'Europe/Berlin',
    dateOrder: 'dmy',
    businessHours: { mon: ['09:00-17:00'], fri: ['09:00-13:00', '14:00-17:00'], sat: [], sun: [] },
    holidays: ['2024-03-29'],
    sla: { policies: [{ match: { priority: 'urgent', channel: ['email'] }, firstResponse: '1h', resolution: '8h', businessHours: true }] },
    csat: { satisfiedRatio: 0.8 },
    fcr: { ineligibleIssueTypes: ['bug'], repeatWindow: '7d' },
    backlog: { agedAfter: '24h' },
    abandon: { shortAbandon: '5s' },
    serviceLevel: { answerWithin: '20s', target: 80 },
    distributions: { firstResponse: ['1h', '6h'], resolution: ['1d'] },
    thresholds: { min: { sla_compliance: 95 }, max: { 'first_response_time.p90': 14400 } },
    inputs: [{ path: 'x.csv', kind: 'contacts', map: { id: 'Ticket ID' }, values: { channel: { Mail: 'email' } }, time: { zone: 'UTC' } }],
  };

  /** Values a key may be set to: near-misses of valid ones, and any JSON. */
  const oddValue = fc.oneof(
    fc.constantFrom<unknown>(
      null, true, 0, -1, 1e308, '', ' ', 'Mars/Base', 'utc', '24:00-24:00', '24:30-25:00', '17:00-09:00', '09:00-17:00',
      ['09:00-12:00', '11:00-13:00'], ['00:00-24:00'], '2024-02-30', ['2024-02-30'], '0s', '1e3h', `${'9'.repeat(400)}d`,
      '1.5h', '-1h', { mon: 'x' }, { funday: [] }, [], {}, { priority: [] }, { __proto__: null }, 'constructor',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  );

  /** The valid config with one key (at any depth) set to an odd value, or deleted, or a new key added. */
  const nearMiss = fc.tuple(fc.nat(), oddValue, fc.constantFrom('set', 'delete', 'add')).map(([at, value, op]) => {
    const config = structuredClone(VALID) as Record<string, unknown>;
    const paths: { parent: Record<string, unknown>; key: string }[] = [];
    const walk = (node: unknown) => {
      if (node === null || typeof node !== 'object') return;
      for (const key of Object.keys(node)) {
        paths.push({ parent: node as Record<string, unknown>, key });
        walk((node as Record<string, unknown>)[key]);
      }
    };
    walk(config);
    const { parent, key } = paths[at % paths.length];
    if (op === 'set') parent[key] = value;
    else if (op === 'delete') delete parent[key];
    else parent[`${key}_typo`] = value;
    return JSON.stringify(config);
  });

  const configText = fc.oneof(
    { weight: 1, arbitrary: anyString },
    { weight: 1, arbitrary: grammarString('{}[]":,0123456789 \n\tabcdefghijklmnopqrstuvwxyz-.', 60) },
    { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 4, arbitrary: nearMiss },
    // A valid config cut anywhere: a file saved half-way.
    { weight: 1, arbitrary: fc.nat().map((at) => JSON.stringify(VALID, null, 2).slice(0, at % 900)) },
  );

  function expectParsedOrUserError(text: string): void {
    let config;
    try {
      config = parseConfig(text, FILE);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      expect(error.file, 'the error names the file').toBe(FILE);
      expect(error.describe().startsWith(`${FILE}: `)).toBe(true);
      expect(error.describe(), 'one line').not.toMatch(/\n/);
      return;
    }
    // Whatever is accepted can be used: it gives settings with finite numbers.
    const settings = settingsFromConfig(config);
    for (const [key, value] of Object.entries(settings)) {
      if (typeof value === 'number') expect(Number.isFinite(value), `${key} = ${value} from ${text}`).toBe(true);
    }
  }

  it(
    'returns a usable config or throws a UserError naming the file, never anything else',
    () => {
      fc.assert(fc.property(configText, expectParsedOrUserError), runs(1000));
    },
    TIMEOUT,
  );

  it('copes with keys that are names of Object.prototype members', () => {
    for (const text of [
      '{"__proto__": {"timeZone": 5}}',
      '{"constructor": {}}',
      '{"timeZone": "Europe/Berlin", "__proto__": null}',
      '{"thresholds": {"min": {"__proto__": 1, "constructor": 2}}}',
      '{"businessHours": {"__proto__": ["09:00-17:00"]}}',
      '{"businessHours": {"toString": []}}',
      '{"inputs": [{"path": "x", "values": {"__proto__": {"a": "b"}}}]}',
    ]) {
      expectParsedOrUserError(text);
    }
  });

  it('copes with a huge file and deep nesting', () => {
    expectParsedOrUserError(`{"holidays": [${Array.from({ length: 100_000 }, () => '"2024-03-29"').join(',')}]}`);
    expectParsedOrUserError(`{"timeZone": "${'x'.repeat(1_000_000)}"}`);
    expectParsedOrUserError(`{"thresholds": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expectParsedOrUserError(`{"thresholds": ${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`);
  });
});

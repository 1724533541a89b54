import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { createBusinessCalendar } from '../time/business.js';
import { assertZone } from '../time/zone.js';
import type { Config } from './schema.js';
import { ConfigSchema } from './schema.js';

/** `sla.policies[0].firstResponse` from a zod issue path. */
function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = keyPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => (where ? `${where}.${key}` : key)).join(', ');
    return `unknown key ${keys}`;
  }
  return `${where || '(top level)'}: ${issue.message}`;
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

const SCALAR = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;

/**
 * The offset where JSON text first breaks the grammar (its length when it ends too early), or
 * -1 when it does not. V8 gives a position for some errors only, and for others quotes the text
 * instead, newlines and all. Containers are tracked on a stack, so deep nesting cannot overflow.
 */
function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const skipSpace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        const escape = text[i + 1] ?? '';
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
        else if (escape.length === 1 && '"\\/bfnrt'.includes(escape)) i++;
        else return false;
      }
    }
    return false;
  };
  const scalar = (): boolean => {
    if (text[i] === '"') return string();
    SCALAR.lastIndex = i;
    if (!SCALAR.test(text)) return false;
    i = SCALAR.lastIndex;
    return true;
  };
  /** After `{` or `,` in an object: a key and a colon. */
  const key = (): boolean => {
    skipSpace();
    if (!string()) return false;
    skipSpace();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  const open: string[] = [];
  let expectValue = true;
  for (;;) {
    skipSpace();
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        skipSpace();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          expectValue = false;
          continue;
        }
        open.push(c === '{' ? '}' : ']');
        if (c === '{' && !key()) return i;
        continue;
      }
      if (!scalar()) return i;
      expectValue = false;
      continue;
    }
    if (open.length === 0) return i < n ? i : -1;
    const close = open[open.length - 1];
    if (text[i] === ',') {
      i++;
      if (close === '}' && !key()) return i;
      expectValue = true;
    } else if (text[i] === close) {
      i++;
      open.pop();
    } else {
      return i;
    }
  }
}

/** Parses and validates config text; errors name the file and each key path that is wrong. */
export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's message without its position (given here as line:column) or the quoted text.
    const message = (error as Error).message
      .replace(/ (?:in JSON )?at position \d+.*$/, '')
      .replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '')
      .replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1)); // a token may be a control character
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? ` at ${lineAndColumn(text, offset)}` : '';
    throw new UserError(`not valid JSON${where}: ${message}`, { file });
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    throw new UserError(`invalid config: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`, { file });
  }
  const config = parsed.data;
  if (config.timeZone !== undefined) {
    try {
      assertZone(config.timeZone);
    } catch (error) {
      throw new UserError(`invalid config: timeZone: ${(error as Error).message}`, { file });
    }
  }
  if (config.businessHours) {
    try {
      // builds nothing yet: checks overlapping intervals and holiday dates with the file named
      createBusinessCalendar({ timeZone: config.timeZone ?? 'UTC', hours: config.businessHours, holidays: config.holidays });
    } catch (error) {
      throw new UserError(`invalid config: businessHours: ${(error as Error).message}`, { file });
    }
  }
  const policies = config.sla?.policies ?? [];
  const needsHours = policies.findIndex((policy) => policy.businessHours);
  if (needsHours >= 0 && !config.businessHours) {
    throw new UserError(`invalid config: sla.policies[${needsHours}].businessHours: needs businessHours to be configured`, { file });
  }
  return config;
}

/** Reads and validates the config file `file` (relative to `cwd`). The CLI reads it through `readConfig`. */
export function loadConfig(file: string, cwd: string): { config: Config; path: string } {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch {
    throw new UserError('cannot read the config file', { file });
  }
  return { config: parseConfig(text, file), path: file };
}

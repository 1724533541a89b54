import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { createBusinessCalendar } from '../time/business.js';
import { assertZone } from '../time/zone.js';
import type { Config } from './schema.js';
import { ConfigSchema } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'supmetrics.config.json';

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

/** Parses and validates config text; errors name the file and each key path that is wrong. */
export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    throw new UserError(`not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`, { file });
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

/**
 * The config of a run: `--config FILE` (which must exist), else `supmetrics.config.json` in the
 * working folder when there is one, else none.
 */
export function loadConfig(path: string | undefined, cwd = process.cwd()): { config: Config; path?: string } {
  const file = path ?? (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (!file) return { config: {} };
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch {
    throw new UserError('cannot read the config file', { file });
  }
  return { config: parseConfig(text, file), path: file };
}

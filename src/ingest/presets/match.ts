import { IANAZone } from 'luxon';

/**
 * Matching header names against the names a preset or mapping gives: case-insensitive, with runs
 * of spaces, underscores and dashes alike, and `{zone}` standing for an IANA zone name written
 * in the header (which is captured).
 */

/** A name as compared: trimmed, lower-case, runs of spaces, underscores and dashes as one space. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

const ZONE = '{zone}';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface NameMatcher {
  /** The name as written in the preset. */
  readonly name: string;
  /** Whether a header cell is this column; with `{zone}`, the zone it names (undefined when not a known zone). */
  match(header: string): { zone?: string } | undefined;
}

const cache = new Map<string, NameMatcher>();

/** The matcher for one name (memoized). */
export function nameMatcher(name: string): NameMatcher {
  let matcher = cache.get(name);
  if (matcher) return matcher;
  if (!name.includes(ZONE)) {
    const normalized = normalizeName(name);
    matcher = { name, match: (header) => (normalizeName(header) === normalized ? {} : undefined) };
  } else {
    const parts = name.trim().split(ZONE).map((part) => escape(part).replace(/(?:\\?[\s_-])+/g, '[\\s_-]+'));
    const pattern = new RegExp(`^${parts.join('([A-Za-z0-9_+\\-/]+)')}$`, 'i');
    matcher = {
      name,
      match: (header) => {
        const found = pattern.exec(header.trim());
        if (!found) return undefined;
        const zone = found[1];
        return IANAZone.isValidZone(zone) ? { zone } : {};
      },
    };
  }
  cache.set(name, matcher);
  return matcher;
}

/** The index of the first header cell the name matches, with the zone it captured; -1 when none. */
export function findColumn(header: readonly string[], name: string): { index: number; zone?: string } {
  const matcher = nameMatcher(name);
  for (let i = 0; i < header.length; i++) {
    const found = matcher.match(header[i]);
    if (found) return { index: i, zone: found.zone };
  }
  return { index: -1 };
}

/** Names of a detect entry: alternatives separated by `|`. */
export function alternatives(entry: string): string[] {
  return entry.split('|').map((name) => name.trim()).filter((name) => name !== '');
}

/**
 * Every key path of a JSON record, to depth 3 (`via.channel`, `metric_set.reply_time_in_minutes.calendar`),
 * so that a record's "header" can be matched like a CSV one.
 */
export function recordPaths(value: Record<string, unknown>, prefix = '', depth = 0, out: string[] = []): string[] {
  for (const key of Object.keys(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    const child = value[key];
    if (depth < 2 && child !== null && typeof child === 'object' && !Array.isArray(child)) {
      recordPaths(child as Record<string, unknown>, path, depth + 1, out);
    }
  }
  return out;
}

/** The value at a name in a JSON record: the key itself, else a dotted path into nested objects. */
export function valueAt(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name];
  if (!name.includes('.')) return undefined;
  let current: unknown = record;
  for (const key of name.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

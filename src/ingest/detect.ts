import type { Kind } from '../model/fields.js';
import { KINDS, KIND_NAMES } from '../model/fields.js';
import { UserError } from '../errors.js';

/** A header cell as a field name: trimmed, lower-case, spaces and dashes as underscores. */
export function normalizeColumn(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function requiredFields(kind: Kind): string[] {
  return Object.entries(KINDS[kind])
    .filter(([, field]) => 'required' in field && field.required)
    .map(([name]) => name);
}

/**
 * The record kind of a file, from its header: the kind whose required columns are all present,
 * preferring the one that recognises the most columns. Throws a UserError naming the file and
 * what each kind needs when none fits.
 */
export function detectKind(header: readonly string[], file: string): Kind {
  const columns = new Set(header.map(normalizeColumn));
  let best: Kind | undefined;
  let bestScore = -1;
  for (const kind of KIND_NAMES) {
    if (!requiredFields(kind).every((field) => columns.has(field))) continue;
    const score = Object.keys(KINDS[kind]).filter((field) => columns.has(field)).length;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  if (best) return best;
  const needs = KIND_NAMES.map((kind) => `${kind} (${requiredFields(kind).join(', ')})`).join('; ');
  const found = header.slice(0, 8).join(', ') + (header.length > 8 ? ', ...' : '');
  throw new UserError(`columns match no kind of input: found ${found}; need ${needs}`, { file });
}

/** Checks that a forced kind (`kind:path`) has its required columns. */
export function checkKind(kind: Kind, header: readonly string[], file: string): void {
  const columns = new Set(header.map(normalizeColumn));
  const missing = requiredFields(kind).filter((field) => !columns.has(field));
  if (missing.length > 0) {
    throw new UserError(`${kind} need the column(s) ${missing.join(', ')}`, { file });
  }
}

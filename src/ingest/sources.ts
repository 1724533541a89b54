import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Kind } from '../model/fields.js';
import { KIND_NAMES } from '../model/fields.js';
import { withoutGz } from './gzip.js';
import { UserError } from '../errors.js';

/** One file to read, as named on the command line or found in a folder. */
export interface InputSource {
  /** The path as shown to the user; `-` for standard input. */
  path: string;
  /** Forced with `kind:path`; otherwise detected from the header. */
  kind?: Kind;
}

/** Extensions read when a folder is given (also compressed: `tickets.csv.gz`). */
export const DATA_EXTENSIONS = ['.csv', '.tsv', '.txt', '.json', '.ndjson', '.jsonl'];

/**
 * Expands command-line paths into files: folders are walked (sorted, hidden files skipped, only
 * data extensions), `kind:path` forces a kind, `-` is standard input (once).
 */
export function expandSources(args: readonly string[]): InputSource[] {
  if (args.length === 0) throw new UserError('no input: give one or more files or folders (or - for stdin)');
  const sources: InputSource[] = [];
  let stdinSeen = false;
  for (const arg of args) {
    const { kind, path } = splitKind(arg);
    if (path === '-') {
      if (stdinSeen) throw new UserError("standard input '-' can be given only once");
      stdinSeen = true;
      sources.push({ path, kind });
      continue;
    }
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UserError('no such file or folder', { file: path });
    }
    if (stats.isDirectory()) {
      const files = walk(path);
      if (files.length === 0) {
        throw new UserError(`folder holds no data files (${DATA_EXTENSIONS.join(', ')})`, { file: path });
      }
      for (const file of files) sources.push({ path: file, kind });
    } else {
      sources.push({ path, kind });
    }
  }
  return sources;
}

function splitKind(arg: string): { kind?: Kind; path: string } {
  const colon = arg.indexOf(':');
  if (colon > 0) {
    const prefix = arg.slice(0, colon);
    if ((KIND_NAMES as string[]).includes(prefix)) return { kind: prefix as Kind, path: arg.slice(colon + 1) };
  }
  return { path: arg };
}

function walk(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (DATA_EXTENSIONS.includes(extname(withoutGz(entry.name)).toLowerCase())) files.push(path);
  }
  return files;
}

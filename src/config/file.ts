import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'supmetrics.config.json';

/**
 * The config of a run: `--config FILE` (which must exist), else `supmetrics.config.json` in the
 * working folder when there is one, else none. The validator is loaded only when there is a
 * config file: zod takes ~50 ms and ~10 MB of a start-up that most runs (no config) do not need.
 */
export async function readConfig(path: string | undefined, cwd = process.cwd()): Promise<{ config: Config; path?: string }> {
  const file = path ?? (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (!file) return { config: {} };
  const { loadConfig } = await import('./load.js');
  return loadConfig(file, cwd);
}

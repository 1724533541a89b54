import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Writes a file atomically: the text goes to a temporary file beside it, is flushed, and is then
 * renamed over the destination, so a reader (or a crash) never sees half a report.
 */
export function writeFileAtomic(path: string, text: string): void {
  if (isDeviceOrPipe(path)) {
    // /dev/stdout, /dev/null, a named pipe: written in place, since renaming a file over one would replace it.
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw writeError(path, error);
    }
    return;
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the temporary file was never created (its folder cannot hold it)
    }
    throw writeError(path, error);
  }
}

/** True for an existing path that is neither a file nor a folder (a device, pipe or socket; symbolic links followed). */
function isDeviceOrPipe(path: string): boolean {
  try {
    const stats = statSync(path);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

function writeError(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reasons: Record<string, string> = {
    ENOENT: existsSync(dirname(path)) ? 'cannot create a file in that folder' : 'folder does not exist',
    ENOTDIR: 'a parent is not a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EISDIR: 'is a folder',
  };
  const reason = reasons[code] ?? (error as Error).message;
  return new UserError(`cannot write --out: ${reason}`, { file: path });
}

/**
 * Where `--out` writes: the path itself, or `name` inside it when it is an existing folder or
 * ends with a slash (a cron job's `--out reports/`).
 */
export function outputPath(out: string, name: string): string {
  let isFolder = /[\\/]$/.test(out);
  try {
    isFolder ||= statSync(out).isDirectory();
  } catch {
    // a file that does not exist yet
  }
  return isFolder ? join(out, name) : out;
}

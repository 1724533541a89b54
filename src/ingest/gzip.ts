import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * Compressed exports: `tickets.csv.gz` is read as `tickets.csv`, streamed through zlib, so a
 * large compressed file is never held whole (in memory or on disk).
 */

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** The path without its `.gz` (whose extension then tells the format). */
export function withoutGz(path: string): string {
  return isGzipPath(path) ? path.slice(0, -3) : path;
}

/** The decompressed bytes of a gzip file, as a stream of chunks. */
export async function* gunzipChunks(path: string): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip();
  const source = createReadStream(path);
  // pipe() does not pass a read error on: end the decompressor with it, so the loop below throws.
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } finally {
    source.destroy();
  }
}

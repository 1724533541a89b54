import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes read from a file at a time, into one buffer reused for the whole file. */
const READ_SIZE = 1 << 20;
/**
 * Bytes decoded into one string. Strings this small are allocated young and die young; 1 MB
 * strings went to the large-object space and piled up until a full GC, adding ~100 MB of peak
 * memory over a 228 MB file, as did a fresh Buffer per chunk from a read stream.
 */
const PIECE_SIZE = 64 * 1024;

/**
 * The bytes of a file, or of its range [start, end), as pieces of one reused buffer: each piece
 * is valid only until the next is asked for (decodeText and TextDecoder copy what they keep).
 * Reads are synchronous: the command has nothing else to do meanwhile, and each await cost more
 * than the read itself.
 */
export function* fileChunks(path: string, start = 0, end = Infinity): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    let position = start;
    while (position < end) {
      const n = readSync(fd, buffer, 0, Math.min(READ_SIZE, end - position), position);
      if (n === 0) break;
      position += n;
      for (let i = 0; i < n; i += PIECE_SIZE) yield buffer.subarray(i, Math.min(n, i + PIECE_SIZE));
    }
  } finally {
    closeSync(fd);
  }
}

/** The text encodings an input file may use (see DESIGN.md, "Native input format"). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Detects the encoding from a byte order mark: EF BB BF is UTF-8, FF FE is UTF-16LE,
 * FE FF is UTF-16BE; no BOM means UTF-8. Exports from spreadsheet tools often carry a BOM,
 * and UTF-16 without one cannot be told apart reliably, so the BOM is the only signal used.
 */
export function detectEncoding(firstBytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  const b = firstBytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** True while `head` is too short to rule out a BOM it may be the start of. */
function mayBeIncompleteBom(head: Uint8Array): boolean {
  if (head.length === 0) return true;
  if (head.length === 1) return head[0] === 0xef || head[0] === 0xff || head[0] === 0xfe;
  if (head.length === 2) return head[0] === 0xef && head[1] === 0xbb;
  return false;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Decodes a stream of byte chunks into text chunks, with the BOM removed. The decoder runs in
 * stream mode so a character split across chunks comes out whole; invalid bytes become U+FFFD
 * instead of throwing, because one bad byte in a large export should cost one field, not the file.
 * A first chunk too short to tell whether it starts a BOM (stdin may deliver one byte) is held
 * until more bytes arrive or the stream ends.
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (decoder === undefined) {
      // A copy, because a source may reuse its buffer for the next chunk while we wait.
      head = concatBytes(head, chunk);
      if (mayBeIncompleteBom(head)) continue;
      const { encoding, bomLength } = detectEncoding(head);
      // ignoreBOM: the BOM is cut off here; the decoder must not drop a later U+FEFF on its own.
      decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
      const text = decoder.decode(head.subarray(bomLength), { stream: true });
      head = new Uint8Array(0);
      if (text.length > 0) yield text;
      continue;
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  if (decoder === undefined) {
    if (head.length === 0) return;
    const { encoding, bomLength } = detectEncoding(head);
    decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
    const text = decoder.decode(head.subarray(bomLength));
    if (text.length > 0) yield text;
    return;
  }
  // Flushes an incomplete sequence at the very end as U+FFFD.
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { InputLog } from './log.js';

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

/**
 * The text encodings an input file may use (see DESIGN.md, "Native input format"). Windows-1252
 * is what spreadsheet tools on Western European Windows save as "CSV": it is read when a file
 * without a BOM is not UTF-8 (see TextDecoding).
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Detects the encoding from a byte order mark: EF BB BF is UTF-8, FF FE is UTF-16LE,
 * FE FF is UTF-16BE. Without a BOM, a zero byte in every other one of the first four is UTF-16
 * (LE when the zeros come second): a header starts with ASCII letters, whose UTF-16 has them.
 * Otherwise UTF-8, or Windows-1252 as TextDecoding finds.
 */
export function detectEncoding(firstBytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  const b = firstBytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return { encoding: 'utf-16le', bomLength: 0 };
  if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** True while `head` is too short to tell the encoding by (see detectEncoding). */
function tooShortToTell(head: Uint8Array): boolean {
  return head.length < 4;
}

/**
 * The WHATWG name of an encoding a user gives (`--encoding`, the config's `encoding`): utf-8, windows-1250, iso-8859-2,
 * shift_jis, gbk, ... (labels such as latin1 or cp1250 are accepted and named as the standard
 * does). Throws a UserError for a name this Node.js does not know.
 */
export function encodingNamed(label: string, givenAs = '--encoding'): string {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new UserError(`${givenAs} '${label}': not a text encoding (e.g. utf-8, windows-1252, windows-1250, iso-8859-2, shift_jis, gbk)`);
  }
}

/** How many bytes of a file without a BOM decide its encoding (see TextDecoding). */
export const ENCODING_WINDOW = 1 << 20;

/**
 * The decoding of one file's bytes after its BOM. With a BOM the encoding is known. Without one
 * its first ENCODING_WINDOW bytes decide (see encodingOf): UTF-8, unless more of their non-ASCII
 * sequences are not UTF-8 than are; then Windows-1252, in which every byte is a character. Those
 * bytes are held until they are all there (or the file ends). In UTF-8 an invalid byte becomes
 * U+FFFD: one bad byte in a large export costs one field, not the file. A file read on several
 * cores has its encoding decided from those same bytes before its ranges are read (read.ts).
 */
export class TextDecoding {
  /** The encoding (a WHATWG name); undefined until the window's bytes are all there. */
  encoding: string | undefined;
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private decoder: TextDecoder;

  constructor(encoding?: string) {
    this.encoding = encoding;
    // ignoreBOM: a BOM is cut off before; the decoder must not drop a later U+FEFF on its own.
    this.decoder = new TextDecoder(encoding ?? 'utf-8', { fatal: false, ignoreBOM: true });
  }

  /** Decodes the next chunk; a character cut at its end comes out with the next. */
  decode(chunk: Uint8Array): string {
    if (this.encoding !== undefined) return this.decoder.decode(chunk, { stream: true });
    // a copy: a source may reuse its buffer for the next chunk
    this.held.push(chunk.slice());
    this.heldBytes += chunk.length;
    return this.heldBytes < ENCODING_WINDOW ? '' : this.decide();
  }

  /** The end of the bytes: an incomplete sequence left at the very end comes out as U+FFFD. */
  end(): string {
    const text = this.encoding === undefined ? this.decide() : '';
    return text + this.decoder.decode();
  }

  /** Decides the encoding from the held bytes and decodes them. */
  private decide(): string {
    const bytes = this.held.length === 1 ? this.held[0] : concatAll(this.held, this.heldBytes);
    this.held = [];
    this.encoding = encodingOf(bytes.subarray(0, ENCODING_WINDOW));
    if (this.encoding !== 'utf-8') this.decoder = new TextDecoder(this.encoding, { fatal: false, ignoreBOM: true });
    return this.decoder.decode(bytes, { stream: true });
  }
}

/**
 * The encoding of a file as decodeText will read it, from its first bytes: for a file read in
 * ranges, whose first range may be shorter than the window.
 */
export function fileEncoding(path: string): TextEncoding {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (const chunk of fileChunks(path, 0, ENCODING_WINDOW + 4)) {
    chunks.push(chunk.slice());
    length += chunk.length;
  }
  const bytes = concatAll(chunks, length);
  const { encoding, bomLength } = detectEncoding(bytes);
  if (bomLength > 0 || encoding !== 'utf-8') return encoding;
  return encodingOf(bytes.subarray(0, ENCODING_WINDOW));
}

function concatAll(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * The encoding of bytes without a BOM: Windows-1252 when more of their non-ASCII sequences are
 * not UTF-8 (RFC 3629: no overlong forms, surrogates or values past U+10FFFF) than are, else
 * UTF-8. Text in Windows-1252 almost never forms UTF-8 sequences (é is E9, a lead byte that
 * needs two continuation bytes after it), while a UTF-8 file with a few bad bytes has many
 * good sequences besides. A sequence cut by the end of the bytes counts as neither.
 */
export function encodingOf(bytes: Uint8Array): TextEncoding {
  if (isAscii(bytes)) return 'utf-8';
  let valid = 0;
  let invalid = 0;
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at];
    if (lead < 0x80) {
      at++;
      continue;
    }
    let length = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    }
    let k = 1;
    while (k < length && at + k < bytes.length) {
      const b = bytes[at + k];
      if (b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) break;
      k++;
    }
    if (length > 0 && k === length) valid++;
    else if (at + k < bytes.length || length === 0) invalid++;
    at += length > 0 && k === length ? length : 1;
  }
  return invalid > valid ? 'windows-1252' : 'utf-8';
}

/**
 * Decodes a stream of byte chunks into text chunks, with the BOM removed (see TextDecoding for
 * files without one). A first chunk too short to tell whether it starts a BOM (stdin may deliver
 * one byte) is held until more bytes arrive or the stream ends. `decoding` receives the
 * TextDecoding once the BOM is known, for the caller to see the encoding chosen; `withoutBom`
 * is the encoding when there is no BOM, when known beforehand (see fileEncoding) or given.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  decoding?: (decoding: TextDecoding) => void,
  withoutBom?: string,
): AsyncGenerator<string> {
  let decoder: TextDecoding | undefined;
  let head: Uint8Array = new Uint8Array(0);
  const start = (): string => {
    const { encoding, bomLength } = detectEncoding(head);
    decoder = new TextDecoding(bomLength > 0 || encoding !== 'utf-8' ? encoding : withoutBom);
    decoding?.(decoder);
    const text = decoder.decode(head.subarray(bomLength));
    head = new Uint8Array(0);
    return text;
  };
  for await (const chunk of chunks) {
    if (decoder === undefined) {
      // A copy, because a source may reuse its buffer for the next chunk while we wait.
      head = concatAll([head, chunk], head.length + chunk.length);
      if (tooShortToTell(head)) continue;
      const text = start();
      if (text.length > 0) yield text;
      continue;
    }
    const text = decoder.decode(chunk);
    if (text.length > 0) yield text;
  }
  if (decoder === undefined) {
    if (head.length === 0) return;
    const text = start();
    if (text.length > 0) yield text;
  }
  const tail = decoder!.end();
  if (tail.length > 0) yield tail;
}

/**
 * Where lines end in text, as the readers count them: LF, and for CSV also CR (CRLF once).
 * `afterCR`: the text before ended with a CR, so a LF first here ends no other line.
 */
export interface LineEnds {
  cr: boolean;
  afterCR: boolean;
}

/** The line at `at` in the text, which starts on `line`; counted from `from`, which is on `line`. */
export function lineAt(text: string, at: number, line: number, ends: LineEnds, from = 0): number {
  for (let i = from; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && ends.cr) line++;
    else if (c === 10 && !(ends.cr && (i > 0 ? text.charCodeAt(i - 1) === 13 : ends.afterCR))) line++;
  }
  return line;
}

/**
 * Warns of each U+FFFD in the text on its line (the text starts on `line`): it stands for bytes
 * that were not UTF-8 (one the file itself holds is counted too).
 */
export function warnReplaced(text: string, line: number, log: InputLog, ends: LineEnds): void {
  let at = text.indexOf('\uFFFD');
  let from = 0;
  while (at >= 0) {
    line = lineAt(text, at, line, ends, from);
    from = at;
    log.warnOfText(line, 'bytes that are not UTF-8, read as \uFFFD');
    at = text.indexOf('\uFFFD', at + 1);
  }
}

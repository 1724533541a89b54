import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ENCODING_WINDOW, TextDecoding, decodeText, detectEncoding, encodingOf, warnReplaced } from '../../src/ingest/decode.js';
import { InputLog } from '../../src/ingest/log.js';

async function* fromChunks(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

async function decodeAll(chunks: Uint8Array[]): Promise<{ text: string; pieces: string[] }> {
  const pieces: string[] = [];
  for await (const piece of decodeText(fromChunks(chunks))) pieces.push(piece);
  return { text: pieces.join(''), pieces };
}

/** Splits bytes into chunks of the given sizes, the rest as a last chunk. */
function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const size of sizes) {
    chunks.push(bytes.slice(from, from + size));
    from += size;
  }
  if (from < bytes.length) chunks.push(bytes.slice(from));
  return chunks;
}

function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  const put = (unit: number) => {
    if (order === 'le') {
      bytes[at++] = unit & 0xff;
      bytes[at++] = unit >> 8;
    } else {
      bytes[at++] = unit >> 8;
      bytes[at++] = unit & 0xff;
    }
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return bytes;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
const sample = 'id,name\n1,Zoë 😀 Ωmega\n2,日本語\n';

describe('detectEncoding', () => {
  it('recognises the three BOMs and defaults to UTF-8', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
    expect(detectEncoding(utf8('abc'))).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(detectEncoding(new Uint8Array([]))).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(detectEncoding(new Uint8Array([0xef, 0xbb]))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 without a BOM', async () => {
    expect((await decodeAll([utf8(sample)])).text).toBe(sample);
  });

  it('decodes UTF-8 with a BOM and removes it', async () => {
    expect((await decodeAll([withBom(utf8(sample))])).text).toBe(sample);
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM', async () => {
    expect((await decodeAll([utf16(sample, 'le')])).text).toBe(sample);
    expect((await decodeAll([utf16(sample, 'be')])).text).toBe(sample);
  });

  it('keeps multi-byte characters whole across every chunk boundary', async () => {
    const inputs = [withBom(utf8(sample)), utf8(sample), utf16(sample, 'le'), utf16(sample, 'be')];
    for (const bytes of inputs) {
      for (let at = 0; at <= bytes.length; at++) {
        expect((await decodeAll(split(bytes, [at]))).text).toBe(sample);
      }
      // One byte at a time.
      expect((await decodeAll(split(bytes, new Array(bytes.length).fill(1)))).text).toBe(sample);
    }
  });

  it('waits for more bytes when the first chunk is a single byte', async () => {
    expect((await decodeAll(split(withBom(utf8('a,b\n')), [1, 1, 1]))).text).toBe('a,b\n');
    expect((await decodeAll(split(utf16('a,b\n', 'le'), [1]))).text).toBe('a,b\n');
    expect((await decodeAll(split(utf8('x,y'), [1]))).text).toBe('x,y');
  });

  it('handles inputs shorter than a BOM and empty inputs', async () => {
    expect((await decodeAll([utf8('a')])).text).toBe('a');
    expect((await decodeAll([new Uint8Array([0xef])])).text).toBe('\uFFFD'); // a sequence cut by the end decides nothing: UTF-8
    expect((await decodeAll([new Uint8Array([0xef, 0xbb, 0xbf])])).pieces).toEqual([]);
    expect((await decodeAll([])).pieces).toEqual([]);
    expect((await decodeAll([new Uint8Array(0), new Uint8Array(0)])).pieces).toEqual([]);
  });

  it('turns invalid UTF-8 into U+FFFD instead of throwing', async () => {
    // UTF-8, as its first non-ASCII character is
    const bad = new Uint8Array([...utf8('é'), 0x61, 0xff, 0x62, 0xc3]);
    expect((await decodeAll([bad])).text).toBe('éa\uFFFDb\uFFFD');
  });

  it('keeps a U+FEFF that is not at the start', async () => {
    expect((await decodeAll([utf8('a\uFEFFb')])).text).toBe('a\uFEFFb');
  });

  it('does not depend on the source keeping its first buffer unchanged', async () => {
    const reused = new Uint8Array([0xef]);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield reused;
      reused[0] = 0x00;
      yield new Uint8Array([0xbb, 0xbf, 0x41]);
    }
    const pieces: string[] = [];
    for await (const piece of decodeText(source())) pieces.push(piece);
    expect(pieces.join('')).toBe('A');
  });
});

describe('files without a BOM: UTF-8, else Windows-1252', () => {
  const latin = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

  it('reads a file whose non-ASCII bytes are mostly not UTF-8 as Windows-1252', async () => {
    // ü is 0xFC, € 0x80 in Windows-1252
    expect((await decodeAll([latin('id,name\n1,M\xfcller \x80\n')])).text).toBe('id,name\n1,Müller €\n');
  });

  it('keeps UTF-8 when most of its sequences are UTF-8; bad bytes become U+FFFD, even the first', async () => {
    const bytes = new Uint8Array([...utf8('1,M'), 0xfc, ...utf8('ller\n2,José\n3,Zoë\n')]);
    expect((await decodeAll([bytes])).text).toBe('1,M\uFFFDller\n2,José\n3,Zoë\n');
  });

  it('decides by the first megabyte: bytes past it do not count', async () => {
    const bytes = new Uint8Array([...utf8('a'.repeat(ENCODING_WINDOW)), 0xfc]);
    expect((await decodeAll([bytes])).text.endsWith('a\uFFFD')).toBe(true);
  });

  it('decides the same however the bytes are cut into chunks', async () => {
    const texts = fc.array(fc.constantFrom('a', ',', '\n', 'é', '€', '😀', '\xfc', '\xff'), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(texts, fc.array(fc.nat(12), { maxLength: 6 }), fc.boolean(), async (chars, sizes, asLatin) => {
        const bytes = asLatin ? latin(chars.join('').replace(/[^\x00-\xff]/g, 'x')) : utf8(chars.join(''));
        const whole = await decodeAll([bytes]);
        expect((await decodeAll(split(bytes, sizes))).text).toBe(whole.text);
      }),
      { numRuns: 300 },
    );
  });

  it('counts UTF-8 sequences as RFC 3629 has them', () => {
    const of = (...bytes: number[]) => encodingOf(new Uint8Array(bytes));
    expect(of(0x61, 0x62)).toBe('utf-8');
    expect(of(0x61, 0xc3, 0xa9)).toBe('utf-8');
    expect(of(0xc3)).toBe('utf-8'); // cut by the end: neither
    expect(of(0xc0, 0x80)).toBe('windows-1252'); // overlong
    expect(of(0xe0, 0x80, 0x80)).toBe('windows-1252'); // overlong
    expect(of(0xed, 0xa0, 0x80)).toBe('windows-1252'); // a surrogate
    expect(of(0xf4, 0x90, 0x80, 0x80)).toBe('windows-1252'); // past U+10FFFF
    expect(of(0xf0, 0x9f, 0x98, 0x80)).toBe('utf-8');
    expect(of(0xfc, 0x6c)).toBe('windows-1252');
    expect(of(0xc3, 0x41, 0xc3, 0xa9)).toBe('utf-8'); // one bad, one good: a tie is UTF-8
    expect(of(0xe9, 0x41, 0xe8, 0x42, 0xc3, 0xa9)).toBe('windows-1252'); // two bad, one good
  });

  it('reads UTF-16 without a BOM by the zero bytes of its ASCII header', async () => {
    expect((await decodeAll(split(utf16(sample, 'le', false), [1, 2]))).text).toBe(sample);
    expect((await decodeAll([utf16(sample, 'be', false)])).text).toBe(sample);
    expect(detectEncoding(utf16('id', 'le', false))).toEqual({ encoding: 'utf-16le', bomLength: 0 });
  });

  it('keeps the encoding a BOM gives, whatever follows', () => {
    const decoding = new TextDecoding('utf-8');
    expect(decoding.decode(new Uint8Array([0x4d, 0xfc]))).toBe('M\uFFFD');
    expect(decoding.encoding).toBe('utf-8');
  });

  it('warns of each U+FFFD on its line', () => {
    const log = new InputLog();
    warnReplaced('a\uFFFD\nb\r\nc\uFFFD\uFFFD\rd\uFFFD', 7, log, { cr: true, afterCR: false });
    expect(log.warningSamples.map((w) => w.line)).toEqual([7, 9, 9, 10]);
    const json = new InputLog();
    warnReplaced('\n\r\uFFFD', 1, json, { cr: false, afterCR: false });
    warnReplaced('\n\uFFFD', 1, json, { cr: true, afterCR: true });
    expect(json.warningSamples.map((w) => w.line)).toEqual([1, 2]);
  });
});

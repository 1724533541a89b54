/**
 * Text dictionaries: strings to dense codes, as the table's text columns and the key dedupe use them.
 */

/** Code units of values one after another: one byte each while all are Latin-1, else two. */
export type CodeUnits = Uint8Array | Uint16Array;

/** FNV-1a over the UTF-16 code units of text[start, end), with a final mix for the low bits used as slot. */
function hashText(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d);
}

/** `hashText` of the same code units held in an array. */
function hashUnits(units: CodeUnits, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ units[i], 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d);
}

/**
 * Some values of a dictionary, as a parse worker sends them: codes first..first + count - 1, their
 * code units one after another (bytes when all are Latin-1), where each ends, and their hashes
 * (computed by the worker, so that the reading thread, which merges every part, need not).
 */
export interface DictionaryContent {
  first: number;
  count: number;
  chars: CodeUnits;
  ends: Int32Array;
  hashes: Int32Array;
}

/** units[start, end) as a string: Latin-1 bytes, or a raw UTF-16 copy (lone surrogates included). */
function decodeUnits(units: CodeUnits, start: number, end: number): string {
  return units instanceof Uint8Array
    ? Buffer.from(units.buffer, units.byteOffset + start, end - start).toString('latin1')
    : Buffer.from(units.buffer, units.byteOffset + start * 2, (end - start) * 2).toString('utf16le');
}

/**
 * Strings to dense codes (0, 1, 2, ... in order of first appearance), looked up by a range of a
 * larger string so a cell is found without cutting it out of its line first.
 *
 * Layout: typed arrays only, so no object per value, nothing for the GC to trace or copy, and
 * lookups that never allocate (several times faster than a Map<string, number> over cut-out
 * cells, and a fraction of its memory).
 * - `chars`: the values' code units one after another, as bytes (Uint8Array) while every unit
 *   seen is below 256, which ids and most labels are; the first wider unit turns it into a
 *   Uint16Array once, for good.
 * - `ends`: where each value ends in `chars`, by code (4 bytes).
 * - `slots`: an open-addressing hash table, hash and code + 1 per slot (8 bytes), at most three
 *   quarters full. It is the only place a value's hash is kept: rehashing reads the hashes back
 *   from the old slots rather than keeping 4 more bytes per value to hash them again.
 * Cost per value: its length in bytes (twice that once widened) + 4 + 10.7 to 21.3 bytes of
 * slots, depending on the fill. A million 8-character ids take 28 MiB: 8 of units, 4 of ends and
 * 16 of slots (2^21 slots, as a million is over three quarters of 2^20).
 * `values`, the strings, are made on first use, so columns nobody lists (ids) never make them.
 */
export class TextDictionary {
  private count = 0;
  /** The values' code units, one after another (see the class comment). */
  private chars: CodeUnits = new Uint8Array(256);
  /** Where each value ends in `chars`; value i starts where value i - 1 ends. */
  private ends = new Int32Array(16);
  /**
   * The hash table: per slot the hash and code + 1 of a value (0 when empty), side by side, so
   * that probing a big table (a million ids) reads one cache line, not one per value met.
   * At most three quarters full: probes stay short, and each is cheap.
   */
  private slots = new Int32Array(64);
  private mask = 31;
  /** The values made into strings so far. */
  private strings: string[] = [];
  /**
   * The largest code the holder of this dictionary can store as it is; adding a larger one calls
   * `outgrew` first (a text column widens its codes: see TextBuilder).
   */
  protected codeLimit = Infinity;

  get size(): number {
    return this.count;
  }

  /** The values by code. The same array each time, extended as values are added. */
  get values(): string[] {
    if (this.strings.length < this.count) this.makeStrings();
    return this.strings;
  }

  /** Makes room for `count` values in all without growing the table on the way. */
  reserve(count: number): void {
    if (count > this.ends.length) this.growEnds(count);
    if (4 * count > 3 * (this.mask + 1)) this.rehash(Math.ceil((4 * count) / 3));
  }

  /** The code of text[start, end), or -1 when absent. */
  find(text: string, start = 0, end = text.length): number {
    return this.slots[2 * this.slotOf(text, start, end, hashText(text, start, end)) + 1] - 1;
  }

  /** The code of text[start, end), adding it when new. */
  code(text: string, start = 0, end = text.length): number {
    const hash = hashText(text, start, end);
    const slot = this.slotOf(text, start, end, hash);
    const found = this.slots[2 * slot + 1];
    if (found !== 0) return found - 1;
    return this.add(slot, hash, this.writeText(text, start, end));
  }

  /**
   * Adds text[start, end) as a new value without indexing it: `find`, `code` and `codeOf` never
   * see it. For a parse worker's keys, nearly all distinct and all looked up again by the reading
   * thread, which then need not be hashed into a table here too.
   */
  append(text: string, start: number, end: number): number {
    const valueEnd = this.writeText(text, start, end);
    const code = this.count;
    if (code > this.codeLimit) this.outgrew(code);
    if (code === this.ends.length) this.growEnds(code * 2);
    this.ends[code] = valueEnd;
    this.count = code + 1;
    return code;
  }

  /** The code of value i of another dictionary's content (a worker's), adding it when new. */
  codeOf(content: DictionaryContent, i: number): number {
    const start = i === 0 ? 0 : content.ends[i - 1];
    const end = content.ends[i];
    const hash = content.hashes[i];
    const { slots, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[2 * slot + 1];
      if (entry === 0) break;
      if (slots[2 * slot] === hash && this.sameUnits(entry - 1, content.chars, start, end)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    return this.add(slot, hash, this.writeUnits(content.chars, start, end));
  }

  /** The values from code `first` on, copied, with their hashes, to send to another thread. */
  contentFrom(first: number): DictionaryContent {
    const base = first === 0 ? 0 : this.ends[first - 1];
    const end = this.count === 0 ? 0 : this.ends[this.count - 1];
    const chars = this.chars.slice(base, end);
    const ends = this.ends.slice(first, this.count);
    const hashes = new Int32Array(ends.length);
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      ends[i] -= base;
      hashes[i] = hashUnits(chars, start, ends[i]);
      start = ends[i];
    }
    return { first, count: this.count - first, chars, ends, hashes };
  }

  /** Value `code` as a string, without making strings of the others. */
  valueAt(code: number): string {
    const start = code === 0 ? 0 : this.ends[code - 1];
    return decodeUnits(this.chars, start, this.ends[code]);
  }

  /** Writes text[start, end) after the values, widening `chars` if a unit needs it; returns where it ends. */
  private writeText(text: string, start: number, end: number): number {
    const from = this.room(end - start);
    let chars = this.chars;
    // Write first, check once after: a byte array keeps the low 8 bits of a wide unit, and the
    // value is written again below in that (rare) case.
    let unitBits = 0;
    for (let i = start; i < end; i++) {
      const unit = text.charCodeAt(i);
      unitBits |= unit;
      chars[from + i - start] = unit;
    }
    if (unitBits > 0xff && chars instanceof Uint8Array) {
      chars = this.widen(from);
      for (let i = start; i < end; i++) chars[from + i - start] = text.charCodeAt(i);
    }
    return from + end - start;
  }

  /** `writeText` of units[start, end). */
  private writeUnits(units: CodeUnits, start: number, end: number): number {
    const from = this.room(end - start);
    let chars = this.chars;
    // A loop, not set(subarray()): values are short, and a subarray is an object per value.
    let unitBits = 0;
    for (let k = start; k < end; k++) {
      const unit = units[k];
      unitBits |= unit;
      chars[from + k - start] = unit;
    }
    if (unitBits > 0xff && chars instanceof Uint8Array) {
      chars = this.widen(from);
      for (let k = start; k < end; k++) chars[from + k - start] = units[k];
    }
    return from + end - start;
  }

  /** Where a new value of `length` code units will start, with the room made. */
  private room(length: number): number {
    const from = this.count === 0 ? 0 : this.ends[this.count - 1];
    if (from + length > this.chars.length) {
      const capacity = Math.max(this.chars.length * 2, from + length);
      const chars = this.chars instanceof Uint8Array ? new Uint8Array(capacity) : new Uint16Array(capacity);
      chars.set(this.chars.subarray(0, from));
      this.chars = chars;
    }
    return from;
  }

  /** Turns the byte `chars` into two-byte units, keeping its first `used` units and its capacity. */
  private widen(used: number): Uint16Array {
    const chars = new Uint16Array(this.chars.length);
    chars.set(this.chars.subarray(0, used));
    this.chars = chars;
    return chars;
  }

  /** Records the value just written to `chars` (ending at `end`) in the empty `slot`. */
  private add(slot: number, hash: number, end: number): number {
    const code = this.count;
    if (code > this.codeLimit) this.outgrew(code);
    if (code === this.ends.length) this.growEnds(code * 2);
    this.ends[code] = end;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = code + 1;
    this.count = code + 1;
    if (4 * this.count > 3 * (this.mask + 1)) this.rehash(2 * (this.mask + 1));
    return code;
  }

  /** Called before code `code`, past `codeLimit`, is added. */
  protected outgrew(code: number): void {
    throw new Error(`dictionary code ${code} past its limit ${this.codeLimit}`);
  }

  private growEnds(capacity: number): void {
    const ends = new Int32Array(capacity);
    ends.set(this.ends.subarray(0, this.count));
    this.ends = ends;
  }

  /** The slot holding text[start, end), or the empty slot where it would go. */
  private slotOf(text: string, start: number, end: number, hash: number): number {
    const { slots, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[2 * slot + 1];
      if (entry === 0 || (slots[2 * slot] === hash && this.sameText(entry - 1, text, start, end))) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Whether value `code` is text[start, end). */
  private sameText(code: number, text: string, start: number, end: number): boolean {
    const from = code === 0 ? 0 : this.ends[code - 1];
    if (this.ends[code] - from !== end - start) return false;
    const chars = this.chars;
    for (let i = start; i < end; i++) if (chars[from + i - start] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** Whether value `code` is units[start, end) (either array may be bytes or two-byte units). */
  private sameUnits(code: number, units: CodeUnits, start: number, end: number): boolean {
    const from = code === 0 ? 0 : this.ends[code - 1];
    if (this.ends[code] - from !== end - start) return false;
    const chars = this.chars;
    for (let i = start; i < end; i++) if (chars[from + i - start] !== units[i]) return false;
    return true;
  }

  /**
   * Moves the entries to a table of at least `size` slots (a power of two), taking each hash from
   * its old slot. Codes stay as they are; only slots change.
   */
  private rehash(size: number): void {
    let slotCount = this.mask + 1;
    while (slotCount < size) slotCount *= 2;
    const mask = slotCount - 1;
    const old = this.slots;
    const slots = new Int32Array(2 * slotCount);
    for (let at = 0; at < old.length; at += 2) {
      const entry = old[at + 1];
      if (entry === 0) continue;
      const hash = old[at];
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = entry;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /**
   * Makes strings of the values not made yet: one string of all their code units (Latin-1, or a
   * raw UTF-16 copy with lone surrogates included), cut into values.
   */
  private makeStrings(): void {
    const strings = this.strings;
    const first = strings.length;
    const base = first === 0 ? 0 : this.ends[first - 1];
    const end = this.ends[this.count - 1];
    const all = decodeUnits(this.chars, base, end);
    let from = 0;
    for (let code = first; code < this.count; code++) {
      const to = this.ends[code] - base;
      strings.push(all.slice(from, to));
      from = to;
    }
  }
}

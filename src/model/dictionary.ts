/**
 * Text dictionaries: strings to dense codes, as the table's text columns and the key dedupe use them.
 */

/** Code units of values one after another: one byte each while all are Latin-1, else two. */
export type CodeUnits = Uint8Array | Uint16Array;

/** The bits of a hash that place a value in the table; the ones above are its tag (see TextDictionary). */
const PLACE_BITS = 0xffffff;

/** The final mix of an FNV-1a state. */
function mix(h: number): number {
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d);
}

/**
 * The hash of text[start, end): FNV-1a over its UTF-16 code units. The tag (high 8 bits) mixes
 * every unit; the place (low 24 bits) mixes every unit but the last two and adds those as a
 * number (64 x second-last + last). Ids that count up (T0000123, T0000124, ...) then get places
 * next to each other, so a big table of them is filled and probed a cache line at a time rather
 * than one cache miss per id (the reading thread's half million bench ids: ~190 -> ~100 ms). Any
 * other values still spread: their prefixes differ.
 */
function hashText(text: string, start: number, end: number): number {
  const cut = end - 2 > start ? end - 2 : start;
  let h = 0x811c9dc5;
  for (let i = start; i < cut; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const place = mix(h);
  let tail = 0;
  for (let i = cut; i < end; i++) {
    const unit = text.charCodeAt(i);
    h = Math.imul(h ^ unit, 0x01000193);
    tail = tail * 64 + unit;
  }
  return (mix(h) & ~PLACE_BITS) | ((place + tail) & PLACE_BITS);
}

/** `hashText` of the same code units held in an array (exactly: rehashing relies on it). */
function hashUnits(units: CodeUnits, start: number, end: number): number {
  const cut = end - 2 > start ? end - 2 : start;
  let h = 0x811c9dc5;
  for (let i = start; i < cut; i++) h = Math.imul(h ^ units[i], 0x01000193);
  const place = mix(h);
  let tail = 0;
  for (let i = cut; i < end; i++) {
    const unit = units[i];
    h = Math.imul(h ^ unit, 0x01000193);
    tail = tail * 64 + unit;
  }
  return (mix(h) & ~PLACE_BITS) | ((place + tail) & PLACE_BITS);
}

/** Dictionaries of at most this many values are searched one by one before hashing (see `scan`). */
const FEW = 8;

/** The most digits a value's number may have in a dictionary of numbered ids: 10^8 x 8 fits an Int32. */
const MAX_DIGITS = 8;

/** How a dictionary holds its values: not known before the first, then numbered ids or code units for good. */
const UNDECIDED = 0;
const NUMBERED = 1;
const UNITS = 2;

/** The hash table of a released dictionary (see `release`). */
const RELEASED = new Int32Array(0);

/** The first empty slot from `hash`'s own on, in a table of mask + 1 slots. */
function emptySlot(slots: Int32Array, mask: number, hash: number): number {
  let slot = hash & mask;
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  return slot;
}

/**
 * Some values of a dictionary, as a parse worker sends them: codes first..first + count - 1, either
 * - as code units: their units one after another (bytes when all are Latin-1), where each ends,
 *   and their hashes (computed by the worker, so that the reading thread, which merges every
 *   part, need not); or
 * - as numbered ids, from a dictionary that holds them so (see TextDictionary): the prefix and
 *   each value's id, 4 bytes a value where units, end and hash take ~17. They wait in the reading
 *   thread's queue until its own range is read: ~100 MB less at 10M contacts.
 */
export type DictionaryContent =
  | { first: number; count: number; chars: CodeUnits; ends: Int32Array; hashes: Int32Array }
  | { first: number; count: number; prefix: string; ids: Int32Array };

/** A whole dictionary as held (see `TextDictionary.state`): its arrays may be transferred to another thread. */
export interface DictionaryState {
  count: number;
  ascending: boolean;
  chars: CodeUnits;
  ends: Int32Array<ArrayBuffer>;
  form: number;
  prefix: string;
  codeMask: number;
}

/** Room to write out another dictionary's numbered id (its prefix and up to MAX_DIGITS digits). */
let foreignId = new Uint16Array(64);

/** Writes another dictionary's numbered id out into `foreignId`; returns where it ends there. */
function writeForeignId(prefix: string, id: number): number {
  if (foreignId.length < prefix.length + MAX_DIGITS) foreignId = new Uint16Array(prefix.length + MAX_DIGITS);
  for (let i = 0; i < prefix.length; i++) foreignId[i] = prefix.charCodeAt(i);
  return writeDigits(foreignId, prefix.length, id);
}

/** Writes the digits of numbered id `id` (leading zeros included) into units from `from`; returns where they end. */
function writeDigits(units: Uint16Array, from: number, id: number): number {
  const end = from + (id & 7) + 1;
  let n = id >>> 3;
  for (let i = end - 1; i >= from; i--) {
    units[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return end;
}

function isDigit(unit: number): boolean {
  return unit >= 48 && unit <= 57;
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
 * - `slots`: an open-addressing hash table, at most three quarters full, of one Int32 per slot
 *   (4 bytes): code + 1 in the low bits (0: empty) and the high bits of the value's hash in the
 *   others, as a tag, so that a probe rarely compares the text of another value (1 in 256 of
 *   the values it meets). Codes take 24 bits and the tag 8 until the codes need more: then the
 *   tag gives up a bit each time the codes double, with the table rewritten (a few times, past
 *   16 million values). The full hash is kept nowhere: rehashing hashes each value's units
 *   again, which costs less than 4 more bytes a slot would.
 * Numbered ids (T0000123, INC0010001, 48213: one prefix, then up to 8 digits) are held as
 * numbers instead: while every value is the first value's prefix followed by 1 to 8 digits,
 * `ends` holds each value's number x 8 + (its digit count - 1) and `chars` is unused. The first
 * value that is not moves the dictionary to code units for good (written out once).
 * Cost per value: its length in bytes (twice that once widened) + 4 + 5.3 to 10.7 bytes of
 * slots, depending on the fill; a numbered id 4 + slots. A million 8-character ids take 12 MiB
 * as numbers: 4 of numbers and 8 of slots (2^21 slots, as a million is over three quarters of
 * 2^20); as code units they would take 20 (8 more of units).
 * Numbered ids that count up, as helpdesks number tickets and exports list them, need no hash
 * table at all while each is above the one before: `ends` is then sorted, a new value is one
 * above the last, and a lookup of an earlier one searches `ends`. The first value out of order
 * (or too many searches) builds the table, for good. At 10M contacts, the ids' table was 64 MB.
 * `values`, the strings, are made on first use, so columns nobody lists (ids) never make them.
 */
export class TextDictionary {
  private count = 0;
  /** The values' code units, one after another (see the class comment). */
  private chars: CodeUnits = new Uint8Array(256);
  /** Where each value ends in `chars` (value i starts where value i - 1 ends); numbered ids: each value's number (see the class comment). */
  private ends = new Int32Array(16);
  /** UNDECIDED, NUMBERED or UNITS. */
  private form = UNDECIDED;
  /**
   * Whether every value so far is a numbered id above the one before: then `ends` is sorted and
   * `slots` is not built (only `mask` says the size it will have). See the class comment.
   */
  private ascending = true;
  /** Lookups of earlier values answered by searching `ends`: past `count` of them, the hash table pays. */
  private searches = 0;
  /** The prefix of numbered ids ('T' of T0000123). */
  private prefix = '';
  /** The prefix's code units, with room for the digits after it: a numbered id written out, to hash it. */
  private idUnits = new Uint16Array(MAX_DIGITS);
  /**
   * The hash table: per slot code + 1 of a value (0 when empty) under `codeMask` and its hash's
   * tag above it, in one Int32, so that probing a big table (a million ids) reads one cache line,
   * not one per value met. At most three quarters full: probes stay short, and each is cheap.
   */
  private slots = new Int32Array(32);
  private mask = 31;
  /** The bits of a slot holding code + 1 (the low ones); the bits above hold the tag. */
  private codeMask: number;
  /** Whether a value was appended, unindexed: then rehashing finds the indexed ones in the old slots. */
  private appended = false;
  /** The values made into strings so far. */
  private strings: string[] = [];
  /**
   * The largest code the holder of this dictionary can store as it is; adding a larger one calls
   * `outgrew` first (a text column widens its codes: see TextBuilder).
   */
  protected codeLimit = Infinity;

  /**
   * @param codeBits the bits of a slot for code + 1 at first (24, leaving 8 for the tag); tests
   *   give fewer, so that the codes outgrow them after a few values rather than 16 million.
   */
  constructor(codeBits = 24) {
    this.codeMask = 2 ** codeBits - 1;
  }

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

  /**
   * Frees the hash table of a dictionary done growing (a table built after reading): the values
   * and codes stay, and a later lookup builds the table again first. Ids need their table to
   * find duplicates while reading, and rarely after: at 10M contacts the tables of the id and
   * customer id dictionaries are ~200 MB. Not for a dictionary with appended values, which its
   * table never held.
   */
  release(): void {
    if (!this.appended) this.slots = RELEASED;
  }

  /** Builds the hash table again after `release`. */
  private reindex(): void {
    if (this.slots === RELEASED && !this.ascending) this.rehash(this.mask + 1);
  }

  /** The code of text[start, end), or -1 when absent. */
  find(text: string, start = 0, end = text.length): number {
    if (this.ascending) {
      // Every value is a numbered id (or there are none).
      const id = this.form === NUMBERED ? this.idOfText(text, start, end) : -1;
      return id < 0 ? -1 : this.search(id);
    }
    this.reindex();
    return (this.slots[this.slotOf(text, start, end, hashText(text, start, end))] & this.codeMask) - 1;
  }

  /** The code of text[start, end), adding it when new. */
  code(text: string, start = 0, end = text.length): number {
    if (this.ascending) {
      if (this.form === UNDECIDED) this.decide(text.slice(start, end));
      const code = this.ascendingCode(this.form === NUMBERED ? this.idOfText(text, start, end) : -1);
      if (code >= 0) return code;
    }
    if (this.count <= FEW && this.form === UNITS && !this.appended) {
      const code = this.scan(text, start, end);
      if (code >= 0) return code;
    }
    this.reindex();
    const hash = hashText(text, start, end);
    const slot = this.slotOf(text, start, end, hash);
    const entry = this.slots[slot];
    if (entry !== 0) return (entry & this.codeMask) - 1;
    return this.add(slot, hash, this.writeText(text, start, end));
  }

  /**
   * The code of text[start, end) among a few values, compared one by one, or -1: for labels
   * (channel, status, priority), cheaper than hashing the text, as a value of another length is
   * passed over at once.
   */
  private scan(text: string, start: number, end: number): number {
    const { ends, chars } = this;
    const length = end - start;
    let from = 0;
    for (let code = 0; code < this.count; code++) {
      const to = ends[code];
      if (to - from === length) {
        let i = 0;
        while (i < length && chars[from + i] === text.charCodeAt(start + i)) i++;
        if (i === length) return code;
      }
      from = to;
    }
    return -1;
  }

  /**
   * Adds text[start, end) as a new value without indexing it: `find`, `code` and `codeOf` never
   * see it. For a parse worker's keys, nearly all distinct and all looked up again by the reading
   * thread, which then need not be hashed into a table here too.
   */
  append(text: string, start: number, end: number): number {
    this.leaveAscending();
    const valueEnd = this.writeText(text, start, end);
    const code = this.count;
    if (code > this.codeLimit) this.outgrew(code);
    if (code === this.ends.length) this.growEnds(code * 2);
    this.ends[code] = valueEnd;
    this.appended = true;
    this.count = code + 1;
    return code;
  }

  /** The code of value i of another dictionary's content (a worker's), adding it when new. */
  codeOf(content: DictionaryContent, i: number): number {
    if (this.ascending) {
      const code = this.ascendingCode(this.idOfContent(content, i));
      if (code >= 0) return code;
    }
    this.reindex();
    if ('ids' in content) return this.codeOfId(content.prefix, content.ids[i]);
    return this.codeOfUnits(content.chars, i === 0 ? 0 : content.ends[i - 1], content.ends[i], content.hashes[i]);
  }

  /**
   * While ascending: the code of numbered id `id` (-1 when the value is not one), adding it when
   * above the last; -1 once the dictionary cannot stay ascending (it then has its hash table).
   */
  private ascendingCode(id: number): number {
    const last = this.count === 0 ? -1 : this.ends[this.count - 1];
    if (id > last) return this.add(-1, 0, id);
    if (id >= 0) {
      const code = this.search(id);
      if (code >= 0 && this.searches++ < this.count) return code;
    }
    this.leaveAscending();
    return -1;
  }

  /** Value i of another dictionary's content as a numbered id of this one, or -1 (deciding this one's form if still open). */
  private idOfContent(content: DictionaryContent, i: number): number {
    if ('ids' in content && this.form === NUMBERED && content.prefix === this.prefix) return content.ids[i];
    let units: CodeUnits;
    let start = 0;
    let end: number;
    if ('ids' in content) {
      end = writeForeignId(content.prefix, content.ids[i]);
      units = foreignId;
    } else {
      units = content.chars;
      start = i === 0 ? 0 : content.ends[i - 1];
      end = content.ends[i];
    }
    if (this.form === UNDECIDED) this.decide(decodeUnits(units, start, end));
    return this.form === NUMBERED ? this.idOfUnits(units, start, end) : -1;
  }

  /** The code of numbered id `id` among the sorted `ends` of an ascending dictionary, or -1. */
  private search(id: number): number {
    const ends = this.ends;
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = ends[mid];
      if (value < id) lo = mid + 1;
      else if (value > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Builds the hash table of an ascending dictionary, which from now on looks values up there. */
  private leaveAscending(): void {
    if (!this.ascending) return;
    this.ascending = false;
    this.rehash(this.mask + 1);
  }

  /** The code of another dictionary's numbered id, adding it when new. */
  private codeOfId(prefix: string, id: number): number {
    if (this.form !== NUMBERED || prefix !== this.prefix) {
      // Written out, it is any other value.
      const end = writeForeignId(prefix, id);
      return this.codeOfUnits(foreignId, 0, end, hashUnits(foreignId, 0, end));
    }
    const hash = this.hashOfId(id);
    const { slots, mask, codeMask, ends } = this;
    const tagMask = ~codeMask;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot];
      if (entry === 0) break;
      if (((entry ^ hash) & tagMask) === 0 && ends[(entry & codeMask) - 1] === id) return (entry & codeMask) - 1;
      slot = (slot + 1) & mask;
    }
    return this.add(slot, hash, id);
  }

  /** The code of units[start, end) with its hash, adding it when new. */
  private codeOfUnits(units: CodeUnits, start: number, end: number, hash: number): number {
    const { slots, mask, codeMask } = this;
    const tagMask = ~codeMask;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot];
      if (entry === 0) break;
      const code = (entry & codeMask) - 1;
      if (((entry ^ hash) & tagMask) === 0 && this.sameUnits(code, units, start, end)) return code;
      slot = (slot + 1) & mask;
    }
    return this.add(slot, hash, this.writeUnits(units, start, end));
  }

  /**
   * Every value as held, without the hash table, to hand the whole dictionary to another thread
   * (its arrays can be transferred): see `restore`. Not for a dictionary with appended values.
   */
  state(): DictionaryState {
    if (this.appended) throw new Error('a dictionary with appended values cannot be handed over');
    return { count: this.count, ascending: this.ascending, chars: this.chars, ends: this.ends, form: this.form, prefix: this.prefix, codeMask: this.codeMask };
  }

  /**
   * Takes over another dictionary's `state` (this one being empty): the same values under the
   * same codes. The hash table is built at the first lookup, as after `release`.
   */
  restore(state: DictionaryState): void {
    if (this.count !== 0) throw new Error('a dictionary can take over a state only while empty');
    this.count = state.count;
    this.ascending = state.ascending;
    this.chars = state.chars;
    this.ends = state.ends;
    this.form = state.form;
    this.prefix = state.prefix;
    this.codeMask = state.codeMask;
    if (this.form === NUMBERED) {
      this.idUnits = new Uint16Array(this.prefix.length + MAX_DIGITS);
      for (let i = 0; i < this.prefix.length; i++) this.idUnits[i] = this.prefix.charCodeAt(i);
    }
    // sized as `add` leaves it: at most three quarters full
    let slotCount = this.mask + 1;
    while (4 * this.count > 3 * slotCount) slotCount *= 2;
    this.mask = slotCount - 1;
    this.slots = RELEASED;
  }

  /** The values from code `first` on, copied, with their hashes, to send to another thread. */
  contentFrom(first: number): DictionaryContent {
    // Numbered ids go as they are held: the prefix and the ids.
    if (this.form === NUMBERED) return { first, count: this.count - first, prefix: this.prefix, ids: this.ends.slice(first, this.count) };
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
    if (this.form === NUMBERED) return this.prefix + this.digitsOf(this.ends[code]);
    const start = code === 0 ? 0 : this.ends[code - 1];
    return decodeUnits(this.chars, start, this.ends[code]);
  }

  /**
   * Writes text[start, end) after the values, widening `chars` if a unit needs it; returns what
   * `ends` keeps for it: where it ends, or a numbered id as it is held.
   */
  private writeText(text: string, start: number, end: number): number {
    if (this.form !== UNITS) {
      if (this.form === UNDECIDED) this.decide(text.slice(start, end));
      if (this.form === NUMBERED) {
        const id = this.idOfText(text, start, end);
        if (id >= 0) return id;
        this.toUnits();
      }
    }
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
    if (this.form !== UNITS) {
      if (this.form === UNDECIDED) this.decide(decodeUnits(units, start, end));
      if (this.form === NUMBERED) {
        const id = this.idOfUnits(units, start, end);
        if (id >= 0) return id;
        this.toUnits();
      }
    }
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

  /** Records the value just written to `chars` (ending at `end`) in the empty `slot` (none while ascending). */
  private add(slot: number, hash: number, end: number): number {
    const code = this.count;
    if (code > this.codeLimit) this.outgrew(code);
    if (code === this.ends.length) this.growEnds(code * 2);
    if (code + 1 > this.codeMask) {
      // The codes need more bits (one, or more after appends): the tags give them up, in a
      // table rewritten as it is.
      if (code + 1 > 0x7fffffff) throw new Error(`dictionary full: ${code} values`);
      let codeMask = this.codeMask;
      while (code + 1 > codeMask) codeMask = 2 * codeMask + 1;
      this.rehash(this.mask + 1, codeMask);
      if (!this.ascending) slot = emptySlot(this.slots, this.mask, hash);
    }
    this.ends[code] = end;
    if (!this.ascending) this.slots[slot] = (hash & ~this.codeMask) | (code + 1);
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
    const { slots, mask, codeMask } = this;
    const tagMask = ~codeMask;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot];
      if (entry === 0) return slot;
      if (((entry ^ hash) & tagMask) === 0 && this.sameText((entry & codeMask) - 1, text, start, end)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Whether value `code` is text[start, end). */
  private sameText(code: number, text: string, start: number, end: number): boolean {
    if (this.form === NUMBERED) return this.idOfText(text, start, end) === this.ends[code];
    const from = code === 0 ? 0 : this.ends[code - 1];
    if (this.ends[code] - from !== end - start) return false;
    const chars = this.chars;
    for (let i = start; i < end; i++) if (chars[from + i - start] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** Whether value `code` is units[start, end) (either array may be bytes or two-byte units). */
  private sameUnits(code: number, units: CodeUnits, start: number, end: number): boolean {
    if (this.form === NUMBERED) return this.idOfUnits(units, start, end) === this.ends[code];
    const from = code === 0 ? 0 : this.ends[code - 1];
    if (this.ends[code] - from !== end - start) return false;
    const chars = this.chars;
    for (let i = start; i < end; i++) if (chars[from + i - start] !== units[i]) return false;
    return true;
  }

  /**
   * Moves the entries to a table of at least `size` slots (a power of two), with code + 1 under
   * `codeMask` from now on, hashing each value's units again. Codes stay as they are; only slots
   * change. While ascending only the sizes are kept, for the table built on leaving.
   */
  private rehash(size: number, codeMask = this.codeMask): void {
    let slotCount = this.mask + 1;
    while (slotCount < size) slotCount *= 2;
    const mask = slotCount - 1;
    if (this.ascending) {
      this.mask = mask;
      this.codeMask = codeMask;
      return;
    }
    const tagMask = ~codeMask;
    const { chars, ends } = this;
    const slots = new Int32Array(slotCount);
    if (!this.appended) {
      // Every value is in the table: hash them in code order, reading units and ends straight
      // through rather than at random as the old slots give them (1M new ids: 30% faster).
      let start = 0;
      const numbered = this.form === NUMBERED;
      for (let code = 0; code < this.count; code++) {
        const hash = numbered ? this.hashOfId(ends[code]) : hashUnits(chars, start, ends[code]);
        start = ends[code];
        slots[emptySlot(slots, mask, hash)] = (hash & tagMask) | (code + 1);
      }
    } else {
      const old = this.slots;
      const oldCodeMask = this.codeMask;
      for (let at = 0; at < old.length; at++) {
        if (old[at] === 0) continue;
        const code = (old[at] & oldCodeMask) - 1;
        const hash = this.form === NUMBERED ? this.hashOfId(ends[code]) : hashUnits(chars, code === 0 ? 0 : ends[code - 1], ends[code]);
        slots[emptySlot(slots, mask, hash)] = (hash & tagMask) | (code + 1);
      }
    }
    this.slots = slots;
    this.mask = mask;
    this.codeMask = codeMask;
  }

  /** Takes numbered ids when the first value is one: a prefix, then 1 to MAX_DIGITS digits (the last ones of a longer run). */
  private decide(first: string): void {
    let digits = 0;
    while (digits < MAX_DIGITS && digits < first.length && isDigit(first.charCodeAt(first.length - 1 - digits))) digits++;
    if (digits === 0) {
      this.form = UNITS;
      this.leaveAscending();
      return;
    }
    this.form = NUMBERED;
    this.prefix = first.slice(0, first.length - digits);
    this.idUnits = new Uint16Array(this.prefix.length + MAX_DIGITS);
    for (let i = 0; i < this.prefix.length; i++) this.idUnits[i] = this.prefix.charCodeAt(i);
  }

  /** text[start, end) as a numbered id (number x 8 + digits - 1), or -1 when it is not one of this dictionary's. */
  private idOfText(text: string, start: number, end: number): number {
    const prefix = this.prefix;
    const digits = end - start - prefix.length;
    if (digits < 1 || digits > MAX_DIGITS) return -1;
    for (let i = 0; i < prefix.length; i++) if (text.charCodeAt(start + i) !== prefix.charCodeAt(i)) return -1;
    let n = 0;
    for (let i = end - digits; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return -1;
      n = n * 10 + digit;
    }
    return n * 8 + digits - 1;
  }

  /** `idOfText` of units[start, end). */
  private idOfUnits(units: CodeUnits, start: number, end: number): number {
    const prefix = this.prefix;
    const digits = end - start - prefix.length;
    if (digits < 1 || digits > MAX_DIGITS) return -1;
    for (let i = 0; i < prefix.length; i++) if (units[start + i] !== prefix.charCodeAt(i)) return -1;
    let n = 0;
    for (let i = end - digits; i < end; i++) {
      const digit = units[i] - 48;
      if (digit < 0 || digit > 9) return -1;
      n = n * 10 + digit;
    }
    return n * 8 + digits - 1;
  }

  /** The digits of a numbered id, leading zeros included. */
  private digitsOf(id: number): string {
    return String(id >>> 3).padStart((id & 7) + 1, '0');
  }

  /** Writes a numbered id's units into `idUnits` after the prefix; returns their end. */
  private writeId(id: number): number {
    return writeDigits(this.idUnits, this.prefix.length, id);
  }

  /** The hash of a numbered id: `hashText` of it written out. */
  private hashOfId(id: number): number {
    return hashUnits(this.idUnits, 0, this.writeId(id));
  }

  /**
   * Writes every numbered id out as code units, for good (a value came that is not one), with
   * room for as many units again; `ends` keeps its capacity for the codes to come.
   */
  private toUnits(): void {
    const ids = this.ends;
    const ends = new Int32Array(ids.length);
    let length = 0;
    for (let code = 0; code < this.count; code++) length += this.prefix.length + (ids[code] & 7) + 1;
    const capacity = Math.max(256, 2 * length);
    const chars = /[^\u0000-\u00ff]/.test(this.prefix) ? new Uint16Array(capacity) : new Uint8Array(capacity);
    let at = 0;
    for (let code = 0; code < this.count; code++) {
      const end = this.writeId(ids[code]);
      for (let k = 0; k < end; k++) chars[at++] = this.idUnits[k];
      ends[code] = at;
    }
    this.chars = chars;
    this.ends = ends;
    this.form = UNITS;
  }

  /**
   * Makes strings of the values not made yet: one string of all their code units (Latin-1, or a
   * raw UTF-16 copy with lone surrogates included), cut into values.
   */
  private makeStrings(): void {
    const strings = this.strings;
    const first = strings.length;
    if (this.form === NUMBERED) {
      for (let code = first; code < this.count; code++) strings.push(this.valueAt(code));
      return;
    }
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

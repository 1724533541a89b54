import { UserError } from '../errors.js';

/** Receives the records of a JSON input one at a time, so the input is never held whole. */
export interface ObjectSink {
  /** One top-level record (a JSON object), with the 1-based line where it starts. */
  object(value: Record<string, unknown>, line: number): void;
  malformed(line: number, reason: string): void;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const BOM = 0xfeff;

// Where the array reader is.
/** After `[`: the first element or `]`. */
const EXPECT_FIRST = 0;
/** After a `,`: the next element. */
const EXPECT_ELEMENT = 1;
const IN_ELEMENT = 2;
/** After the closing `]`: only whitespace may follow. */
const AFTER_ARRAY = 3;
/** Something followed the array; it has been reported and the rest is ignored. */
const IGNORING = 4;

/** The LFs in text from `from` on. */
function linesIn(text: string, from: number): number {
  let lines = 0;
  for (let lf = text.indexOf('\n', from); lf >= 0; lf = text.indexOf('\n', lf + 1)) lines++;
  return lines;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Splits streamed JSON text into records. The first non-whitespace character decides: `[` = a JSON array of objects (streamed element by element, never parsing the whole array at once: scan for element boundaries tracking strings, escapes and nesting depth, then JSON.parse each element); anything else = NDJSON (one JSON value per line; blank lines skipped). An element/line that fails to parse or is not a plain object → malformed(line, reason) and continue. Truncated array at end → malformed.
 *
 * Parsing element by element keeps memory flat on large exports and lets one bad element cost
 * one rejected record instead of the whole file.
 */
export class JsonRecordSplitter {
  private readonly sink: ObjectSink;
  private readonly maxRecordLength: number;
  private fmt: 'array' | 'ndjson' | undefined;
  private ended = false;
  /** The physical line of the next character to read (LF counts; CRLF is one line ending). */
  private line = 1;

  /** The physical line the next text pushed starts on (1-based). */
  get nextLine(): number {
    return this.line;
  }

  // The record being collected: its text from earlier chunks, kept as parts to join once.
  private parts: string[] = [];
  private partsLength = 0;
  private tooLong = false;

  // Array reader state, kept across chunks.
  private state = EXPECT_FIRST;
  private depth = 0;
  private inString = false;
  private escape = false;
  private elementLine = 0;

  /** `maxRecordLength`: longest element or line in characters; longer ones are reported and skipped. Default 1_048_576 * 4. Throws UserError on a limit that is not a positive integer. */
  constructor(sink: ObjectSink, options: { maxRecordLength?: number } = {}) {
    this.sink = sink;
    const max = options.maxRecordLength ?? 1_048_576 * 4;
    if (!Number.isInteger(max) || max <= 0) {
      throw new UserError(`maxRecordLength must be a positive integer, got ${String(options.maxRecordLength)}`);
    }
    this.maxRecordLength = max;
  }

  /** 'array' | 'ndjson' once known, else undefined. */
  get format(): 'array' | 'ndjson' | undefined {
    return this.fmt;
  }

  /** Feeds the next chunk of text; chunks may be split anywhere, even inside a string or escape. */
  push(text: string): void {
    if (this.ended) throw new Error('JsonRecordSplitter.push() called after end()');
    let pos = 0;
    if (this.fmt === undefined) {
      const len = text.length;
      for (; pos < len; pos++) {
        const c = text.charCodeAt(pos);
        if (c === LF) this.line++;
        else if (!isSpace(c) && c !== BOM) break;
      }
      if (pos === len) return;
      if (text.charCodeAt(pos) === OPEN_BRACKET) {
        this.fmt = 'array';
        this.state = EXPECT_FIRST;
        pos++;
      } else {
        this.fmt = 'ndjson';
      }
    }
    if (this.fmt === 'ndjson') this.pushLines(text, pos);
    else this.pushArray(text, pos);
  }

  /** End of input: reads a last NDJSON line without newline; reports an array that was never closed. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.fmt === 'ndjson') {
      if (this.partsLength > 0 && !this.tooLong) {
        if (this.partsLength > this.maxRecordLength) this.sink.malformed(this.line, this.tooLongReason());
        else this.parseRecord(this.parts.join(''), this.line);
      }
    } else if (this.fmt === 'array') {
      if (this.state === IN_ELEMENT) {
        this.sink.malformed(this.elementLine, 'truncated array: element not finished at end of input');
      } else if (this.state === EXPECT_FIRST || this.state === EXPECT_ELEMENT) {
        this.sink.malformed(this.line, 'truncated array: no closing ] at end of input');
      }
    }
    this.parts = [];
    this.partsLength = 0;
  }

  private tooLongReason(): string {
    return `record longer than ${this.maxRecordLength} characters, skipped`;
  }

  /** Holds the unfinished record's text from this chunk, or drops it once the record is too long. */
  private keepPart(part: string, line: number): void {
    if (this.tooLong || part.length === 0) return;
    this.parts.push(part);
    this.partsLength += part.length;
    if (this.partsLength > this.maxRecordLength) {
      this.tooLong = true;
      this.parts = [];
      this.partsLength = 0;
      this.sink.malformed(line, this.tooLongReason());
    }
  }

  /** Takes the collected record ending at `text[end]`, or reports it as too long. */
  private takeRecord(text: string, start: number, end: number, line: number): void {
    const wasTooLong = this.tooLong;
    const length = this.partsLength + (end - start);
    const parts = this.parts;
    this.parts = [];
    this.partsLength = 0;
    this.tooLong = false;
    if (wasTooLong) return;
    if (length > this.maxRecordLength) {
      this.sink.malformed(line, this.tooLongReason());
      return;
    }
    const piece = text.slice(start, end);
    this.parseRecord(parts.length === 0 ? piece : parts.join('') + piece, line);
  }

  private parseRecord(text: string, line: number): void {
    if (text.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      this.sink.malformed(line, `invalid JSON: ${message.length > 200 ? `${message.slice(0, 200)}...` : message}`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.sink.malformed(line, `not a JSON object (got ${describeValue(value)})`);
      return;
    }
    this.sink.object(value as Record<string, unknown>, line);
  }

  /** NDJSON: a JSON string cannot hold a raw newline, so every LF ends a record. */
  private pushLines(text: string, pos: number): void {
    const len = text.length;
    while (pos < len) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) {
        this.keepPart(text.slice(pos), this.line);
        return;
      }
      this.takeRecord(text, pos, nl, this.line);
      this.line++;
      pos = nl + 1;
    }
  }

  /**
   * Array: finds where each element ends (a `,` or `]` at depth 0 outside strings) without
   * parsing, then parses just that element.
   */
  private pushArray(text: string, pos: number): void {
    const len = text.length;
    let state = this.state;
    if (state === IGNORING) {
      // ignored, but its lines still count: a warning about the text names them
      this.line += linesIn(text, pos);
      return;
    }
    let depth = this.depth;
    let inString = this.inString;
    let escape = this.escape;
    let line = this.line;
    let start = state === IN_ELEMENT ? pos : -1;
    for (let i = pos; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) line++;
      if (state === IN_ELEMENT) {
        if (inString) {
          if (escape) escape = false;
          else if (c === BACKSLASH) escape = true;
          else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) {
          inString = true;
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          depth++;
        } else if (depth > 0) {
          // Brackets are not matched by type: a mismatch is JSON.parse's to report.
          if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
        } else if (c === COMMA || c === CLOSE_BRACKET) {
          this.takeRecord(text, start, i, this.elementLine);
          state = c === COMMA ? EXPECT_ELEMENT : AFTER_ARRAY;
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (state === AFTER_ARRAY) {
        this.sink.malformed(line, 'unexpected text after the end of the array, ignored');
        state = IGNORING;
        line += linesIn(text, i);
        break;
      }
      if (c === CLOSE_BRACKET) {
        if (state === EXPECT_ELEMENT) this.sink.malformed(line, 'empty element before ] (trailing comma)');
        state = AFTER_ARRAY;
      } else if (c === COMMA) {
        this.sink.malformed(line, 'empty element (two commas in a row)');
        state = EXPECT_ELEMENT;
      } else {
        state = IN_ELEMENT;
        start = i;
        this.elementLine = line;
        depth = 0;
        inString = false;
        escape = false;
        // Read this character again as the element's first.
        i--;
      }
    }
    if (state === IN_ELEMENT) this.keepPart(text.slice(start), this.elementLine);
    this.state = state;
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    this.line = line;
  }
}

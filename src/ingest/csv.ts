import { UserError } from '../errors.js';
import { lineAt } from './decode.js';

/** Receives what the tokenizer reads, one call per record, so rows are never collected in memory. */
export interface RecordSink {
  /** One record. `fields` are the unquoted field values; `line` is the 1-based line where the record starts. */
  record(fields: string[], line: number): void;
  /** A record that cannot be read (unterminated quote at end of input, record over the size limit). The tokenizer skips it and goes on. */
  malformed(line: number, reason: string): void;
  /**
   * Optional: a record without quotes as ranges of `text`, instead of `record`: field j is
   * text[starts[j], starts[j + 1] - 1), `count` fields. Saves cutting out a string per field
   * when the receiver can read cells in place. `starts` is reused for the next record.
   */
  recordRange?(text: string, starts: Int32Array, count: number, line: number): void;
}

/** How to read a CSV file; everything is optional because most exports follow RFC 4180. */
export interface CsvOptions {
  /** ',' ';' or '\t'; when omitted, detected from the first record (the candidate that occurs most often outside quotes in the first line; comma on ties/none). */
  delimiter?: string;
  /** Longest record in characters; longer ones are reported via malformed() and skipped, never held whole. Default 1_048_576 * 4. */
  maxRecordLength?: number;
  /**
   * The text starts at a record boundary inside a file rather than at its start (a parse
   * worker's share of it): a leading U+FEFF is then data, not a byte order mark.
   */
  continuation?: boolean;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BOM = 0xfeff;

const CANDIDATES = [',', ';', '\t', '|'];

// States of the character-level reader used for records that contain quotes or lone CRs.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Inside a quoted field, just after a `"`: either an escaped `""` or the closing quote. */
const QUOTE_SEEN = 3;

/**
 * A streaming CSV tokenizer: RFC 4180 plus the leniencies real exports need (LF, CRLF or lone
 * CR line endings; literal quotes inside unquoted fields; text after a closing quote appended).
 *
 * Speed comes from treating the common line (no `"`, no lone CR) with native string search:
 * `indexOf` finds the newline and `split` cuts the fields. Only a line that holds a quote, a
 * lone CR, or the unfinished tail of a chunk goes through the character-by-character reader,
 * whose state survives between chunks so a record split across chunks is never re-scanned.
 *
 * Fields of 13 characters or more may be V8 slices of the pushed chunk; a caller that keeps
 * many such strings for the life of the process keeps their chunks alive too.
 */
export class CsvTokenizer {
  private readonly sink: RecordSink;
  private readonly maxRecordLength: number;
  private delim: string;
  private delimCode: number;

  // Delimiter detection: text is held back until the first record is complete.
  private detecting: boolean;
  private pending: string[] = [];
  private pendingLength = 0;
  private detectInQuotes = false;
  private detectSawContent = false;
  private readonly detectCounts = [0, 0, 0, 0];
  private detectScanned = 0;

  /** The physical line of the next character to read. */
  private line = 1;
  private started = false;
  private ended = false;
  /** The last record ended on a CR that closed its chunk; a LF opening the next chunk belongs to it. */
  private skipLF = false;
  private prevChunkEndedWithCR = false;

  // A record being read by the character-level reader, kept across chunks.
  private inRecord = false;
  private recState = FIELD_START;
  private recFields: string[] = [];
  private recValue = '';
  private recLine = 0;
  private recLength = 0;
  private recTooLong = false;

  /** Field starts for recordRange(), reused from record to record. */
  private starts: Int32Array = new Int32Array(64);

  /** Creates a tokenizer that reports to `sink`; throws UserError on an unusable delimiter or limit. */
  constructor(sink: RecordSink, options: CsvOptions = {}) {
    this.sink = sink;
    const max = options.maxRecordLength ?? 1_048_576 * 4;
    if (!Number.isInteger(max) || max <= 0) {
      throw new UserError(`maxRecordLength must be a positive integer, got ${String(options.maxRecordLength)}`);
    }
    this.maxRecordLength = max;
    const d = options.delimiter;
    if (d !== undefined && (d.length !== 1 || d === '"' || d === '\r' || d === '\n')) {
      throw new UserError(`CSV delimiter must be one character other than a quote or newline, got ${JSON.stringify(d)}`);
    }
    this.detecting = d === undefined;
    this.delim = d ?? ',';
    this.delimCode = this.delim.charCodeAt(0);
    this.started = options.continuation === true;
  }

  /**
   * True when everything pushed so far ended exactly at the end of a record (not inside a quoted
   * field, not after a CR whose LF may follow): text pushed next then starts a record, as it
   * would for a fresh tokenizer given the same delimiter.
   */
  get atRecordBoundary(): boolean {
    return !this.detecting && !this.inRecord && !this.skipLF;
  }

  /** The physical line the next text pushed starts on (1-based). */
  get nextLine(): number {
    if (this.pendingLength === 0) return this.line;
    // text held for delimiter detection is not read yet: its lines as the reader will count them
    const held = this.pending.join('');
    return lineAt(held, held.length, this.line, { cr: true, afterCR: false });
  }

  /**
   * Continues at `line` after text that was read elsewhere (a parse worker's share of the file).
   * Only at a record boundary, where no other state carries over.
   */
  resumeAt(line: number): void {
    if (!this.atRecordBoundary) throw new Error('CsvTokenizer.resumeAt() needs a record boundary');
    this.line = line;
    this.prevChunkEndedWithCR = false;
  }

  /** The delimiter in use: the given one, the detected one, or ',' while detection still waits for the first line. */
  get delimiter(): string {
    return this.delim;
  }

  /** Feeds the next chunk of text; chunks may be split anywhere, even inside a quoted field or a CRLF. */
  push(text: string): void {
    if (this.ended) throw new Error('CsvTokenizer.push() called after end()');
    if (text.length === 0) return;
    if (!this.started) {
      this.started = true;
      // The decoder strips the BOM, but text read some other way may still carry it.
      if (text.charCodeAt(0) === BOM) {
        text = text.slice(1);
        if (text.length === 0) return;
      }
    }
    if (this.detecting) this.detect(text);
    else this.process(text);
  }

  /** End of input: flushes the last record (a last line without newline is a normal record). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.detecting) this.finishDetection();
    if (!this.inRecord) return;
    this.inRecord = false;
    if (this.recTooLong) return;
    const state = this.recState;
    if (state === QUOTED) {
      this.sink.malformed(this.recLine, 'unterminated quoted field at end of input');
      return;
    }
    const fields = this.recFields;
    if (state !== FIELD_START || fields.length > 0) fields.push(this.recValue);
    this.recFields = [];
    this.recValue = '';
    if (fields.length === 0) return;
    if (this.recLength > this.maxRecordLength) this.sink.malformed(this.recLine, this.tooLongReason());
    else this.sink.record(fields, this.recLine);
  }

  private tooLongReason(): string {
    return `record longer than ${this.maxRecordLength} characters, skipped`;
  }

  /** Counts candidate delimiters outside quotes on the first non-blank line, scanning each chunk once. */
  private detect(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    const counts = this.detectCounts;
    let inQuotes = this.detectInQuotes;
    let sawContent = this.detectSawContent;
    let done = false;
    // Only the first maxRecordLength + 1 characters are looked at, however the text is chunked,
    // so the choice never depends on chunk sizes.
    const limit = Math.min(text.length, this.maxRecordLength + 1 - this.detectScanned);
    this.detectScanned += limit;
    for (let i = 0; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        inQuotes = !inQuotes;
        sawContent = true;
      } else if (inQuotes) {
        continue;
      } else if (c === LF || c === CR) {
        if (sawContent) {
          done = true;
          break;
        }
      } else {
        sawContent = true;
        if (c === 44) counts[0]++;
        else if (c === 59) counts[1]++;
        else if (c === 9) counts[2]++;
        else if (c === 124) counts[3]++;
      }
    }
    this.detectInQuotes = inQuotes;
    this.detectSawContent = sawContent;
    // A first line longer than the limit is not worth waiting for: it will be skipped anyway.
    if (done || this.detectScanned > this.maxRecordLength) this.finishDetection();
  }

  private finishDetection(): void {
    const counts = this.detectCounts;
    let best = 0;
    let bestCount = 0;
    let tie = false;
    for (let k = 0; k < counts.length; k++) {
      if (counts[k] > bestCount) {
        best = k;
        bestCount = counts[k];
        tie = false;
      } else if (counts[k] === bestCount && bestCount > 0) {
        tie = true;
      }
    }
    this.delim = bestCount === 0 || tie ? ',' : CANDIDATES[best];
    this.delimCode = this.delim.charCodeAt(0);
    this.detecting = false;
    const text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (text.length > 0) this.process(text);
  }

  /**
   * The fast path. Positions of the next LF, `"` and CR are cached and only searched again once
   * passed, so each of them costs one native scan over the chunk in total, not one per line.
   */
  private process(buf: string): void {
    const len = buf.length;
    const sink = this.sink;
    const delim = this.delim;
    const max = this.maxRecordLength;
    let pos = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (buf.charCodeAt(0) === LF) pos = 1;
    }
    if (this.inRecord && pos < len) pos = this.readRecord(buf, pos);
    let line = this.line;
    let nextLF = -1;
    let nextQuote = -1;
    let nextCR = -1;
    while (pos < len) {
      if (nextLF < pos) {
        nextLF = buf.indexOf('\n', pos);
        if (nextLF === -1) nextLF = len;
      }
      if (nextQuote < pos) {
        nextQuote = buf.indexOf('"', pos);
        if (nextQuote === -1) nextQuote = len;
      }
      if (nextCR < pos) {
        nextCR = buf.indexOf('\r', pos);
        if (nextCR === -1) nextCR = len;
      }
      const nl = nextLF;
      let end = nl;
      if (nl < len && end > pos && buf.charCodeAt(end - 1) === CR) end--;
      // The character reader takes lone CRs and the unfinished last line of the chunk.
      if (nl === len || nextCR < end) {
        this.line = line;
        pos = this.readRecord(buf, pos);
        line = this.line;
        continue;
      }
      if (nextQuote < nl) {
        const fields = end - pos <= max ? this.readQuotedLine(buf, pos, end, nextQuote) : null;
        if (fields === null) {
          this.line = line;
          pos = this.readRecord(buf, pos);
          line = this.line;
          continue;
        }
        sink.record(fields, line);
      } else if (end > pos) {
        if (end - pos > max) sink.malformed(line, this.tooLongReason());
        else if (sink.recordRange) this.recordRange(buf, pos, end, line);
        else sink.record(buf.slice(pos, end).split(delim), line);
      }
      line++;
      pos = nl + 1;
    }
    this.line = line;
    this.prevChunkEndedWithCR = buf.charCodeAt(len - 1) === CR;
  }

  /** Passes the quote-free record buf[pos, end) to the sink as field ranges. */
  private recordRange(buf: string, pos: number, end: number, line: number): void {
    let starts = this.starts;
    const delim = this.delim;
    const dc = this.delimCode;
    let count = 0;
    starts[count++] = pos;
    // indexOf runs natively and beats a charCodeAt loop over the field; but many fields are
    // empty, and for those one look at the next character is cheaper than the call.
    let at = buf.charCodeAt(pos) === dc ? pos : buf.indexOf(delim, pos);
    while (at !== -1 && at < end) {
      if (count + 1 >= starts.length) starts = this.growStarts();
      starts[count++] = ++at;
      if (buf.charCodeAt(at) !== dc) at = buf.indexOf(delim, at);
    }
    starts[count] = end + 1;
    this.sink.recordRange!(buf, starts, count, line);
  }

  private growStarts(): Int32Array {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    this.starts = starts;
    return starts;
  }

  /**
   * The middle path for a one-line record holding quotes, the first at `firstQuote` (tags like
   * "billing,refund" make this common): quote-free runs of fields still go through `split`,
   * only quoted fields are cut out with `indexOf`. Returns null for anything unusual (a quoted field running past the
   * line, a quote inside an unquoted field, text after a closing quote), which the character
   * reader then takes from the start of the record; nothing has been changed by then.
   */
  private readQuotedLine(buf: string, pos: number, end: number, firstQuote: number): string[] | null {
    const delim = this.delim;
    const dc = this.delimCode;
    let fields: string[] = [];
    let i = pos;
    let q = firstQuote;
    for (;;) {
      // `i` is at the start of a field; `q` is the first quote at or after it, if known.
      if (q < i) q = buf.indexOf('"', i);
      if (q === -1 || q >= end) {
        const rest = buf.slice(i, end).split(delim);
        if (fields.length === 0) return rest;
        for (let k = 0; k < rest.length; k++) fields.push(rest[k]);
        return fields;
      }
      if (q > i) {
        if (buf.charCodeAt(q - 1) !== dc) return null;
        const run = buf.slice(i, q - 1).split(delim);
        if (fields.length === 0) fields = run;
        else for (let k = 0; k < run.length; k++) fields.push(run[k]);
      }
      // A quoted field opens at q; `""` inside it is one quote.
      let value = '';
      let from = q + 1;
      for (;;) {
        q = buf.indexOf('"', from);
        if (q === -1 || q >= end) return null;
        if (q + 1 < end && buf.charCodeAt(q + 1) === QUOTE) {
          value += buf.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += buf.slice(from, q);
        break;
      }
      fields.push(value);
      i = q + 1;
      if (i === end) return fields;
      if (buf.charCodeAt(i) !== dc) return null;
      i++;
    }
  }

  /**
   * Reads one record character by character from `pos`, continuing the record left open by the
   * previous chunk if there is one. Returns the position after the record's line ending, or the
   * chunk length when the chunk ends first (the state is then saved for the next push).
   */
  private readRecord(buf: string, pos: number): number {
    const len = buf.length;
    const dc = this.delimCode;
    let fields: string[];
    let value: string;
    let state: number;
    if (this.inRecord) {
      fields = this.recFields;
      value = this.recValue;
      state = this.recState;
    } else {
      fields = [];
      value = '';
      state = FIELD_START;
      this.inRecord = true;
      this.recLine = this.line;
      this.recLength = 0;
      this.recTooLong = false;
    }
    // Start of the field text not yet copied into `value`.
    let seg = pos;
    for (let i = pos; i < len; i++) {
      const c = buf.charCodeAt(i);
      if (state === QUOTED) {
        if (c === QUOTE) {
          value += buf.slice(seg, i);
          state = QUOTE_SEEN;
        } else if (c === CR) {
          this.line++;
        } else if (c === LF) {
          const afterCR = i > 0 ? buf.charCodeAt(i - 1) === CR : this.prevChunkEndedWithCR;
          if (!afterCR) this.line++;
        }
        continue;
      }
      if (c === QUOTE && state === QUOTE_SEEN) {
        // `""` inside a quoted field is one literal quote.
        value += '"';
        state = QUOTED;
        seg = i + 1;
        continue;
      }
      if (c === dc) {
        fields.push(state === UNQUOTED ? value + buf.slice(seg, i) : value);
        value = '';
        state = FIELD_START;
        continue;
      }
      if (c === LF || c === CR) {
        if (state === UNQUOTED) fields.push(value + buf.slice(seg, i));
        else if (state === QUOTE_SEEN || fields.length > 0) fields.push(value);
        // Otherwise the line was empty: a blank line, no record.
        const length = this.recLength + (i - pos);
        this.line++;
        if (c === CR) {
          if (i + 1 < len) {
            if (buf.charCodeAt(i + 1) === LF) i++;
          } else {
            this.skipLF = true;
          }
        }
        this.inRecord = false;
        this.recFields = [];
        this.recValue = '';
        if (fields.length > 0 && !this.recTooLong) {
          if (length > this.maxRecordLength) this.sink.malformed(this.recLine, this.tooLongReason());
          else this.sink.record(fields, this.recLine);
        }
        return i + 1;
      }
      if (state === FIELD_START) {
        if (c === QUOTE) {
          state = QUOTED;
          seg = i + 1;
        } else {
          state = UNQUOTED;
          seg = i;
        }
      } else if (state === QUOTE_SEEN) {
        // Lenient: text between a closing quote and the delimiter is kept, appended.
        state = UNQUOTED;
        seg = i;
      }
      // UNQUOTED: an ordinary character, quotes included, stays where it is.
    }
    if (state === UNQUOTED || state === QUOTED) value += buf.slice(seg, len);
    this.recLength += len - pos;
    if (!this.recTooLong && this.recLength > this.maxRecordLength) {
      this.recTooLong = true;
      this.sink.malformed(this.recLine, this.tooLongReason());
    }
    if (this.recTooLong) {
      // Keep following quotes to find where the record ends, but hold none of its text.
      fields = [];
      value = '';
    }
    this.recFields = fields;
    this.recValue = value;
    this.recState = state;
    return len;
  }
}

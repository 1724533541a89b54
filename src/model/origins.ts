/**
 * Where each row of a table came from: the input (file) and the line its record starts on, for
 * messages that name them and for counting each input's rows.
 *
 * Held as runs rather than per row: a run is a stretch of rows of one input on consecutive lines
 * (row r of a run starting at row s on line l is on line l + r - s). A file of one-line records
 * is one run, plus one after each rejected row or record that spans lines, so a clean export of
 * 10M contacts takes a few bytes where a column of each took 60 MB. At worst (every record on
 * two lines) a run per row: 10 bytes a row instead of 6.
 */
export interface OriginsState {
  rows: number;
  runs: number;
  starts: Int32Array<ArrayBuffer>;
  inputs: Uint16Array<ArrayBuffer>;
  lines: Uint32Array<ArrayBuffer>;
}

export class RowOrigins {
  /** Rows recorded. */
  length = 0;
  /** Runs recorded. */
  private runs = 0;
  /** The first row of each run. */
  private starts = new Int32Array(16);
  private inputs = new Uint16Array(16);
  /** The line of each run's first row. */
  private lines = new Uint32Array(16);
  /** The run last looked up: rows are mostly asked for in order. */
  private hint = 0;

  /** Records the next row (row `length`). */
  add(input: number, line: number): void {
    const last = this.runs - 1;
    if (last < 0 || this.inputs[last] !== input || this.lines[last] + (this.length - this.starts[last]) !== line) this.startRun(input, line);
    this.length++;
  }

  /** The input of a row. */
  inputAt(row: number): number {
    return this.inputs[this.runOf(row)];
  }

  /** Where a row's record starts, as messages name it: `path:line`, the path of its input from `inputPaths`. */
  where(row: number, inputPaths: readonly string[]): string {
    return `${inputPaths[this.inputAt(row)]}:${this.lineAt(row)}`;
  }

  /** The line a row's record starts on. */
  lineAt(row: number): number {
    const run = this.runOf(row);
    return this.lines[run] + (row - this.starts[run]);
  }

  /**
   * Records rows of another table's origins as the next rows, with `lineOffset` added to their
   * lines: rows first..first + count - 1, or rows pick[0..count - 1] when `pick` is given.
   */
  append(other: RowOrigins, first: number, count: number, pick?: Int32Array, lineOffset = 0): void {
    if (pick) {
      for (let i = 0; i < count; i++) this.add(other.inputAt(pick[i]), other.lineAt(pick[i]) + lineOffset);
      return;
    }
    let row = first;
    const end = first + count;
    while (row < end) {
      const run = other.runOf(row);
      const runEnd = Math.min(end, run + 1 < other.runs ? other.starts[run + 1] : other.length);
      this.add(other.inputs[run], other.lines[run] + (row - other.starts[run]) + lineOffset);
      // the rest of the run follows on consecutive lines
      this.length += runEnd - row - 1;
      row = runEnd;
    }
  }

  /** The runs from run `first` on, copied, and the row count: for another thread's `extend`. */
  runsFrom(first: number): OriginsState {
    const { runs } = this;
    return { rows: this.length, runs: runs - first, starts: this.starts.slice(first, runs), inputs: this.inputs.slice(first, runs), lines: this.lines.slice(first, runs) };
  }

  /** Takes the runs another thread's `runsFrom` sent, and its row count (the last run may have grown). */
  extend(runs: OriginsState): void {
    for (let k = 0; k < runs.runs; k++) {
      this.length = runs.starts[k];
      this.startRun(runs.inputs[k], runs.lines[k]);
    }
    this.length = runs.rows;
  }

  /** The number of runs. */
  get runCount(): number {
    return this.runs;
  }

  /** Everything recorded, to hand to another thread (its arrays can be transferred). */
  state(): OriginsState {
    return { rows: this.length, runs: this.runs, starts: this.starts, inputs: this.inputs, lines: this.lines };
  }

  /** Origins as another thread's `state` gave them. */
  static restore(state: OriginsState): RowOrigins {
    const origins = new RowOrigins();
    origins.length = state.rows;
    origins.runs = state.runs;
    origins.starts = state.starts;
    origins.inputs = state.inputs;
    origins.lines = state.lines;
    return origins;
  }

  private startRun(input: number, line: number): void {
    const run = this.runs;
    if (run === this.starts.length) {
      const starts = new Int32Array(run * 2);
      const inputs = new Uint16Array(run * 2);
      const lines = new Uint32Array(run * 2);
      starts.set(this.starts);
      inputs.set(this.inputs);
      lines.set(this.lines);
      this.starts = starts;
      this.inputs = inputs;
      this.lines = lines;
    }
    this.starts[run] = this.length;
    this.inputs[run] = input;
    this.lines[run] = line;
    this.runs = run + 1;
  }

  /** The run holding `row`: the hint's, its next, or found by binary search. */
  private runOf(row: number): number {
    const { starts, runs } = this;
    let run = this.hint;
    if (run < runs && starts[run] <= row && (run + 1 === runs || row < starts[run + 1])) return run;
    run++;
    if (run < runs && starts[run] <= row && (run + 1 === runs || row < starts[run + 1])) {
      this.hint = run;
      return run;
    }
    let lo = 0;
    let hi = runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return lo;
  }
}

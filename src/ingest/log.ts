/** A row that was not used, and why. */
export interface RowProblem {
  line: number;
  column?: string;
  reason: string;
}

/** How many problems of each kind are listed in full; the rest are counted. */
export const LISTED_PROBLEMS = 1000;

/** An InputLog as plain data; `ofText` lists the warning samples about the text, by index. */
export interface PlainLog {
  read: number;
  rejected: number;
  warnings: number;
  rejects: RowProblem[];
  warningSamples: RowProblem[];
  ofText: number[];
}

/**
 * The row accounting of one input while it is read: rows read, rejected (with line and reason)
 * and warnings (a bad optional value dropped, the row kept). Used and filtered are decided later,
 * once the report's period and filters are applied.
 */
export class InputLog {
  read = 0;
  rejected = 0;
  warnings = 0;
  readonly rejects: RowProblem[] = [];
  readonly warningSamples: RowProblem[] = [];
  /** The listed warnings that are about the text (see warnOfText). */
  private readonly ofText = new WeakSet<RowProblem>();

  /** The log as plain data, to cross to another thread (see `fromPlain`). */
  toPlain(): PlainLog {
    const { read, rejected, warnings, rejects, warningSamples } = this;
    const ofText = warningSamples.flatMap((problem, i) => (this.ofText.has(problem) ? [i] : []));
    return { read, rejected, warnings, rejects, warningSamples, ofText };
  }

  static fromPlain(plain: PlainLog): InputLog {
    const log = new InputLog();
    log.read = plain.read;
    log.rejected = plain.rejected;
    log.warnings = plain.warnings;
    log.rejects.push(...plain.rejects);
    log.warningSamples.push(...plain.warningSamples);
    for (const i of plain.ofText) log.ofText.add(log.warningSamples[i]);
    return log;
  }

  reject(line: number, reason: string, column?: string): void {
    this.rejected++;
    if (this.rejects.length < LISTED_PROBLEMS) this.rejects.push(column ? { line, column, reason } : { line, reason });
  }

  warn(line: number, reason: string, column?: string): void {
    this.insert(column ? { line, column, reason } : { line, reason }, false);
  }

  /**
   * A warning about the text itself (bytes that are not UTF-8), given as a chunk is decoded:
   * before or after the rows of the chunk, as it happens. The list is kept in line order, with
   * the text's warnings of a line before its rows' warnings, so that it does not depend on how
   * the bytes came in chunks.
   */
  warnOfText(line: number, reason: string): void {
    this.insert({ line, reason }, true);
  }

  private insert(problem: RowProblem, ofText: boolean): void {
    this.warnings++;
    const samples = this.warningSamples;
    let at = samples.length;
    const { line } = problem;
    while (at > 0 && (samples[at - 1].line > line || (ofText && samples[at - 1].line === line && !this.ofText.has(samples[at - 1])))) at--;
    if (at >= LISTED_PROBLEMS) return;
    if (ofText) this.ofText.add(problem);
    samples.splice(at, 0, problem);
    if (samples.length > LISTED_PROBLEMS) samples.pop();
  }
}

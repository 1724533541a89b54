/** A row that was not used, and why. */
export interface RowProblem {
  line: number;
  column?: string;
  reason: string;
}

/** How many problems of each kind are listed in full; the rest are counted. */
export const LISTED_PROBLEMS = 1000;

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

  reject(line: number, reason: string, column?: string): void {
    this.rejected++;
    if (this.rejects.length < LISTED_PROBLEMS) this.rejects.push(column ? { line, column, reason } : { line, reason });
  }

  warn(line: number, reason: string, column?: string): void {
    this.warnings++;
    if (this.warningSamples.length < LISTED_PROBLEMS) {
      this.warningSamples.push(column ? { line, column, reason } : { line, reason });
    }
  }
}

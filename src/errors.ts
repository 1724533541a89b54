/**
 * The one error type a user sees. Thrown below the CLI with what is known (file, line, column);
 * only the CLI turns it into a single stderr line and exit code 2.
 */
export class UserError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;
  constructor(message: string, where: { file?: string; line?: number; column?: string } = {}) {
    super(message);
    this.name = 'UserError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  /** `file:line: column 'x': message`, with the parts that are known. */
  describe(): string {
    const place = [this.file, this.line !== undefined ? String(this.line) : undefined].filter(Boolean).join(':');
    const column = this.column !== undefined ? `column '${this.column}': ` : '';
    return place ? `${place}: ${column}${this.message}` : `${column}${this.message}`;
  }
}

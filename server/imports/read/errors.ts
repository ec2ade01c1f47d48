import { DomainError } from "@/server/errors";

/**
 * A file the importer cannot read at all (wrong kind, too big, broken quoting). Thrown before or
 * instead of rows, so the person gets one clear message rather than thousands of failed rows.
 */
export class ImportFileError extends DomainError {
  /** 1-based line (CSV) or sheet row (XLSX) the problem is on, when there is one. */
  readonly line?: number;

  constructor(message: string, options: { line?: number; cause?: unknown } = {}) {
    super("BAD_REQUEST", message, { field: "file", cause: options.cause });
    this.name = "ImportFileError";
    this.line = options.line;
  }
}

/** A database that cannot be opened or written, with what to do about it. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Turns DuckDB's low-level open errors into messages that say what happened and how to fix it. */
export function explainOpenError(path: string, error: unknown): StoreError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(detail)) {
    const pid = /PID (\d+)/.exec(detail)?.[1];
    return new StoreError(
      `database ${path} is locked by another process${pid ? ` (PID ${pid})` : ''}; ` +
        'stop the other polku process, or build from a snapshot of the database',
      { cause: error },
    );
  }
  if (/not a valid DuckDB database|corrupt|invalid|Serialization|magic/i.test(detail)) {
    return new StoreError(
      `database ${path} is not a readable DuckDB database (${detail.split('\n')[0]}); ` +
        'move it aside and restore a backup or start with a new file via --db',
      { cause: error },
    );
  }
  return new StoreError(`cannot open database ${path}: ${detail.split('\n')[0]}`, { cause: error });
}

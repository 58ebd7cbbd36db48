/**
 * Small helpers shared by the repositories: ids, chunking of bulk writes, and reading the
 * PostgreSQL error behind a failed query (drizzle wraps driver errors in DrizzleQueryError,
 * and PGlite and node-postgres both expose the SQLSTATE `code` and `constraint`).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@parindex/contracts';

/** Ids are generated in the app so rows can be linked before they are inserted. */
export const newId = (): string => randomUUID();

/**
 * Bulk writes are multi-row INSERTs in chunks. PostgreSQL accepts at most 65,535 bind parameters
 * per statement; chunks stay under 30,000 parameters and 5,000 rows, past which bigger
 * statements are no faster and PGlite's single connection is held longer.
 */
const MAX_PARAMS_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 5_000;

/** Splits rows into chunks for a multi-row INSERT of `columns` bound columns per row. */
export function chunked<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS_PER_STATEMENT / Math.max(1, columns))));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export const SqlState = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
} as const;

export interface PgErrorInfo {
  code: string;
  constraint?: string;
  detail?: string;
}

/** The PostgreSQL error (SQLSTATE and constraint) behind an error thrown by drizzle, if any. */
export function pgErrorOf(err: unknown): PgErrorInfo | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; constraint?: unknown; detail?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return {
        code: e.code,
        constraint: typeof e.constraint === 'string' ? e.constraint : undefined,
        detail: typeof e.detail === 'string' ? e.detail : undefined,
      };
    }
    current = e.cause;
  }
  return undefined;
}

/** Rejects duplicate keys in one bulk write with a message naming them, before PostgreSQL fails on them. */
export function assertNoDuplicates<T>(rows: readonly T[], key: (row: T) => string, what: string): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const row of rows) {
    const k = key(row);
    if (seen.has(k)) duplicates.add(k);
    seen.add(k);
  }
  if (duplicates.size > 0) {
    const list = [...duplicates].slice(0, 10);
    throw new AppError(
      'VALIDATION',
      `${what} bị trùng: ${list.join(', ')}${duplicates.size > list.length ? ', …' : ''}. Mỗi mục chỉ được có một dòng; hãy bỏ dòng trùng rồi thử lại.`,
      list.map((k) => ({ message: `Trùng: ${k}` })),
    );
  }
}

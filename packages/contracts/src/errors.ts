/** Error codes shared by server, CLI and web. One table maps each code to its HTTP status. */
export const ErrorCodes = {
  VALIDATION: 400,
  INVALID_FILE: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  LOCKED: 423,
  /** A survey that no longer (or not yet) takes responses: the questionnaire or desk is closed or outside its dates. */
  GONE: 410,
  /** Too many requests (public survey form): retried later by the form's outbox. */
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ErrorCodes;

/** One problem found in input, naming where it is (sheet row, CSV line, JSON path) in Vietnamese. */
export interface Issue {
  /** 1-based row (spreadsheet or CSV line, header = 1) when the input is a table. */
  row?: number;
  /** Column or field name as the user sees it. */
  field?: string;
  message: string;
}

/** The wire shape of every error: { error: { code, message, details? }, requestId }. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: { issues?: Issue[] } & Record<string, unknown> };
  requestId?: string;
}

/** The one error type: a code, a Vietnamese message that says what to do next, and optional issues. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ErrorCodes[this.code];
  }
}

/** Formats issues as lines "Dòng 7, cột Điểm tối đa: …" for a CLI or a log. */
export function formatIssues(issues: Issue[]): string {
  return issues
    .map((i) => {
      if (/^(Dòng|Trang) /.test(i.message)) return i.message;
      const where = [i.row !== undefined ? `Dòng ${i.row}` : '', i.field ? `cột/trường "${i.field}"` : '']
        .filter(Boolean)
        .join(', ');
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join('\n');
}

/** Error codes every transport returns unchanged, so the UI can react by code. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IN_USE'
  | 'UNKNOWN_METHOD'
  | 'BAD_REQUEST'
  | 'MIGRATION_FAILED'
  | 'KEY_INVALID'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'LOCKED'
  /** The database is missing or damaged: only the recovery page's methods answer. */
  | 'RECOVERY'
  | 'DISK_FULL'
  | 'READ_ONLY'
  | 'INTERNAL';

export interface FieldIssue {
  /** Field path as in the input object, e.g. "population". */
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  /** Chinese, ready to show to the user. */
  message: string;
  issues?: FieldIssue[];
}

export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }
  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

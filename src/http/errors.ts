import type { MessageCode } from './messages.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

/** An error that becomes `{error: {code, message, ...}}` with the given HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** A known message code (translated) or a ready Swedish/English message pair. */
    readonly text: MessageCode | { sv: string; en: string },
    readonly fields?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(typeof text === 'string' ? text : text.sv);
    this.name = 'AppError';
  }
}

export const unauthenticated = (expired = false) =>
  new AppError(
    401,
    expired ? 'session_expired' : 'unauthenticated',
    expired ? 'session_expired' : 'unauthenticated',
  );
export const forbidden = () => new AppError(403, 'forbidden', 'forbidden');
export const notFound = () => new AppError(404, 'not_found', 'not_found');

/** A domain rule said no: 422 with a message pair and optional field issues. */
export const ruleViolation = (code: string, sv: string, en: string, fields?: FieldIssue[]) =>
  new AppError(422, code, { sv, en }, fields);

/**
 * A refusal whose `deny` audit event must survive the rollback of the transaction that detected it:
 * the HTTP error handler writes `audit` in a transaction of its own, then answers with the error.
 */
export class DeniedError extends AppError {
  constructor(
    base: AppError,
    readonly audit: {
      objectType: string;
      objectId: string;
      subjectPersonId?: string;
      severity: 'normal' | 'raised';
      details: Record<string, unknown>;
    },
  ) {
    super(base.status, base.code, base.text, base.fields, base.headers);
    this.name = 'DeniedError';
  }
}

import type { FieldError, Problem } from '../contract/common.js';

/** Base class of every error the SDK throws. */
export class PortalError extends Error {
  override name = 'PortalError';
}

/**
 * The API answered with an error (RFC 9457 problem details).
 *
 * @example
 * ```ts
 * try { await portal.auth.login({ email, password }); }
 * catch (error) {
 *   if (isPortalApiError(error) && error.code === 'INVALID_CREDENTIALS') showMessage(error.detail);
 * }
 * ```
 */
export class PortalApiError extends PortalError {
  override name = 'PortalApiError';
  /** HTTP status. */
  readonly status: number;
  /** Stable UPPER_SNAKE error code, e.g. `INVALID_CODE`. */
  readonly code: string;
  /** Human-readable explanation from the server. */
  readonly detail: string | undefined;
  /** The problem's title. */
  readonly title: string;
  /** Field-level validation errors, keyed by dotted path. */
  readonly fieldErrors: Record<string, string>;
  /** Validation errors as the server listed them. */
  readonly errors: FieldError[];
  /** The request id to quote to support. */
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying (429, 503), when the server said. */
  readonly retryAfter: number | undefined;
  /** The whole problem document. */
  readonly problem: Problem;

  constructor(problem: Problem, retryAfterHeader?: string | null) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
    this.fieldErrors = {};
    for (const e of this.errors) this.fieldErrors[e.path] ??= e.message;
    const header = retryAfterHeader ? Number(retryAfterHeader) : Number.NaN;
    this.retryAfter = problem.retryAfter ?? (Number.isFinite(header) ? header : undefined);
  }
}

/** The request never got an answer (offline, DNS, connection refused, CORS refusal). */
export class PortalNetworkError extends PortalError {
  override name = 'PortalNetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request took longer than the client's `timeout`. */
export class PortalTimeoutError extends PortalError {
  override name = 'PortalTimeoutError';
}

/** The server's answer did not match the contract (usually an SDK/server version mismatch). */
export class PortalContractError extends PortalError {
  override name = 'PortalContractError';
  constructor(
    message: string,
    readonly issues: unknown,
  ) {
    super(message);
  }
}

/** Whether `error` is a {@link PortalApiError}, optionally with the given code. */
export function isPortalApiError(error: unknown, code?: string): error is PortalApiError {
  return error instanceof PortalApiError && (code === undefined || error.code === code);
}

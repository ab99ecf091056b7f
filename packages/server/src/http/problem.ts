import type { FieldError, Problem } from '@portico/sdk/contract';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** An error that becomes an RFC 9457 problem response. Throw it from any handler or service. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
    readonly extra: {
      errors?: FieldError[];
      retryAfter?: number;
      headers?: Record<string, string>;
      /** `LESSON_LOCKED`: when the lesson opens. */
      opensAt?: string;
    } = {},
  ) {
    super(detail ?? code);
    this.name = 'HttpError';
  }
}

export const problemType = (code: string) => `urn:portico:error:${code.toLowerCase().replace(/_/g, '-')}`;

export function toProblem(req: Request, error: HttpError): Problem {
  const problem: Problem = {
    type: problemType(error.code),
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    requestId: req.requestId,
    instance: req.originalUrl.split('?')[0],
  };
  if (error.detail) problem.detail = error.detail;
  if (error.extra.errors) problem.errors = error.extra.errors;
  if (error.extra.retryAfter !== undefined) problem.retryAfter = error.extra.retryAfter;
  if (error.extra.opensAt !== undefined) problem.opensAt = error.extra.opensAt;
  return problem;
}

export function sendProblem(req: Request, res: import('express').Response, error: HttpError): void {
  if (error.extra.retryAfter !== undefined) res.setHeader('Retry-After', String(error.extra.retryAfter));
  for (const [k, v] of Object.entries(error.extra.headers ?? {})) res.setHeader(k, v);
  res
    .status(error.status)
    .type('application/problem+json')
    .send(JSON.stringify(toProblem(req, error)));
}

/** JSON 404 for anything no route answered. */
export const notFound: RequestHandler = (req) => {
  throw new HttpError(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`);
};

/** The one error middleware: known errors become problems, body-parser errors become 4xx, the rest 500. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let error: HttpError;
  if (err instanceof HttpError) {
    error = err;
  } else if (err?.type === 'entity.too.large') {
    error = new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${err.limit} bytes`);
  } else if (err?.type === 'entity.parse.failed') {
    error = new HttpError(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  } else if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') {
    error = new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON');
  } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500 && err.expose) {
    error = new HttpError(
      err.status,
      err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
      String(err.message),
    );
  } else {
    req.log?.error({ err }, 'unhandled error');
    error = new HttpError(
      500,
      'INTERNAL',
      'Something went wrong on our side. Quote the request id to support.',
    );
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  sendProblem(req, res, error);
};

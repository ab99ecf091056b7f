import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { IdGenerator } from '../deps.js';

declare global {
  namespace Express {
    interface Request {
      requestId: string;
      log: Logger;
    }
  }
}

const INCOMING_ID = /^[A-Za-z0-9_.:-]{8,64}$/;

/** Gives every request an id (kept from a sane `X-Request-Id`), a child logger, and one log line when done. */
export function requestContext(logger: Logger, ids: IdGenerator): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.requestId = incoming && INCOMING_ID.test(incoming) ? incoming : ids('req');
    // The child logger is made on first use: most requests at the usual levels never log.
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => {
        child ??= logger.child({ requestId: req.requestId });
        return child;
      },
    });
    res.setHeader('X-Request-Id', req.requestId);
    const started = process.hrtime.bigint();
    if (logger.isLevelEnabled('trace'))
      req.log.trace({ method: req.method, path: req.path }, 'request start');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      // Paths only: query strings may carry tokens.
      req.log[level](
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}

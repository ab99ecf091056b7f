import { PortalApiError, PortalNetworkError } from '@portico/sdk';
import { expect } from '@open-wc/testing';
import { isFinal } from './load-error.js';

const problem = (status: number, code: string) =>
  new PortalApiError({ type: 'about:blank', title: 'x', status, code });

describe('isFinal', () => {
  it('tells a refusal from an answer that asking again may change', () => {
    const cases: [error: unknown, final: boolean][] = [
      [problem(422, 'TERMS_NOT_ACCEPTED'), true],
      [problem(404, 'NOT_FOUND'), true],
      [problem(409, 'OUT_OF_STOCK'), true],
      // The same Idempotency-Key is still running: asking again with it gives that request's answer.
      [problem(409, 'IDEMPOTENCY_IN_PROGRESS'), false],
      [problem(429, 'RATE_LIMITED'), false],
      [problem(408, 'HTTP_408'), false],
      [problem(502, 'GATEWAY_ERROR'), false],
      [new PortalNetworkError('offline'), false],
    ];
    for (const [error, final] of cases)
      expect(isFinal(error), String((error as Error).message)).to.equal(final);
  });
});

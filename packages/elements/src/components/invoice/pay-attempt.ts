import { isPortalApiError, PortalNetworkError, PortalTimeoutError } from '@portico/sdk';
import { newIdempotencyKey } from '../../lib/idempotency-key.js';

/**
 * Whether a failed money request may have reached the server, or was refused only for now: no answer (network,
 * timeout), a rate limit or busy server (429), the same key still running (409 IDEMPOTENCY_IN_PROGRESS), or a
 * server error. Such a request is tried again with the same Idempotency-Key, so it takes effect at most once.
 */
export function isUncertain(error: unknown): boolean {
  if (error instanceof PortalNetworkError || error instanceof PortalTimeoutError) return true;
  return (
    isPortalApiError(error) &&
    (error.status >= 500 ||
      error.status === 408 ||
      error.status === 429 ||
      error.code === 'IDEMPOTENCY_IN_PROGRESS')
  );
}

/**
 * The Idempotency-Keys of money requests (paying, applying credit): one key per attempt. An attempt is one
 * request body; sending that body again (a double click, "Try again" after a network error) reuses its key, so
 * the server acts once. An attempt ends with an answer, or with a refusal that nothing was done; then the next
 * request, even an identical one, is a new attempt with a new key (a card declined once may be tried again).
 */
export class PaymentAttempts {
  #open: { fingerprint: string; key: string; uncertain: boolean } | undefined;

  /** The key for sending `body` for `what` (e.g. `pay inv_…`): the open attempt's when it is the same request. */
  keyFor(what: string, body: unknown): string {
    const fingerprint = JSON.stringify([what, body]);
    if (this.#open?.fingerprint !== fingerprint)
      this.#open = { fingerprint, key: newIdempotencyKey(), uncertain: false };
    return this.#open.key;
  }

  /** The open attempt ended without an answer that says what happened: keep its key for trying again. */
  fail(error: unknown): void {
    if (!this.#open) return;
    if (isUncertain(error)) this.#open.uncertain = true;
    else this.#open = undefined;
  }

  /** The open attempt got its answer: the next request is a new attempt. */
  finish(): void {
    this.#open = undefined;
  }

  /** Whether the last attempt may have gone through; a different request should check the invoice first. */
  get uncertain(): boolean {
    return this.#open?.uncertain ?? false;
  }

  /** Whether `body` for `what` is the open attempt's request (trying it again is safe). */
  isOpen(what: string, body: unknown): boolean {
    return this.#open?.fingerprint === JSON.stringify([what, body]);
  }
}

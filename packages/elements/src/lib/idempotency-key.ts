import { isFinal } from './load-error.js';

/** A fresh Idempotency-Key (also on plain-http pages, where `crypto.randomUUID` is missing). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of a request that creates something (a ticket, a reply): sending the same body again after
 * no answer reuses the key, so the server acts once; a changed body, an answer, or a refusal that asking again
 * cannot change, starts a new attempt with a new key.
 */
export class SendAttempt {
  #open: { fingerprint: string; key: string } | undefined;

  /** The key for sending `body`: the open attempt's when it is the same body. */
  keyFor(body: unknown): string {
    const fingerprint = JSON.stringify(body);
    if (this.#open?.fingerprint !== fingerprint) this.#open = { fingerprint, key: newIdempotencyKey() };
    return this.#open.key;
  }

  /** The request failed: a final refusal ends the attempt; no answer (or one for now) keeps its key. */
  fail(error: unknown): void {
    if (isFinal(error)) this.#open = undefined;
  }

  /** The request got its answer (or the form was dropped): the next one is a new attempt. */
  finish(): void {
    this.#open = undefined;
  }
}

import { isPortalApiError } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';

/**
 * Whether asking again cannot change the answer: a refusal, unless it was a timeout, a rate limit or a request with
 * the same Idempotency-Key still running (asking again with that key gives its answer).
 */
export const isFinal = (error: unknown): boolean =>
  isPortalApiError(error) &&
  error.status < 500 &&
  error.status !== 408 &&
  error.status !== 429 &&
  error.code !== 'IDEMPOTENCY_IN_PROGRESS';

/** Whether the server answered 404: the thing asked for does not exist (or its section is off). */
export const isNotFound = (error: unknown): boolean => isPortalApiError(error) && error.status === 404;

/**
 * Why a load failed (`message`, describing `error`), with a button labelled `retryLabel` that calls `retry`,
 * unless asking again cannot change the answer.
 */
export function loadError(
  message: string,
  error: unknown,
  retry: () => void,
  retryLabel: string,
): TemplateResult {
  return html`<div part="load-error" class="load-error" role="alert">
    <p>${message}</p>
    ${
      isFinal(error)
        ? nothing
        : html`<button part="button retry" class="secondary" type="button" @click=${retry}>${retryLabel}</button>`
    }
  </div>`;
}

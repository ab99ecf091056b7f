import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How a request that was not superseded ended. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Search-as-you-type: runs a request after a pause in typing, aborts the one before when a newer one starts, and
 * answers only for the newest (an older answer, or one aborted, resolves `undefined`), so a slow answer to an old
 * query never replaces the new one. Cancelled when the host leaves the page.
 */
export class LatestRequest implements ReactiveController {
  readonly #delay: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;

  constructor(host: ReactiveControllerHost, delay: () => number) {
    this.#delay = delay;
    host.addController(this);
  }

  /** Whether a request is waiting for the pause or its answer. */
  get pending(): boolean {
    return !!this.#controller && !this.#controller.signal.aborted;
  }

  /**
   * Runs `work` after the pause (at once with `immediate`), aborting the request before. Resolves with its outcome,
   * or `undefined` when a newer request (or `cancel()`) superseded it.
   */
  run<T>(work: (signal: AbortSignal) => Promise<T>, immediate = false): Promise<Outcome<T> | undefined> {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(undefined), { once: true });
      const start = async () => {
        this.#timer = undefined;
        let outcome: Outcome<T>;
        try {
          outcome = { ok: true, value: await work(signal) };
        } catch (error) {
          outcome = { ok: false, error };
        }
        if (signal.aborted) return;
        if (this.#controller === controller) this.#controller = undefined;
        resolve(outcome);
      };
      const delay = this.#delay();
      if (immediate || delay <= 0) void start();
      else this.#timer = setTimeout(start, delay);
    });
  }

  /** Drops the waiting or running request. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  hostDisconnected(): void {
    this.cancel();
  }
}

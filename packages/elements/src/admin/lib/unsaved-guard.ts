import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Asks before the browser leaves or reloads the page while an editor holds unsaved changes (the browser's own
 * "Leave site?" prompt). `release()` lets the next departure through (after a delete, say).
 */
export class UnsavedGuard implements ReactiveController {
  readonly #dirty: () => boolean;
  #released = false;

  constructor(host: ReactiveControllerHost, dirty: () => boolean) {
    this.#dirty = dirty;
    host.addController(this);
  }

  /** Whether leaving now would lose changes. */
  get dirty(): boolean {
    return !this.#released && this.#dirty();
  }

  release(): void {
    this.#released = true;
  }

  hostConnected(): void {
    this.#released = false;
    window.addEventListener('beforeunload', this.#onBeforeUnload);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.dirty) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };
}

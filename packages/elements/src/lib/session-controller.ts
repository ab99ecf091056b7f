import type { PortalClient } from '@portico/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type PortalSessionState, sessionState } from './context.js';

const LOADING: PortalSessionState = { status: 'loading', session: null };

/**
 * Follows one client's session: loads it (`auth.session()`) when the client is set or changes and when the
 * host reconnects, and tracks every sign-in and sign-out made through that client in between.
 *
 * (A plain promise rather than `@lit/task`: the state also changes through `onSessionChange`, so a task's
 * status would not be the session's, and the login-only bundle has no room for an unused dependency.)
 */
export class SessionController implements ReactiveController {
  /** The client to follow; set it before the host updates. */
  client: PortalClient | undefined;
  /** The current state; starts as loading. */
  state: PortalSessionState = LOADING;

  readonly #host: ReactiveControllerHost;
  readonly #onChange: ((state: PortalSessionState) => void) | undefined;
  /** The client followed; `false` before the first update. */
  #followed: PortalClient | undefined | false = false;
  #unsubscribe: (() => void) | undefined;
  /** Bumped by every sign-in or sign-out, so a session load that started earlier cannot undo it. */
  #changes = 0;

  constructor(host: ReactiveControllerHost, onChange?: (state: PortalSessionState) => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  /** Loads the session from the server again. */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client) return this.#set(sessionState(null));
    const changes = this.#changes;
    let next: PortalSessionState;
    try {
      next = sessionState(await client.auth.session());
    } catch (error) {
      next = { status: 'error', session: null, error };
    }
    if (changes === this.#changes && client === this.client) this.#set(next);
  }

  hostConnected(): void {
    // Reconnected: sign-ins made while disconnected were not heard.
    if (this.#followed !== false) this.#follow();
  }

  hostUpdate(): void {
    if (this.#followed !== this.client) {
      if (this.#followed !== false && this.client) this.#set(LOADING);
      this.#follow();
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #follow() {
    this.#unsubscribe?.();
    this.#followed = this.client;
    this.#unsubscribe = this.client?.auth.onSessionChange((session) => {
      this.#changes++;
      this.#set(sessionState(session));
    });
    void this.refresh();
  }

  #set(state: PortalSessionState) {
    if (state === this.state) return;
    this.state = state;
    this.#onChange?.(state);
    this.#host.requestUpdate();
  }
}

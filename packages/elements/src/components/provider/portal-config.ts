import { ContextConsumer } from '@lit/context';
import type { PortalClient, PortalConfig } from '@portico/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type PortalConfigState, portalConfigContext } from '../../lib/context.js';

const loaded = new WeakMap<PortalClient, Promise<PortalConfig>>();

/**
 * The portal configuration through `client`, asked for once per client and shared by every element that uses
 * it; `reload` asks again (e.g. after staff changed it). A failed request is forgotten so the next call retries.
 */
export function loadPortalConfig(client: PortalClient, reload = false): Promise<PortalConfig> {
  let config = loaded.get(client);
  if (!config || reload) {
    const request = client.portal.config();
    config = request;
    loaded.set(client, request);
    request.catch(() => {
      if (loaded.get(client) === request) loaded.delete(client);
    });
  }
  return config;
}

/** The state after `work` settles. */
export const configState = (work: Promise<PortalConfig>): Promise<PortalConfigState> =>
  work.then(
    (config) => ({ status: 'ready', config }),
    (error: unknown) => ({ status: 'error', config: null, error }),
  );

export const CONFIG_LOADING: PortalConfigState = { status: 'loading', config: null };

/**
 * The portal configuration for an element: its `<portal-provider>`'s, else loaded through the element's own
 * (standalone) client. Read `state` when rendering.
 */
export class ConfigController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement & { readonly client: PortalClient | undefined };
  readonly #provided: ContextConsumer<typeof portalConfigContext, ReactiveControllerHost & HTMLElement>;
  #own: PortalConfigState = CONFIG_LOADING;
  /** The client `#own` was loaded through; `false` before the first load. */
  #loadedFor: PortalClient | undefined | false = false;

  constructor(host: ReactiveControllerHost & HTMLElement & { readonly client: PortalClient | undefined }) {
    this.#host = host;
    host.addController(this);
    this.#provided = new ContextConsumer(host, { context: portalConfigContext, subscribe: true });
  }

  /** The configuration state in use. */
  get state(): PortalConfigState {
    return this.#provided.value ?? this.#own;
  }

  hostUpdate(): void {
    const client = this.#host.client;
    if (this.#provided.value || client === this.#loadedFor) return;
    this.#loadedFor = client;
    if (!client) {
      this.#own = { status: 'error', config: null };
      return;
    }
    this.#own = CONFIG_LOADING;
    void configState(loadPortalConfig(client)).then((state) => {
      if (this.#loadedFor !== client) return;
      this.#own = state;
      this.#host.requestUpdate();
    });
  }
}

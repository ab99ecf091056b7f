import { createSignInClient, type PortalClient, type PortalClientOptions } from '@portico/sdk';

/** Makes the SDK client a provider or a standalone element uses. */
export type ClientFactory = (options: PortalClientOptions) => PortalClient;

/**
 * The sign-in client (`auth` and `portal` only) unless a bundle with the account elements installed the full one:
 * the login bundle then carries none of the other areas' schemas. Touching another area on it is a programming
 * error, and says which bundle to load.
 */
let factory: ClientFactory = (options) => {
  const client = createSignInClient(options);
  const missing = (area: string) => () => {
    throw new Error(`portal.${area} is not in the login bundle: load elements.js for the account elements`);
  };
  for (const area of ['account', 'security', 'tokens', 'contacts'])
    Object.defineProperty(client, area, { get: missing(area) });
  return client as PortalClient;
};

/** Installs the client factory (the full bundle installs `createPortalClient` before any element upgrades). */
export function useClientFactory(make: ClientFactory): void {
  factory = make;
}

/** A new client from the installed factory. */
export function makeClient(options: PortalClientOptions): PortalClient {
  return factory(options);
}

import type { PortalClient, SessionMode } from '@portico/sdk';
import { makeClient } from './client-factory.js';

const clients = new Map<string, PortalClient>();

/**
 * The client a standalone element (one with its own `api` attribute, outside any provider) uses. Elements
 * pointing at the same server share one client, so they see each other's sign-ins and sign-outs.
 */
export function standaloneClient(api: string, mode: SessionMode = 'cookie'): PortalClient {
  const key = `${mode} ${api}`;
  let client = clients.get(key);
  if (!client) {
    client = makeClient({ baseUrl: api, mode });
    clients.set(key, client);
  }
  return client;
}

import {
  type BulkResult,
  type ClientCreateInput,
  type ClientDetail,
  type ClientListQuery,
  type ClientSummary,
  type ClientUpdateInput,
  clientRoutes,
  type InviteInput,
  type LoginEmailInput,
  type MagicLink,
  type MagicLinkInput,
  type PortalUsersPage,
  type PortalUsersQuery,
} from '../../contract/clients.js';
import type { HttpClient } from '../../client/http.js';

/**
 * Clients (accounts): list, view, create, edit, disable and re-enable.
 *
 * @example
 * ```ts
 * const client = await admin.clients.create({ name: 'Acme Ltd', email: 'ops@acme.test', sendInvitation: true });
 * ```
 */
export class ClientsResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Clients, newest first; `q` searches name, company and email. */
  list(query: ClientListQuery = {}): Promise<{ items: ClientSummary[]; nextCursor: string | null }> {
    return this.#http.send(clientRoutes.list, { query });
  }

  get(clientId: string): Promise<ClientDetail> {
    return this.#http.send(clientRoutes.get, { params: { clientId } });
  }

  /** Creates an active client (no email verification); optionally invites the owner. */
  create(input: ClientCreateInput): Promise<ClientDetail> {
    return this.#http.send(clientRoutes.create, { body: input });
  }

  update(clientId: string, input: ClientUpdateInput): Promise<ClientDetail> {
    return this.#http.send(clientRoutes.update, { params: { clientId }, body: input });
  }

  /** Disables the client; every session on it ends at once. */
  disable(clientId: string): Promise<ClientDetail> {
    return this.#http.send(clientRoutes.disable, { params: { clientId } });
  }

  enable(clientId: string): Promise<ClientDetail> {
    return this.#http.send(clientRoutes.enable, { params: { clientId } });
  }
}

/**
 * The portal users dashboard: invite people, make magic links, send sign-in emails.
 *
 * @example
 * ```ts
 * const { url } = await admin.portalUsers.magicLink({ userId, destination: '/invoices' });
 * ```
 */
export class PortalUsersResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The portal URL, invited and joined counts, and the people. */
  list(query: PortalUsersQuery = {}): Promise<PortalUsersPage> {
    return this.#http.send(clientRoutes.portalUsers, { query });
  }

  /** A single-use sign-in link (10 minutes) to copy. */
  magicLink(input: MagicLinkInput): Promise<MagicLink> {
    return this.#http.send(clientRoutes.magicLink, { body: input });
  }

  /** Invites one or more people; each gets a link to set a password (7 days). */
  invite(input: InviteInput): Promise<BulkResult> {
    return this.#http.send(clientRoutes.invite, { body: input });
  }

  /** Emails one or more people a one-click sign-in button. */
  sendLoginEmail(input: LoginEmailInput): Promise<BulkResult> {
    return this.#http.send(clientRoutes.loginEmail, { body: input });
  }

  /** Turns off a portal user's two-factor and backup codes (they lost both); they are told by email. */
  resetTwoFactor(userId: string): Promise<void> {
    return this.#http.send(clientRoutes.resetTwoFactor, { params: { userId } });
  }
}

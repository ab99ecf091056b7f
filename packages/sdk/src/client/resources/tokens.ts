import {
  type ApiToken,
  accountRoutes,
  type CreateApiTokenInput,
  type CreatedApiToken,
} from '../../contract/account.js';
import type { HttpClient } from '../http.js';

/**
 * API tokens (`pt_…`) for scripts and integrations: they act for the active account within their scopes and can
 * never change passwords, two-factor, passkeys, sessions or tokens.
 *
 * @example
 * ```ts
 * const created = await portal.tokens.create({ name: 'Deploys', scopes: ['services:read'], expiresInDays: 90 });
 * console.log(created.token); // shown this once
 * ```
 */
export class TokensResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Your tokens on the active account (the owner sees everyone's). */
  async list(): Promise<ApiToken[]> {
    return (await this.#http.send(accountRoutes.listTokens)).items;
  }

  /** Creates a token with scopes you hold; its secret is in the answer, and only there. */
  create(input: CreateApiTokenInput): Promise<CreatedApiToken> {
    return this.#http.send(accountRoutes.createToken, { body: input });
  }

  /** Revokes a token at once. */
  revoke(tokenId: string): Promise<void> {
    return this.#http.send(accountRoutes.revokeToken, { params: { tokenId } });
  }
}

import type { TokenAuth } from '../../http/auth.js';

/** API tokens (`pt_…`): create, list, revoke, and authenticate a bearer. */
export class ApiTokenService {
  async authenticate(_token: string, _ip: string | undefined): Promise<TokenAuth | undefined> {
    return undefined;
  }
}

import { accountRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { sessionOf } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { ApiTokenService } from './service.js';

/** HTTP for API tokens. Every route is `self`: a session only, never a token. */
export function tokensRouter(service: ApiTokenService, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, accountRoutes.listTokens, mountOptions, async ({ auth }) => ({
    items: await service.list(sessionOf(auth)),
  }));
  mount(router, accountRoutes.createToken, mountOptions, async ({ req, auth, body }) =>
    service.create(sessionOf(auth), body, originOf(req)),
  );
  mount(router, accountRoutes.revokeToken, mountOptions, async ({ req, auth, params }) => {
    await service.revoke(sessionOf(auth), params.tokenId ?? '', originOf(req));
  });
  return router;
}

import { portalRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import type { SessionHttp } from '../auth/routes.js';
import type { ClientsService } from './service.js';

/**
 * Client API: magic links and invitations. Every route is a POST with the token in the body, so a mail scanner
 * that follows the link (a GET of the page) never spends it.
 */
export function portalLinksRouter(
  service: ClientsService,
  mountOptions: MountOptions,
  http: SessionHttp,
): Router {
  const router = Router();
  const { links } = service;

  mount(router, portalRoutes.previewMagicLink, mountOptions, async ({ req, body }) =>
    links.previewMagicLink(body.token, http.meta(req)),
  );
  mount(router, portalRoutes.redeemMagicLink, mountOptions, async ({ req, res, body }) => {
    const { outcome, next } = await links.redeemMagicLink(body.token, http.meta(req));
    return { ...http.answer(req, res, outcome), next };
  });
  mount(router, portalRoutes.previewInvitation, mountOptions, async ({ req, body }) =>
    links.previewInvitation(body.token, http.meta(req)),
  );
  mount(router, portalRoutes.acceptInvitation, mountOptions, async ({ req, res, body }) =>
    http.answer(req, res, await links.acceptInvitation(body, http.meta(req))),
  );
  return router;
}

import { contentRoutes as routes, UnsubscribeInputSchema } from '@portico/sdk/contract';
import { Router } from 'express';
import * as z from 'zod';
import { sendProblem } from '../../http/problem.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import { AnnouncementErrors } from './errors.js';
import type { AnnouncementParts } from './index.js';

/** Client API of announcements: the published ones and the unsubscribe link's action. Public. */
export function announcementsRouter(parts: AnnouncementParts, mountOptions: MountOptions): Router {
  const { service, mailer } = parts;
  const router = Router();
  // The fixed path is mounted before `/announcements/:announcement`; they differ in method too.
  mount(router, routes.unsubscribe, mountOptions, async ({ req, body }) => {
    await mailer.unsubscribe(body.token, originOf(req));
  });
  mount(router, routes.announcements, mountOptions, async ({ query }) => service.list(query));
  mount(router, routes.announcement, mountOptions, async ({ params }) =>
    service.get(params.announcement ?? ''),
  );
  return router;
}

/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` (a form body, no cookies, no
 * Origin) to the `List-Unsubscribe` URL, `/unsubscribe?token=…` on the server. The JSON API refuses form bodies,
 * so this answers outside it; the token is all it reads. A GET of the same URL is the hosted page's.
 */
export function oneClickUnsubscribeRouter(parts: AnnouncementParts): Router {
  const router = Router();
  router.post('/unsubscribe', async (req, res) => {
    const parsed = z.safeParse(UnsubscribeInputSchema, { token: req.query.token });
    if (!parsed.success) {
      sendProblem(req, res, AnnouncementErrors.linkInvalid());
      return;
    }
    await parts.mailer.unsubscribe(parsed.data.token, originOf(req));
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/plain').send('You will no longer receive announcement mails.\n');
  });
  return router;
}

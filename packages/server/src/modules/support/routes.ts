import { supportRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type Auth, unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { sendAttachment } from './attachments.js';
import type { SupportParts } from './index.js';

/** The principal of a `client` route (mount has authenticated it). */
function principal(auth: Auth | undefined): Auth {
  if (!auth) throw unauthenticated();
  return auth;
}

/** Client API of support: the form's config, the account's tickets, replies, uploads and downloads. */
export function supportRouter(parts: SupportParts, mountOptions: MountOptions): Router {
  const { tickets } = parts;
  const router = Router();

  mount(router, routes.config, mountOptions, async () => tickets.config());
  mount(router, routes.list, mountOptions, async ({ auth, query }) => tickets.list(principal(auth), query));
  mount(router, routes.open, mountOptions, async ({ auth, body }) => tickets.open(principal(auth), body));
  mount(router, routes.get, mountOptions, async ({ auth, params }) =>
    tickets.get(principal(auth), params.ticketId ?? ''),
  );
  mount(router, routes.reply, mountOptions, async ({ auth, params, body }) =>
    tickets.reply(principal(auth), params.ticketId ?? '', body),
  );
  mount(router, routes.close, mountOptions, async ({ auth, params }) =>
    tickets.close(principal(auth), params.ticketId ?? ''),
  );
  mount(router, routes.upload, mountOptions, async ({ req, auth, query }) =>
    tickets.upload(principal(auth), req, query.name),
  );
  mount(router, routes.download, mountOptions, async ({ res, auth, params }) => {
    sendAttachment(
      res,
      await tickets.download(principal(auth), params.ticketId ?? '', params.attachmentId ?? ''),
    );
  });
  return router;
}

import { accountRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { sessionOf } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { ContactsService } from './service.js';

/** HTTP for contacts. Every route is `owner`: the account owner's session only. */
export function contactsRouter(service: ContactsService, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, accountRoutes.listContacts, mountOptions, async ({ auth }) => ({
    items: await service.list(sessionOf(auth)),
  }));
  mount(router, accountRoutes.addContact, mountOptions, async ({ req, auth, body }) =>
    service.add(sessionOf(auth), body, originOf(req)),
  );
  mount(router, accountRoutes.updateContact, mountOptions, async ({ req, auth, body, params }) =>
    service.update(sessionOf(auth), params.contactId ?? '', body, originOf(req)),
  );
  mount(router, accountRoutes.removeContact, mountOptions, async ({ req, auth, params }) => {
    await service.remove(sessionOf(auth), params.contactId ?? '', originOf(req));
  });
  mount(router, accountRoutes.resendContactInvitation, mountOptions, async ({ req, auth, params }) =>
    service.resendInvitation(sessionOf(auth), params.contactId ?? '', originOf(req)),
  );
  return router;
}

import { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import type { ContactsService } from './service.js';

/** HTTP for contacts. */
export function contactsRouter(_service: ContactsService, _mountOptions: MountOptions): Router {
  return Router();
}

import { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import type { SessionHttp } from '../auth/routes.js';
import type { ClientsService } from './service.js';

/** Client API: magic links and invitations. (Being written.) */
export function portalLinksRouter(
  _service: ClientsService,
  _mountOptions: MountOptions,
  _http: SessionHttp,
): Router {
  return Router();
}

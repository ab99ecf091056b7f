import { portalRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import type { SettingsService } from '../settings/service.js';

/** Client API: the public portal configuration (branding, sections, footer, where the portal lives). */
export function portalRouter(settings: SettingsService, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, portalRoutes.config, mountOptions, async () => settings.portalConfig());
  return router;
}

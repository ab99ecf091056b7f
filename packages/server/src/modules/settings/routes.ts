import { settingsRoutes } from '@portico/sdk/contract';
import { type Request, Router } from 'express';
import type { StaffAuth } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import { SVG_CSP } from './logo.js';
import type { SettingsService, StaffChange } from './service.js';

const change = (req: Request, staff: StaffAuth | undefined): StaffChange => ({
  staff: staff!,
  origin: originOf(req),
});

/** Staff API: Settings → Client Portal (admins only, by contract). */
export function settingsAdminRouter(service: SettingsService, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, settingsRoutes.get, mountOptions, async () => service.adminSettings());
  mount(router, settingsRoutes.update, mountOptions, async ({ req, body, staff }) =>
    service.update(body, change(req, staff)),
  );
  mount(router, settingsRoutes.uploadLogo, mountOptions, async ({ req, body, staff }) =>
    service.uploadLogo(body, change(req, staff)),
  );
  mount(router, settingsRoutes.removeLogo, mountOptions, async ({ req, staff }) =>
    service.removeLogo(change(req, staff)),
  );
  mount(router, settingsRoutes.setCustomDomain, mountOptions, async ({ req, body, staff }) =>
    service.setCustomDomain(body, change(req, staff)),
  );
  mount(router, settingsRoutes.verifyCustomDomain, mountOptions, async ({ req, staff }) =>
    service.verifyCustomDomain(change(req, staff)),
  );
  mount(router, settingsRoutes.removeCustomDomain, mountOptions, async ({ req, staff }) =>
    service.removeCustomDomain(change(req, staff)),
  );
  return router;
}

/**
 * The logo at `/assets/logo-<hash>.<ext>`, from the database. Only the current logo's name answers; the hash in it
 * lets every cache keep it for good. Other sites embed it, so it is cross-origin readable; an SVG is sandboxed.
 */
export function assetsRouter(service: SettingsService): Router {
  const router = Router();
  router.get('/assets/logo-:file', async (req, res) => {
    const logo = await service.logoFile(req.params.file);
    if (!logo) throw new HttpError(404, 'NOT_FOUND', 'No such logo. The logo may have changed since.');
    res.setHeader('Content-Type', logo.contentType);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (logo.contentType === 'image/svg+xml') res.setHeader('Content-Security-Policy', SVG_CSP);
    res.end(logo.data);
  });
  return router;
}

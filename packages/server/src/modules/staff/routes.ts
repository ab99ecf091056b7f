import { staffRoutes } from '@portico/sdk/contract';
import { type Request, Router } from 'express';
import { type CookieOptions, clearCookie, readCookie, setCookie } from '../../http/cookies.js';
import { type MountOptions, mount } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { RequestMeta } from '../auth/service.js';
import type { StaffService } from './service.js';

/**
 * HTTP for the staff API's sign-in, sessions, TOTP, staff management and audit log. The session token only ever
 * travels in the httpOnly staff cookie; the rules live in StaffService.
 */
export function staffRouter(
  service: StaffService,
  audit: AuditLog,
  cookie: CookieOptions,
  mountOptions: MountOptions,
): Router {
  const router = Router();
  const meta = (req: Request): RequestMeta => ({
    ip: req.ip,
    userAgent: req.get('user-agent'),
    presentedToken: readCookie(req, cookie.name),
  });

  mount(router, staffRoutes.login, mountOptions, async ({ req, res, body }) => {
    const result = await service.login(body, meta(req));
    if (result.status === 'totp_required') return result;
    setCookie(res, cookie, result.token, service.sessionMaxAgeMs);
    return { status: result.status, session: result.session };
  });
  mount(router, staffRoutes.loginTotp, mountOptions, async ({ req, res, body }) => {
    const issued = await service.loginTotp(body, meta(req));
    setCookie(res, cookie, issued.token, service.sessionMaxAgeMs);
    return issued.session;
  });
  mount(router, staffRoutes.logout, mountOptions, async ({ req, res, staff }) => {
    await service.logout(staff, meta(req));
    clearCookie(res, cookie);
  });
  mount(router, staffRoutes.session, mountOptions, async ({ staff }) =>
    staff ? service.describe(staff) : null,
  );
  mount(router, staffRoutes.previewInvitation, mountOptions, async ({ req, body }) =>
    service.previewInvitation(body.token, meta(req)),
  );
  mount(router, staffRoutes.acceptInvitation, mountOptions, async ({ req, res, body }) => {
    const issued = await service.acceptInvitation(body, meta(req));
    setCookie(res, cookie, issued.token, service.sessionMaxAgeMs);
    return issued.session;
  });
  mount(router, staffRoutes.changePassword, mountOptions, async ({ req, body, staff }) =>
    service.changePassword(staff!, body, meta(req)),
  );
  mount(router, staffRoutes.totpSetup, mountOptions, async ({ staff }) => service.totpSetup(staff!));
  mount(router, staffRoutes.totpConfirm, mountOptions, async ({ req, body, staff }) =>
    service.totpConfirm(staff!, body.code, meta(req)),
  );
  mount(router, staffRoutes.totpDisable, mountOptions, async ({ req, body, staff }) =>
    service.totpDisable(staff!, body.code, meta(req)),
  );

  mount(router, staffRoutes.list, mountOptions, async () => ({ items: await service.list() }));
  mount(router, staffRoutes.create, mountOptions, async ({ req, body, staff }) =>
    service.create(staff!, body, meta(req)),
  );
  mount(router, staffRoutes.update, mountOptions, async ({ req, body, params, staff }) =>
    service.update(staff!, params.staffId!, body, meta(req)),
  );
  mount(router, staffRoutes.resendInvitation, mountOptions, async ({ req, params, staff }) =>
    service.resendInvitation(staff!, params.staffId!, meta(req)),
  );
  mount(router, staffRoutes.resetTotp, mountOptions, async ({ req, params, staff }) =>
    service.resetTotp(staff!, params.staffId!, meta(req)),
  );
  mount(router, staffRoutes.audit, mountOptions, async ({ query }) => audit.list(query));
  return router;
}

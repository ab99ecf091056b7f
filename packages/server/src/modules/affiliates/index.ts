import type { AppAccess } from '../apps/access.js';
import type { PortalAppModule } from '../apps/app-module.js';
import type { AppsDeps } from '../apps/index.js';
import { AffiliatesAdmin } from './admin.js';
import { affiliatesAdminRouter } from './admin-routes.js';
import { CommissionEngine } from './commissions.js';
import { AffiliateMailer } from './mail.js';
import { affiliateRouter } from './routes.js';
import { AffiliateProgramme } from './service.js';

/** The affiliate programme: the client's side, the staff's side, and where commissions are made. */
export interface Affiliates extends PortalAppModule {
  /** The programme as a client's account uses it. */
  programme: AffiliateProgramme;
  /** The programme as staff run it. */
  admin: AffiliatesAdmin;
  /** Attribution, commissions on paid invoices, reversals and clearing. */
  commissions: CommissionEngine;
  /** One pass of the job: pending commissions whose clearing time has come become payable. */
  runJob(): Promise<{ commissionsCleared: number }>;
}

/**
 * Builds the affiliate app and hooks it to registrations (attribution) and invoices (a paid invoice of a referred
 * account records a commission, a refund reverses it, inside the invoice's transaction).
 */
export function createAffiliates(deps: AppsDeps & { access: AppAccess }): Affiliates {
  const mailer = new AffiliateMailer(deps);
  const programme = new AffiliateProgramme({ ...deps, mailer });
  const admin = new AffiliatesAdmin({ ...deps, mailer });
  const commissions = new CommissionEngine(deps);
  deps.registrations.on(async (registered) => {
    await commissions.attribute(registered);
  });
  deps.events.on({
    paid: (trx, invoice, now) => commissions.paid(trx, invoice, now),
    refunded: (trx, invoice, now) => commissions.refunded(trx, invoice, now),
  });
  return {
    id: 'affiliates',
    name: 'Affiliates',
    description: 'Share your referral link and earn a commission on what the clients you refer pay.',
    hostedPath: '/affiliate',
    access: 'owner',
    programme,
    admin,
    commissions,
    router: (mountOptions) => affiliateRouter(programme, deps, mountOptions),
    adminRouter: (mountOptions) => affiliatesAdminRouter(admin, mountOptions),
    runJob: async () => ({ commissionsCleared: await commissions.clearDue() }),
  };
}

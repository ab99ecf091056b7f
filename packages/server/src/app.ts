import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  accountRoutes,
  authRoutes,
  billingRoutes,
  coursesAdminRoutes,
  portalRoutes,
  settingsRoutes,
  staffRoutes,
  supportAdminRoutes,
  supportRoutes,
} from '@portico/sdk/contract';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import * as z from 'zod';
import type { Config } from './config.js';
import { type Db, openDatabase } from './db/database.js';
import type { Deps } from './deps.js';
import { type Auth, type StaffAuth, unauthenticated } from './http/auth.js';
import { type CookieOptions, readCookie } from './http/cookies.js';
import { originPolicy } from './http/origin.js';
import { errorHandler, HttpError, notFound, sendProblem } from './http/problem.js';
import { FailureTracker, HashGate, RateLimiter } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import type { MountOptions } from './http/validate.js';
import { JobRunner } from './jobs/runner.js';
import { commonPasswords } from './modules/auth/passwords.js';
import { accountRouter } from './modules/account/routes.js';
import { AccountService } from './modules/account/service.js';
import { ipPlaces } from './modules/account/places.js';
import { AuditLog } from './modules/audit/audit-log.js';
import { authRouter, sessionHttp } from './modules/auth/routes.js';
import { AuthService } from './modules/auth/service.js';
import { AuthStore } from './modules/auth/store.js';
import { devMailboxRouter } from './modules/mail/dev-mailbox.js';
import { devTransport, type MailTransport, Outbox, smtpTransport } from './modules/mail/outbox.js';
import { portalLinksRouter } from './modules/clients/links-routes.js';
import { clientsAdminRouter } from './modules/clients/routes.js';
import { ClientsService } from './modules/clients/service.js';
import { pagesRouter } from './modules/pages/pages.js';
import { portalRouter } from './modules/portal/routes.js';
import { MfaTickets } from './modules/security/mfa-tickets.js';
import { SecurityNotices } from './modules/security/notices.js';
import { Passkeys } from './modules/security/passkeys.js';
import { securityAdminRouter, securityRouter } from './modules/security/routes.js';
import { TwoFactor } from './modules/security/two-factor.js';
import { assetsRouter, settingsAdminRouter } from './modules/settings/routes.js';
import { SettingsService } from './modules/settings/service.js';
import { Settings } from './modules/settings/settings.js';
import { staffRouter } from './modules/staff/routes.js';
import { StaffService } from './modules/staff/service.js';
import { systemRouter } from './modules/system/routes.js';
import { contactsRouter } from './modules/contacts/routes.js';
import { ContactsService } from './modules/contacts/service.js';
import { tokensRouter } from './modules/tokens/routes.js';
import { ApiTokenService } from './modules/tokens/service.js';
import { Idempotency } from './http/idempotency.js';
import { type Billing, createBilling } from './modules/billing/index.js';
import { createGateways } from './modules/billing/gateways/registry.js';
import type { GatewayRegistry } from './modules/billing/gateways/gateway.js';
import { InvoiceEvents } from './modules/billing/hooks.js';
import { BillingMailer } from './modules/billing/mail.js';
import { createServices, type Services } from './modules/services/index.js';
import { createDomains, type Domains } from './modules/domains/index.js';
import type { Registrar } from './modules/domains/registrar.js';
import { type Content, createContent } from './modules/content/index.js';
import { createSupport, type Support } from './modules/support/index.js';
import { type Announcements, createAnnouncements } from './modules/announcements/index.js';
import { createStatus, type StatusPageModule } from './modules/status/index.js';
import { createHome, type HomeModule } from './modules/home/index.js';
import { type Apps, createApps } from './modules/apps/index.js';
import { RegistrationEvents } from './modules/auth/registrations.js';
import { pathMatcher } from './http/path-match.js';

z.config(z.locales.en());

export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

/** Everything the running app holds, for the CLI, jobs and tests. */
export interface PorticoContext {
  config: Config;
  deps: Deps;
  db: Db;
  sqlite: import('better-sqlite3').Database;
  settings: Settings;
  outbox: Outbox;
  auth: AuthService;
  /** Client TOTP and backup codes. */
  twoFactor: TwoFactor;
  passkeys: Passkeys;
  account: AccountService;
  apiTokens: ApiTokenService;
  contacts: ContactsService;
  staff: StaffService;
  clients: ClientsService;
  portalSettings: SettingsService;
  /** Store, orders, invoices, payments and credit. */
  billing: Billing;
  /** Services, cancellations, the renewal job and the dashboard. */
  services: Services;
  /** Domain search and pricing, My Domains, TLDs and registrars. */
  domains: Domains;
  /** The knowledge base and FAQ. */
  content: Content;
  /** Support tickets: departments, tickets, messages, attachments and their job. */
  support: Support;
  /** Announcements, their mailing and unsubscribe links. */
  announcements: Announcements;
  /** The status page: components and their history, incidents, maintenance and its job. */
  status: StatusPageModule;
  /** The portal home and its settings. */
  home: HomeModule;
  /** The portal's apps (affiliates, courses, communities): access, the switcher, their routers and job. */
  apps: Apps;
  gateways: GatewayRegistry;
  idempotency: Idempotency;
  audit: AuditLog;
  rate: RateLimiter;
  hashGate: HashGate;
  jobs: JobRunner;
  /** The client API (`/api/v1`) and staff API (`/api/admin/v1`) routers, for tests that walk every route. */
  routers: { client: express.Router; admin: express.Router };
  /** Resolves when start-up work (settings load) is done. */
  ready: Promise<void>;
  /** Stops jobs and closes the database. Call after the HTTP server stopped accepting. */
  close(): Promise<void>;
}

export type PorticoApp = Express & { portico: PorticoContext };

export interface AppOptions {
  /** Mail transport to use instead of the one the config picks (tests). */
  mailTransport?: MailTransport;
  /** Deliver mail as soon as it is enqueued (default true; tests may turn it off). */
  autoDeliverMail?: boolean;
  /** Registrars (or the `rdap` checker) by id, in place of the built-in ones of that id (tests). */
  registrars?: Record<string, Registrar>;
}

/** Where the elements bundles are: the `dist` folder of `@portico/elements`. */
function elementsDir(): { dir?: string; problem?: string } {
  try {
    const require = createRequire(import.meta.url);
    return { dir: join(dirname(require.resolve('@portico/elements/package.json')), 'dist') };
  } catch (error) {
    return { problem: String((error as Error).message) };
  }
}

/**
 * Builds the Portico app: opens (and migrates) the database, wires services and routes. Never listens and keeps
 * no globals, so tests create as many as they like.
 */
export function createApp(config: Config, deps: Deps, options: AppOptions = {}): PorticoApp {
  // Read the shipped password list now: a broken install should fail at start, not at someone's sign-up.
  commonPasswords();
  const { db, sqlite, close: closeDb } = openDatabase(config.databaseFile);
  const { clock, ids, logger } = deps;
  const settings = new Settings(db, clock);
  const transport =
    options.mailTransport ??
    (config.smtpUrl
      ? smtpTransport(config.smtpUrl)
      : devTransport(config.mode === 'test' ? () => {} : undefined));
  const outbox = new Outbox(
    db,
    clock,
    ids,
    transport,
    config.smtpFrom,
    logger,
    options.autoDeliverMail ?? true,
  );
  const rate = new RateLimiter(db, clock, config.rateLimitScale);
  const hashGate = new HashGate(config.maxConcurrentHashes);
  const audit = new AuditLog(db, clock, ids);
  const failures = new FailureTracker(db, clock);
  const places = ipPlaces({ logger });
  // What every service may use; each takes the part it declares.
  const shared = {
    db,
    settings,
    outbox,
    rate,
    failures,
    hashGate,
    clock,
    ids,
    config,
    logger,
    audit,
    places,
  };
  const notices = new SecurityNotices(shared);
  const twoFactor = new TwoFactor({ ...shared, notices });
  const tickets = new MfaTickets({ ...shared, twoFactor, notices });
  const registrations = new RegistrationEvents();
  const auth = new AuthService({ ...shared, store: new AuthStore(db), tickets, registrations });
  const passkeys = new Passkeys({ ...shared, notices, auth });
  const account = new AccountService({ ...shared, auth });
  const apiTokens = new ApiTokenService(shared);
  const staff = new StaffService(shared);
  const clients = new ClientsService({ ...shared, auth });
  const contacts = new ContactsService({ ...shared, links: clients.links });
  const portalSettings = new SettingsService(shared);
  const idempotency = new Idempotency(db, clock);
  const invoiceEvents = new InvoiceEvents();
  const billingMail = new BillingMailer(shared);
  const gateways = createGateways(shared);
  // Services register their invoice hooks first: a paid invoice activates its services in the payment's transaction.
  const services = createServices({ ...shared, events: invoiceEvents, mailer: billingMail });
  // Domains come before billing: orders price and place domains through them.
  // Its invoice hooks queue registrar tasks once services have taken theirs.
  const domains = createDomains({
    ...shared,
    registrars: options.registrars,
    events: invoiceEvents,
    billingMailer: billingMail,
  });
  const content = createContent(shared);
  const support = createSupport(shared);
  const billing = createBilling({
    ...shared,
    gateways,
    events: invoiceEvents,
    mailer: billingMail,
    domains: domains.orders,
  });
  const announcements = createAnnouncements(shared);
  const statusPage = createStatus(shared);
  const home = createHome({ ...shared, catalog: billing.catalog, announcements: announcements.service });
  const apps = createApps({ ...shared, events: invoiceEvents, registrations });
  const jobs = new JobRunner(
    [
      { name: 'mail', everyMs: 5_000, run: () => outbox.deliverDue() },
      // Renewal invoices, reminders, overdue marking, suspensions and end-of-period cancellations.
      { name: 'billing', everyMs: 3_600_000, run: () => services.runJob() },
      // Registrar tasks due (retries after backoff, leases lapsed), then domain renewal invoices and expiries.
      { name: 'domains', everyMs: 60_000, run: () => domains.runJob() },
      // Scheduled maintenance whose start or end has come moves on (its components with it).
      { name: 'status', everyMs: 60_000, run: () => statusPage.runJob() },
      // Tickets left answered past the business's auto-close days, and uploads no message took within 24 hours.
      { name: 'support', everyMs: 3_600_000, run: () => support.runJob() },
      // Commissions whose clearing period ended become payable.
      { name: 'apps', everyMs: 3_600_000, run: () => apps.runJob() },
      {
        name: 'sweep',
        everyMs: 3_600_000,
        run: async () => ({
          ...(await auth.sweep()),
          ...(await staff.sweep()),
          ...(await clients.sweep()),
          passkeyChallenges: await passkeys.sweep(clock.now().toISOString()),
          rate: await rate.sweep(),
          idempotencyKeys: await idempotency.sweep(),
        }),
      },
    ],
    logger,
  );

  const production = config.mode === 'production';
  const clientCookie: CookieOptions = {
    name: production ? '__Host-portico_session' : 'portico_session',
    secure: production,
    sameSite: 'Lax',
    path: '/',
  };
  // The staff cookie is only ever sent to the staff API, and never cross-site.
  const staffCookie: CookieOptions = {
    name: production ? '__Secure-portico_staff' : 'portico_staff',
    secure: production,
    sameSite: 'Strict',
    path: '/api/admin',
  };
  const bearerOf = (req: Request): string | undefined => {
    const header = req.get('authorization');
    return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  };
  const tokenOf = (req: Request): string | undefined => bearerOf(req) ?? readCookie(req, clientCookie.name);
  const mountOptions: MountOptions = {
    checkOutput: config.mode !== 'production',
    idempotency,
    async authenticate(req, required): Promise<Auth | undefined> {
      // An API token only ever counts as a bearer; a session token as a bearer or in the cookie (where a `pt_`
      // token is nobody's: AuthService only takes `ps_` tokens).
      const bearer = bearerOf(req);
      const token = bearer ?? readCookie(req, clientCookie.name);
      const principal = bearer?.startsWith('pt_')
        ? await apiTokens.authenticate(bearer, req.ip)
        : token
          ? await auth.authenticate(token)
          : undefined;
      if (!principal && required) throw unauthenticated();
      return principal;
    },
    // Staff sign in with the staff cookie only: a bearer token (a client's session or API token) never counts.
    async authenticateStaff(req, required): Promise<StaffAuth | undefined> {
      const token = readCookie(req, staffCookie.name);
      const principal = token ? await staff.authenticate(token) : undefined;
      if (!principal && required)
        throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to the staff console to continue.');
      return principal;
    },
  };
  const clientSessions = sessionHttp(config, clientCookie, tokenOf);

  const app = express() as unknown as PorticoApp;
  app.disable('x-powered-by');
  app.set('etag', false);
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  app.use(requestContext(logger, ids));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'none'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      strictTransportSecurity: production,
    }),
  );

  const elements = elementsDir();
  if (elements.problem)
    logger.warn({ problem: elements.problem }, 'cannot find @portico/elements: /elements.js will 404');
  for (const file of ['elements.js', 'elements-login.js', 'elements-admin.js']) {
    app.get(`/${file}`, (req, res) => {
      // Any site may load the bundle as a module script (CORS mode) and embed it; errors must be readable too.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      const missing = new HttpError(404, 'NOT_FOUND', `${file} is not built. Run npm run build.`);
      if (!elements.dir) throw missing;
      res.setHeader('Cache-Control', production ? 'public, max-age=300' : 'no-cache');
      res.type('text/javascript');
      res.sendFile(join(elements.dir, file), (err) => {
        if (err && !res.headersSent) sendProblem(req, res, missing);
      });
    });
  }

  // Routes that hash refuse at once when every hashing slot is taken, before parsing anything.
  const hashing = new Set(
    [
      authRoutes.login,
      authRoutes.register,
      authRoutes.resetPassword,
      portalRoutes.acceptInvitation,
      staffRoutes.login,
      staffRoutes.acceptInvitation,
      staffRoutes.changePassword,
      accountRoutes.changeEmail,
      accountRoutes.changePassword,
    ].map((route) => route.path),
  );
  const busyGate: express.RequestHandler = (req, _res, next) => {
    if (req.method === 'POST' && hashing.has(req.path) && hashGate.running >= hashGate.max) {
      throw new HttpError(
        429,
        'SERVER_BUSY',
        'The server is busy signing other people in. Try again in a moment.',
        { retryAfter: 1 },
      );
    }
    next();
  };
  // The logo upload is the one body above the usual limit (base64 of at most 512 KB).
  const bigBodies = new Set([settingsRoutes.uploadLogo.path]);
  const json = express.json({ limit: config.bodyLimit, type: 'application/json', strict: true });
  const bigJson = express.json({ limit: '800kb', type: 'application/json', strict: true });
  // Signed webhooks are verified over the exact bytes received: they are kept raw, never parsed as JSON first.
  const rawBodies = new Set([billingRoutes.stripeWebhook.path]);
  const raw = express.raw({ limit: '256kb', type: () => true });
  // Attachment uploads are left unread here: their handler streams them after authenticating the caller, within
  // the business's size limit (an unknown caller never makes the server hold a file).
  const uploads = [
    supportRoutes.upload.path,
    supportAdminRoutes.upload.path,
    coursesAdminRoutes.uploadFile.path,
  ];
  const isUpload = pathMatcher(uploads);
  const jsonBody: express.RequestHandler = (req, res, next) =>
    isUpload(req.path)
      ? next()
      : (rawBodies.has(req.path) ? raw : bigBodies.has(req.path) ? bigJson : json)(req, res, next);

  const api = express.Router();
  api.use(
    originPolicy({
      ownOrigin: config.publicOrigin,
      allowedOrigins: () => [...config.allowedOrigins, ...settings.extraOrigins()],
      cookieNames: [clientCookie.name],
      apiTokenPrefix: 'pt_',
      rawPaths: uploads,
    }),
  );
  api.use(busyGate, jsonBody, noStore);
  api.use(systemRouter({ version: VERSION, serverUrl: config.publicUrl, mountOptions }));
  api.use(authRouter(auth, clientCookie, mountOptions, clientSessions));
  api.use(portalLinksRouter(clients, mountOptions, clientSessions));
  api.use(securityRouter(twoFactor, passkeys, mountOptions, clientSessions));
  api.use(portalRouter(portalSettings, mountOptions));
  api.use(accountRouter(account, mountOptions));
  api.use(tokensRouter(apiTokens, mountOptions));
  api.use(contactsRouter(contacts, mountOptions));
  api.use(billing.router(mountOptions));
  api.use(services.router(mountOptions));
  api.use(domains.router(mountOptions));
  api.use(announcements.router(mountOptions));
  api.use(statusPage.router(mountOptions));
  api.use(home.router(mountOptions));
  api.use(content.router(mountOptions));
  api.use(support.router(mountOptions));
  api.use(apps.router(mountOptions));

  // The staff API answers only the console's own origin (and the verified custom domain): no embedding site.
  const adminApi = express.Router();
  adminApi.use(
    originPolicy({
      ownOrigin: config.publicOrigin,
      allowedOrigins: () => {
        const domain = settings.current.customDomain;
        return domain?.status === 'verified' ? [`https://${domain.domain}`] : [];
      },
      cookieNames: [staffCookie.name],
      rawPaths: uploads,
    }),
  );
  adminApi.use(busyGate, jsonBody, noStore);
  adminApi.use(staffRouter(staff, audit, staffCookie, mountOptions));
  adminApi.use(clientsAdminRouter(clients, mountOptions));
  adminApi.use(securityAdminRouter(twoFactor, mountOptions));
  adminApi.use(settingsAdminRouter(portalSettings, mountOptions));
  adminApi.use(billing.adminRouter(mountOptions));
  adminApi.use(services.adminRouter(mountOptions));
  adminApi.use(domains.adminRouter(mountOptions));
  adminApi.use(announcements.adminRouter(mountOptions));
  adminApi.use(statusPage.adminRouter(mountOptions));
  adminApi.use(home.adminRouter(mountOptions));
  adminApi.use(content.adminRouter(mountOptions));
  adminApi.use(support.adminRouter(mountOptions));
  adminApi.use(apps.adminRouter(mountOptions));

  app.use('/', (req, res, next) => {
    if (req.path.startsWith('/api/admin/')) return adminApi(req, res, next);
    if (req.path.startsWith('/api/')) return api(req, res, next);
    next();
  });
  app.use(assetsRouter(portalSettings));
  // RFC 8058 one-click unsubscribe (`POST /unsubscribe?token=…`): mail clients post a form, which the API refuses.
  app.use(announcements.oneClickRouter());
  app.use(pagesRouter(config, settings));
  if (config.mode === 'development') app.use(devMailboxRouter(outbox));
  app.get('/api', (_req, res) => {
    res.json({
      name: 'Portico',
      version: VERSION,
      openapi: `${config.publicUrl}/api/openapi.json`,
      elements: `${config.publicUrl}/elements.js`,
      ...(config.mode === 'development' ? { mailbox: `${config.publicUrl}/dev/mailbox` } : {}),
    });
  });
  app.use(notFound);
  app.use(errorHandler);

  const ready = settings.load().then(() => undefined);
  app.portico = {
    config,
    deps,
    db,
    sqlite,
    settings,
    outbox,
    auth,
    twoFactor,
    passkeys,
    account,
    apiTokens,
    contacts,
    staff,
    clients,
    portalSettings,
    billing,
    services,
    domains,
    content,
    support,
    announcements,
    status: statusPage,
    home,
    apps,
    gateways,
    idempotency,
    audit,
    rate,
    hashGate,
    jobs,
    routers: { client: api, admin: adminApi },
    ready,
    async close() {
      await jobs.stop();
      await domains.tasks.idle();
      await outbox.deliverDue().catch(() => 0);
      await closeDb();
    },
  };
  return app;
}

/** API answers are never cached by browsers or proxies. */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

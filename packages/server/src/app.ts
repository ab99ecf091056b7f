import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { authRoutes } from '@portico/sdk/contract';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import * as z from 'zod';
import type { Config } from './config.js';
import { type Db, openDatabase } from './db/database.js';
import type { Deps } from './deps.js';
import type { Auth } from './http/auth.js';
import { type CookieOptions, readCookie } from './http/cookies.js';
import { originPolicy } from './http/origin.js';
import { errorHandler, HttpError, notFound, sendProblem } from './http/problem.js';
import { FailureTracker, HashGate, RateLimiter } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import type { MountOptions } from './http/validate.js';
import { JobRunner } from './jobs/runner.js';
import { commonPasswords } from './modules/auth/passwords.js';
import { authRouter } from './modules/auth/routes.js';
import { AuthService } from './modules/auth/service.js';
import { AuthStore } from './modules/auth/store.js';
import { devMailboxRouter } from './modules/mail/dev-mailbox.js';
import { devTransport, type MailTransport, Outbox, smtpTransport } from './modules/mail/outbox.js';
import { Settings } from './modules/settings/settings.js';
import { systemRouter } from './modules/system/routes.js';

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
  rate: RateLimiter;
  hashGate: HashGate;
  jobs: JobRunner;
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
  const auth = new AuthService({
    store: new AuthStore(db),
    outbox,
    settings,
    rate,
    failures: new FailureTracker(db, clock),
    hashGate,
    clock,
    ids,
    config,
    logger,
  });
  const jobs = new JobRunner(
    [
      { name: 'mail', everyMs: 5_000, run: () => outbox.deliverDue() },
      {
        name: 'sweep',
        everyMs: 3_600_000,
        run: async () => ({ ...(await auth.sweep()), rate: await rate.sweep() }),
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
  const tokenOf = (req: Request): string | undefined => {
    const header = req.get('authorization');
    if (header?.startsWith('Bearer ')) return header.slice(7).trim();
    return readCookie(req, clientCookie.name);
  };
  const mountOptions: MountOptions = {
    checkOutput: config.mode !== 'production',
    async authenticate(req, required): Promise<Auth | undefined> {
      const token = tokenOf(req);
      const principal = token ? await auth.authenticate(token) : undefined;
      if (!principal && required) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to continue.');
      return principal;
    },
  };

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
  for (const file of ['elements.js', 'elements-login.js']) {
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

  const api = express.Router();
  api.use(
    originPolicy({
      ownOrigin: config.publicOrigin,
      allowedOrigins: () => [...config.allowedOrigins, ...settings.current.allowedOrigins],
      cookieNames: [clientCookie.name],
    }),
  );
  // Routes that hash refuse at once when every hashing slot is taken, before parsing anything.
  const hashing = new Set([authRoutes.login.path, authRoutes.register.path, authRoutes.resetPassword.path]);
  api.use((req, _res, next) => {
    if (req.method === 'POST' && hashing.has(req.path) && hashGate.running >= hashGate.max) {
      throw new HttpError(
        429,
        'SERVER_BUSY',
        'The server is busy signing other people in. Try again in a moment.',
        {
          retryAfter: 1,
        },
      );
    }
    next();
  });
  api.use(express.json({ limit: config.bodyLimit, type: 'application/json', strict: true }));
  api.use(noStore);
  api.use(systemRouter({ version: VERSION, serverUrl: config.publicUrl, mountOptions }));
  api.use(authRouter(auth, config, clientCookie, mountOptions, tokenOf));
  app.use('/', (req, res, next) => (req.path.startsWith('/api/') ? api(req, res, next) : next()));
  if (config.mode === 'development') app.use(devMailboxRouter(outbox));
  app.get('/', (_req, res) => {
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
    rate,
    hashGate,
    jobs,
    ready,
    async close() {
      await jobs.stop();
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

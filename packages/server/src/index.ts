/**
 * `@portico/server`: the Portico portal API as a library.
 *
 * @example
 * ```ts
 * import { createApp, createDeps, loadConfig } from '@portico/server';
 * const config = loadConfig(process.env);
 * const app = createApp(config, createDeps({ logLevel: config.logLevel }));
 * app.listen(config.port);
 * ```
 */
export { type AppOptions, createApp, type PorticoApp, type PorticoContext, VERSION } from './app.js';
export { type Config, ConfigError, loadConfig, testConfig } from './config.js';
export { migrate, migrations, openDatabase } from './db/database.js';
export { type Clock, createDeps, createIdGenerator, type Deps, FakeClock, systemClock } from './deps.js';
export { HttpError } from './http/problem.js';
export { CODE_TTL_MINUTES, MAX_CODE_ATTEMPTS } from './modules/auth/service.js';
export {
  hashPassword,
  PASSWORD_HASH_OPTIONS,
  passwordWeakness,
  verifyPassword,
} from './modules/auth/passwords.js';
export { type MailTransport, smtpTransport } from './modules/mail/outbox.js';
export { DEMO_LOGIN, seedDemo } from './seed.js';

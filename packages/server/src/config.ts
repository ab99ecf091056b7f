import { availableParallelism } from 'node:os';
import * as z from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'use 1/0, true/false, yes/no or on/off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const origin = z.string().transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a URL; write an origin such as https://www.example.com`,
    });
    return z.NEVER;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin (scheme://host[:port], no path)` });
    return z.NEVER;
  }
  return url.origin;
});

/** A comma-separated list, items trimmed, empty ones dropped. */
const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const EnvSchema = z.object({
  PORTICO_MODE: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int()
    .min(0)
    .max(65535, 'must be at most 65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORTICO_DATABASE: z.string().min(1).default('./data/portico.db'),
  PORTICO_PUBLIC_URL: z
    .url({ error: 'must be an absolute URL such as https://portal.example.com' })
    .optional(),
  PORTICO_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps:// (e.g. smtp://user:pass@mail.example.com:587)')
    .optional(),
  SMTP_FROM: z.string().min(3).default('Portico <no-reply@localhost>'),
  PORTICO_ALLOWED_ORIGINS: commaList.pipe(z.array(origin)),
  PORTICO_SEED_DEMO: bool.optional(),
  PORTICO_RATE_LIMIT_SCALE: z.coerce
    .number({ error: 'must be a number' })
    .positive('must be above 0')
    .default(1),
  // By default one core is left to the event loop, so hashing never starves the rest of the API.
  PORTICO_MAX_CONCURRENT_HASHES: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, availableParallelism() - 1)),
  PORTICO_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30)
    .default(60 * 24 * 7),
  PORTICO_SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PORTICO_STAFF_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(60 * 24)
    .default(60),
  PORTICO_STAFF_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  PORTICO_DNS_SERVERS: commaList,
  PORTICO_PUBLIC_IP: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IP address' }).optional(),
  PORTICO_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb')
    .default('100kb'),
  PORTICO_TRUST_PROXY: z.string().optional(),
  PORTICO_GEO_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a request header name such as cf-ipcountry')
    .transform((v) => v.toLowerCase())
    .optional(),
  PORTICO_WEBAUTHN_RP_ID: z
    .string()
    .toLowerCase()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
      'must be a domain name such as example.com (no scheme, port or path)',
    )
    .optional(),
  PORTICO_RDAP_BOOTSTRAP: z.string().min(1).optional(),
  PORTICO_RDAP_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100')
    .max(30_000, 'must be at most 30000')
    .default(4000),
  PORTICO_DOMAIN_CHECK_CACHE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 (off) or more')
    .max(3600, 'must be at most 3600')
    .default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Portico's resolved configuration. */
export interface Config {
  mode: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseFile: string;
  publicUrl: string;
  /** The server's own origin, derived from publicUrl. */
  publicOrigin: string;
  /** Secret for HMACs (codes); at least 32 characters. */
  secret: string;
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Exact origins allowed for CORS and cookie-authenticated requests, besides the server's own. */
  allowedOrigins: string[];
  seedDemo: boolean;
  rateLimitScale: number;
  maxConcurrentHashes: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  staffSessionIdleMs: number;
  staffSessionAbsoluteMs: number;
  /** DNS servers (`ip` or `ip:port`) for custom-domain checks; empty means the system's. */
  dnsServers: string[];
  /** The address a custom domain's A record must point to (else only a CNAME to the public host is offered). */
  publicIp: string | undefined;
  bodyLimit: string;
  trustProxy: string | undefined;
  /**
   * A request header a trusted proxy sets to the client's country (`cf-ipcountry`); when set, sessions take their
   * country from it instead of the IP lookup.
   */
  geoHeader: string | undefined;
  /**
   * The WebAuthn relying party ID passkeys are bound to: the public URL's host or a parent domain of it (so a
   * passkey made on `portal.example.com` also works on `www.example.com` when this is `example.com`).
   */
  webauthnRpId: string;
  /** An IANA RDAP bootstrap file (RFC 9224 `dns.json`); undefined means the one shipped in `data/rdap-dns.json`. */
  rdapBootstrap: string | undefined;
  /** Deadline of one RDAP availability request. */
  rdapTimeoutMs: number;
  /** How long a public availability answer is reused; 0 turns the cache off. */
  domainCheckCacheSeconds: number;
  logLevel: string;
}

/** Thrown with one line per bad environment variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from environment variables, validated with zod.
 * In production `PORTICO_SECRET` and `PORTICO_PUBLIC_URL` are required; elsewhere a secret may be supplied
 * by `fallbackSecret` (the CLI keeps one in the data folder).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, fallbackSecret?: () => string): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.PORTICO_MODE === 'production') {
    if (!e.PORTICO_SECRET)
      problems.push('PORTICO_SECRET: is required in production (at least 32 characters)');
    if (!e.PORTICO_PUBLIC_URL) problems.push('PORTICO_PUBLIC_URL: is required in production');
  }
  const secret = e.PORTICO_SECRET ?? fallbackSecret?.();
  if (!secret) problems.push('PORTICO_SECRET: is required (at least 32 characters)');
  const publicUrl = (e.PORTICO_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const publicHost = new URL(publicUrl).hostname;
  const rpId = e.PORTICO_WEBAUTHN_RP_ID ?? publicHost;
  // Browsers only accept an RP ID that is the page's host or a parent domain of it.
  if (publicHost !== rpId && !publicHost.endsWith(`.${rpId}`)) {
    problems.push(
      `PORTICO_WEBAUTHN_RP_ID: "${rpId}" must be the host of PORTICO_PUBLIC_URL (${publicHost}) or a parent domain of it`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    mode: e.PORTICO_MODE,
    port: e.PORT,
    host: e.HOST,
    databaseFile: e.PORTICO_DATABASE,
    publicUrl,
    publicOrigin: new URL(publicUrl).origin,
    secret: secret as string,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    allowedOrigins: e.PORTICO_ALLOWED_ORIGINS,
    seedDemo: e.PORTICO_SEED_DEMO ?? e.PORTICO_MODE === 'development',
    rateLimitScale: e.PORTICO_RATE_LIMIT_SCALE,
    maxConcurrentHashes: e.PORTICO_MAX_CONCURRENT_HASHES,
    sessionIdleMs: e.PORTICO_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.PORTICO_SESSION_ABSOLUTE_DAYS * 86_400_000,
    staffSessionIdleMs: e.PORTICO_STAFF_SESSION_IDLE_MINUTES * 60_000,
    staffSessionAbsoluteMs: e.PORTICO_STAFF_SESSION_ABSOLUTE_HOURS * 3_600_000,
    dnsServers: e.PORTICO_DNS_SERVERS,
    publicIp: e.PORTICO_PUBLIC_IP,
    bodyLimit: e.PORTICO_BODY_LIMIT,
    trustProxy: e.PORTICO_TRUST_PROXY,
    geoHeader: e.PORTICO_GEO_HEADER,
    webauthnRpId: rpId,
    rdapBootstrap: e.PORTICO_RDAP_BOOTSTRAP,
    rdapTimeoutMs: e.PORTICO_RDAP_TIMEOUT_MS,
    domainCheckCacheSeconds: e.PORTICO_DOMAIN_CHECK_CACHE_SECONDS,
    logLevel: e.LOG_LEVEL,
  };
}

/** A configuration for tests and embedding, with safe defaults. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig(
      { PORTICO_MODE: 'test', PORTICO_DATABASE: ':memory:', LOG_LEVEL: 'silent' },
      () => 'test-secret-test-secret-test-secret-0000',
    ),
    ...overrides,
  };
}

/**
 * Domain availability over RDAP (RFC 9082/9083): the registry's RDAP server, found in IANA's bootstrap file
 * (RFC 9224), is asked for `domain/<name>`; a domain object means taken, 404 means free. Nothing is registered
 * through RDAP, so the checker answers availability only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { type Clock, systemClock } from '../../deps.js';
import type { Availability, AvailabilityChecker } from './registrar.js';

/** The bootstrap file shipped with the server (IANA's `dns.json`; see its `description` for where it came from). */
export const SHIPPED_RDAP_BOOTSTRAP = fileURLToPath(new URL('../../../data/rdap-dns.json', import.meta.url));

/** Which RDAP server answers for which TLD, read from an RFC 9224 bootstrap file. */
export interface RdapBootstrap {
  /** The file it was read from. */
  readonly file: string;
  /** When the registry published the file (ISO 8601, as written in it). */
  readonly publication: string;
  /** How many TLDs it names. */
  readonly size: number;
  /**
   * The base URL (ending in `/`) of the RDAP server for a TLD (`com`, `co.uk`, `xn--p1ai`; a whole domain name
   * works too). The longest matching label sequence wins (`co.uk`, then `uk`); https is preferred over http.
   * Null when no server is known.
   */
  serverFor(tld: string): string | null;
}

/** A bootstrap file that cannot be used; the message names the file and what is wrong. */
export class RdapBootstrapError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`RDAP bootstrap file ${file}: ${problem}`, options);
    this.name = 'RdapBootstrapError';
  }
}

const httpUrl = z.string().refine(
  (value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  { error: 'must be an http or https URL' },
);

const BootstrapSchema = z.object(
  {
    version: z.string({ error: 'must be a string such as "1.0"' }),
    publication: z
      .string({ error: 'must be a date such as "2024-01-01T00:00:00Z"' })
      .refine((v) => !Number.isNaN(Date.parse(v)), {
        error: 'must be a date such as "2024-01-01T00:00:00Z"',
      }),
    description: z.string().optional(),
    services: z.array(
      z.tuple(
        [
          z.array(z.string().min(1, 'must not be empty'), { error: 'must be a list of TLDs' }),
          z.array(httpUrl, { error: 'must be a list of URLs' }).min(1, 'must name at least one URL'),
        ],
        { error: 'must be [[TLDs…], [URLs…]]' },
      ),
      { error: 'must be a list of services' },
    ),
  },
  { error: 'must be a JSON object with version, publication and services (RFC 9224)' },
);

const normalizeName = (name: string) => name.trim().toLowerCase().replace(/\.+$/, '');

/**
 * Reads and checks an IANA RDAP bootstrap file (RFC 9224 format, as `https://data.iana.org/rdap/dns.json`).
 * Without a path, the one shipped in `packages/server/data/rdap-dns.json`. Throws `RdapBootstrapError` naming the
 * file when it is missing, not JSON or not in the format.
 *
 * @example
 * const bootstrap = loadRdapBootstrap(config.rdapBootstrap);
 * bootstrap.serverFor('com'); // 'https://rdap.verisign.com/com/v1/'
 */
export function loadRdapBootstrap(file: string = SHIPPED_RDAP_BOOTSTRAP): RdapBootstrap {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new RdapBootstrapError(file, `cannot be read (${reason})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RdapBootstrapError(file, `is not JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = BootstrapSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    throw new RdapBootstrapError(file, `${where} ${issue.message}`);
  }
  const servers = new Map<string, string>();
  for (const [tlds, urls] of parsed.data.services) {
    // RFC 9224: base URLs end in '/'; be lenient with one that does not.
    const withSlash = urls.map((url) => (url.endsWith('/') ? url : `${url}/`));
    const base = withSlash.find((url) => url.startsWith('https:')) ?? withSlash[0]!;
    for (const tld of tlds) {
      const key = normalizeName(tld);
      // A TLD listed twice keeps its first server, as a client reading the file top-down would.
      if (key && !servers.has(key)) servers.set(key, base);
    }
  }
  return {
    file,
    publication: parsed.data.publication,
    size: servers.size,
    serverFor(tld) {
      const labels = normalizeName(tld).split('.');
      for (let i = 0; i < labels.length; i++) {
        const found = servers.get(labels.slice(i).join('.'));
        if (found) return found;
      }
      return null;
    },
  };
}

export interface RdapCheckerOptions {
  bootstrap: RdapBootstrap;
  /** Deadline of one check, redirects and body included. */
  timeoutMs: number;
  clock?: Clock;
  fetch?: typeof fetch;
}

/** Largest response body read; a domain object is a few kilobytes. */
export const RDAP_MAX_BODY_BYTES = 256 * 1024;
/** Redirects followed (RFC 7480 §5.2 lets a server send a client elsewhere). */
export const RDAP_MAX_REDIRECTS = 3;
/** How long a server that answered 429 without a usable Retry-After is left alone. */
export const RDAP_DEFAULT_RETRY_AFTER_MS = 60_000;
/** The longest Retry-After honoured, so a silly header cannot switch a registry off for days. */
const MAX_RETRY_AFTER_MS = 3_600_000;

const unknown = (reason: 'timeout' | 'rate_limited' | 'error'): Availability => ({
  status: 'unknown',
  reason,
});

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes of a body; throws `BodyTooLarge` past it (and stops the download). */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    await response.body.cancel().catch(() => {});
    throw new BodyTooLarge();
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Milliseconds to wait from a Retry-After header (delta seconds or an HTTP date), or the default. */
function retryAfterMs(header: string | null, now: number): number {
  let ms = Number.NaN;
  if (header && /^\s*\d+\s*$/.test(header)) ms = Number(header) * 1000;
  else if (header) ms = Date.parse(header) - now;
  if (!Number.isFinite(ms) || ms < 0) ms = RDAP_DEFAULT_RETRY_AFTER_MS;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/**
 * Answers availability from the registry's RDAP server. Never throws: a registry that is slow, down, limiting us
 * or answering nonsense gives `unknown` with the reason. After a 429 the server is left alone until its
 * Retry-After has passed (checks meanwhile answer `rate_limited` without a request), per server origin, since
 * one operator's server often serves many TLDs.
 *
 * @example
 * const rdap = new RdapChecker({ bootstrap: loadRdapBootstrap(), timeoutMs: 4000 });
 * await rdap.check('example.com', { signal }); // { status: 'taken' }
 */
export class RdapChecker implements AvailabilityChecker {
  readonly id = 'rdap';
  readonly name = 'RDAP (IANA bootstrap)';
  readonly #bootstrap: RdapBootstrap;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #fetch: typeof fetch;
  /** Server origin → when (epoch ms) it may be asked again. */
  readonly #limitedUntil = new Map<string, number>();

  constructor(options: RdapCheckerOptions) {
    this.#bootstrap = options.bootstrap;
    this.#timeoutMs = options.timeoutMs;
    this.#clock = options.clock ?? systemClock;
    this.#fetch = options.fetch ?? fetch;
  }

  async check(name: string, options: { signal?: AbortSignal } = {}): Promise<Availability> {
    const domain = normalizeName(name);
    const dot = domain.indexOf('.');
    if (dot <= 0) return unknown('error');
    const base = this.#bootstrap.serverFor(domain.slice(dot + 1));
    if (!base) return unknown('error');
    const server = new URL(base).origin;
    const now = this.#clock.now().getTime();
    const until = this.#limitedUntil.get(server);
    if (until !== undefined) {
      if (now < until) return unknown('rate_limited');
      this.#limitedUntil.delete(server);
    }
    if (options.signal?.aborted) return unknown('timeout');
    const deadline = options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(this.#timeoutMs)])
      : AbortSignal.timeout(this.#timeoutMs);
    try {
      return await this.#ask(new URL(`domain/${encodeURIComponent(domain)}`, base), domain, server, deadline);
    } catch {
      return unknown(deadline.aborted ? 'timeout' : 'error');
    }
  }

  async #ask(url: URL, domain: string, server: string, signal: AbortSignal): Promise<Availability> {
    let response: Response | undefined;
    for (let hop = 0; ; hop++) {
      response = await this.#fetch(url, {
        headers: { accept: 'application/rdap+json, application/json;q=0.9' },
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(response.status) || !location) break;
      await response.body?.cancel().catch(() => {});
      const next = new URL(location, url);
      if (hop >= RDAP_MAX_REDIRECTS || !['http:', 'https:'].includes(next.protocol)) return unknown('error');
      url = next;
    }
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {});
      return { status: 'available', premium: false };
    }
    if (response.status === 429) {
      await response.body?.cancel().catch(() => {});
      const now = this.#clock.now().getTime();
      this.#limitedUntil.set(server, now + retryAfterMs(response.headers.get('retry-after'), now));
      return unknown('rate_limited');
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      return unknown('error');
    }
    let body: unknown;
    try {
      body = JSON.parse(await readCapped(response, RDAP_MAX_BODY_BYTES));
    } catch (error) {
      if (signal.aborted) throw error;
      return unknown('error');
    }
    if (typeof body !== 'object' || body === null) return unknown('error');
    const object = body as { objectClassName?: unknown; ldhName?: unknown };
    if (object.objectClassName !== 'domain') return unknown('error');
    // A server that answers about another name is not answering our question.
    if (typeof object.ldhName === 'string' && normalizeName(object.ldhName) !== domain)
      return unknown('error');
    return { status: 'taken' };
  }
}

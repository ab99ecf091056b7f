import { Resolver } from 'node:dns/promises';
import { isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { type CustomDomain, SettingsErrorCodes } from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import { HttpError } from '../../http/problem.js';
import type { CustomDomainState } from './settings.js';

/** Said while a domain waits for its DNS record. */
export const PROPAGATION_NOTE = 'DNS changes can take 24 to 48 hours to propagate.';

/** How long one DNS question may take before the check gives up. */
export const DNS_TIMEOUT_MS = 2000;

const ASCII_HOSTNAME = /^(?=.{1,253}$)((?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?!-)[a-z0-9-]{2,63}(?<!-)$/;

function domainError(message: string): HttpError {
  return new HttpError(400, 'VALIDATION_FAILED', message, {
    errors: [{ path: 'domain', message, code: 'invalid_domain' }],
  });
}

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** The host name the portal answers on (from `PORTICO_PUBLIC_URL`), which a CNAME must point to. */
export function publicHost(config: Config): string {
  return new URL(config.publicUrl).hostname.toLowerCase();
}

/**
 * The domain in its ASCII (punycode) form, as DNS and browsers' Origin headers spell it. Throws 400 with a field
 * error on `domain` when it is not a usable host name or is the server's own.
 */
export function normalizeDomain(input: string, config: Config): string {
  const ascii = domainToASCII(bare(input.trim()));
  if (!ascii || !ASCII_HOSTNAME.test(ascii)) throw domainError('Enter a domain such as portal.example.com');
  if (ascii === publicHost(config))
    throw domainError('That is the address Portico already answers on; enter your own domain.');
  return ascii;
}

/** The records the business must create: a CNAME to the public host, and an A/AAAA when the public IP is known. */
export function dnsRecords(domain: string, config: Config): CustomDomain['records'] {
  const records: CustomDomain['records'] = [{ type: 'CNAME', name: domain, value: publicHost(config) }];
  if (config.publicIp)
    records.push({ type: isIPv6(config.publicIp) ? 'AAAA' : 'A', name: domain, value: config.publicIp });
  return records;
}

/** What the business should create, in words (for `detail`). */
function instructions(domain: string, config: Config): string {
  const host = publicHost(config);
  return config.publicIp
    ? `Create a CNAME record for ${domain} pointing to ${host} (or, at the root of a domain, an ${isIPv6(config.publicIp) ? 'AAAA' : 'A'} record pointing to ${config.publicIp}).`
    : `Create a CNAME record for ${domain} pointing to ${host}.`;
}

/** The state of a domain just set: pending, with what to do next. */
export function pendingDomain(domain: string, config: Config): CustomDomainState {
  return {
    domain,
    status: 'pending',
    detail: `${instructions(domain, config)} Then check again. ${PROPAGATION_NOTE}`,
    lastCheckedAt: null,
    verifiedAt: null,
  };
}

/** A resolver error that means "there is no such record", as opposed to "the lookup failed". */
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND']);

type Lookup<T> = { found: T[] } | { missing: 'ENODATA' | 'ENOTFOUND' };

async function lookup<T>(run: () => Promise<T[]>, domain: string): Promise<Lookup<T>> {
  try {
    return { found: await run() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (NO_RECORD.has(code)) return { missing: code as 'ENODATA' | 'ENOTFOUND' };
    throw new HttpError(
      502,
      SettingsErrorCodes.DNS_LOOKUP_FAILED,
      `Could not look up ${domain} (${code || 'resolver error'}). Nothing changed; try again in a few minutes.`,
    );
  }
}

/** What a DNS check found. */
export interface DnsCheck {
  verified: boolean;
  detail: string;
}

/**
 * Resolves the domain's CNAME, A and AAAA records (with `config.dnsServers` when set, one try of
 * {@link DNS_TIMEOUT_MS} each) and says whether it points here: a CNAME to the public host (any case, trailing dot
 * ignored) or an address equal to `config.publicIp`. Throws 502 `DNS_LOOKUP_FAILED` when a lookup could not be made
 * (timeout, refused, SERVFAIL), so a resolver outage never marks a good domain as failed.
 */
export async function checkDomainDns(domain: string, config: Config): Promise<DnsCheck> {
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
  if (config.dnsServers.length) resolver.setServers(config.dnsServers);
  const [cname, a, aaaa] = await Promise.all([
    lookup(() => resolver.resolveCname(domain), domain),
    lookup(() => resolver.resolve4(domain), domain),
    lookup(() => resolver.resolve6(domain), domain),
  ]);
  const host = publicHost(config);
  const targets = 'found' in cname ? cname.found.map(bare) : [];
  const addresses = [...('found' in a ? a.found : []), ...('found' in aaaa ? aaaa.found : [])];
  if (targets.includes(host)) {
    return { verified: true, detail: `${domain} has a CNAME record pointing to ${host}.` };
  }
  if (config.publicIp && addresses.includes(config.publicIp)) {
    return { verified: true, detail: `${domain} points to ${config.publicIp}.` };
  }
  const notFound = [cname, a, aaaa].every((r) => 'missing' in r && r.missing === 'ENOTFOUND');
  const found = [
    ...targets.map((t) => `a CNAME record pointing to ${t}`),
    ...addresses.map((ip) => `${isIPv6(ip) ? 'an AAAA' : 'an A'} record pointing to ${ip}`),
  ];
  const what = notFound
    ? `${domain} does not exist in DNS yet.`
    : found.length
      ? `${domain} has ${found.join(' and ')}, not the records Portico needs.`
      : `${domain} has no CNAME, A or AAAA records.`;
  return { verified: false, detail: `${what} ${instructions(domain, config)} ${PROPAGATION_NOTE}` };
}

import { isIP } from 'node:net';

/** Where an IP address is, as far as a sign-in list needs: a country, or the local network. */
export interface Places {
  /** ISO 3166-1 alpha-2 country, `LAN` for loopback and private addresses, or null when unknown. */
  countryOf(ip: string | undefined | null): string | null;
}

/** Loopback, private (RFC 1918, RFC 4193), link-local and CGNAT addresses: not on the internet. */
export function isLocalAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

/** The built-in lookup: local addresses only, until a country database is loaded. */
export function ipPlaces(): Places {
  return { countryOf: (ip) => (ip && isLocalAddress(ip) ? 'LAN' : null) };
}

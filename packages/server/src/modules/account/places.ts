import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type { Logger } from 'pino';

/** Where an IP address is, as far as a sign-in list needs: a country, or the local network. */
export interface Places {
  /** ISO 3166-1 alpha-2 country, `LAN` for loopback and private addresses, or null when unknown. */
  countryOf(ip: string | undefined | null): string | null;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, `::ffff:102:304`), else the input. */
function unmapped(ip: string): string {
  const lower = ip.toLowerCase();
  if (!lower.startsWith('::ffff:')) return ip;
  const rest = lower.slice(7);
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (!hex) return ip;
  const high = Number.parseInt(hex[1] as string, 16);
  const low = Number.parseInt(hex[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** An IPv4 address (plain or IPv4-mapped) as an unsigned 32-bit number, or undefined for anything else. */
export function ipv4Number(ip: string): number | undefined {
  const v4 = unmapped(ip);
  if (isIP(v4) !== 4) return undefined;
  return v4.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Loopback, private (RFC 1918, RFC 4193), link-local and CGNAT addresses: not on the internet. */
export function isLocalAddress(ip: string): boolean {
  const v4 = unmapped(ip);
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

/**
 * IPv4 ranges and their countries, in typed arrays (about 3.5 MB for DB-IP's 356,000 ranges) searched by
 * bisection.
 */
export class CountryTable {
  private constructor(
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    /** Two ASCII letters per range, packed as `first << 8 | second`. */
    private readonly codes: Uint16Array,
  ) {}

  /** Reads `start,end,CC` lines (numeric IPv4, inclusive, sorted by start), as in `dbip-country-ipv4-num.csv`. */
  static fromCsv(text: string): CountryTable {
    const lines = text.split('\n');
    const starts = new Uint32Array(lines.length);
    const ends = new Uint32Array(lines.length);
    const codes = new Uint16Array(lines.length);
    let n = 0;
    for (const line of lines) {
      const [start, end, code] = line.trim().split(',');
      if (!start || !end || !code || !/^[A-Z]{2}$/.test(code)) continue;
      starts[n] = Number(start);
      ends[n] = Number(end);
      codes[n] = (code.charCodeAt(0) << 8) | code.charCodeAt(1);
      n++;
    }
    if (!n) throw new Error('the IP country table has no ranges');
    return new CountryTable(starts.slice(0, n), ends.slice(0, n), codes.slice(0, n));
  }

  /** How many ranges it holds. */
  get size(): number {
    return this.starts.length;
  }

  /** The country of an IPv4 address given as a number, or null when no range holds it. */
  lookup(ip: number): string | null {
    let lo = 0;
    let hi = this.starts.length - 1;
    // The last range that starts at or before `ip`.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] as number) <= ip) lo = mid;
      else hi = mid - 1;
    }
    if ((this.starts[lo] as number) > ip || (this.ends[lo] as number) < ip) return null;
    const packed = this.codes[lo] as number;
    const code = String.fromCharCode(packed >> 8, packed & 255);
    // `ZZ` marks reserved or unassigned space in some databases: no country.
    return code === 'ZZ' ? null : code;
  }
}

/** Where the DB-IP country lite IPv4 table is: `@ip-location-db/dbip-country`. Throws when it is not installed. */
export function dbipCountryFile(): string {
  return createRequire(import.meta.url).resolve('@ip-location-db/dbip-country/dbip-country-ipv4-num.csv');
}

/** How {@link ipPlaces} reads its table and reports trouble. */
export interface IpPlacesOptions {
  /** Told once when the country table cannot be read. */
  logger?: Pick<Logger, 'warn'>;
  /** The `start,end,CC` CSV to read (default: the DB-IP country lite table, see {@link dbipCountryFile}). */
  file?: () => string;
}

/**
 * The built-in lookup: local addresses are `LAN`; public IPv4 addresses are found in the DB-IP country lite table
 * (CC BY 4.0, https://db-ip.com), read on the first lookup that needs it. IPv6 addresses other than IPv4-mapped
 * ones answer null: the IPv6 table is three times larger and would need 128-bit bisection for little gain, since
 * a proxy header (`PORTICO_GEO_HEADER`) answers for every address when the server sits behind a CDN. When the
 * table is missing or unreadable, this is logged once and every public address answers null.
 */
export function ipPlaces(options: IpPlacesOptions = {}): Places {
  // undefined: not read yet; null: could not be read (never retried).
  let table: CountryTable | null | undefined;
  const load = (): CountryTable | null => {
    try {
      return CountryTable.fromCsv(readFileSync((options.file ?? dbipCountryFile)(), 'utf8'));
    } catch (error) {
      options.logger?.warn(
        { err: error },
        'cannot read the IP country table (@ip-location-db/dbip-country): places by IP are unknown',
      );
      return null;
    }
  };
  return {
    countryOf(ip) {
      if (!ip) return null;
      if (isLocalAddress(ip)) return 'LAN';
      const n = ipv4Number(ip);
      if (n === undefined) return null;
      if (table === undefined) table = load();
      return table?.lookup(n) ?? null;
    },
  };
}

/**
 * The country a trusted proxy put in a request header (Cloudflare's `CF-IPCountry`, for instance): two letters,
 * upper-cased; undefined when absent or not a country (`XX` unknown, `T1` Tor).
 */
export function countryFromHeader(value: string | undefined): string | undefined {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) && code !== 'XX' ? code : undefined;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** A stored country as people read it: `ES` → `Spain`, `LAN` → `Local network`; null when unknown. */
export function placeName(country: string | null | undefined): string | null {
  if (!country) return null;
  if (country === 'LAN') return 'Local network';
  try {
    return regionNames.of(country) ?? null;
  } catch {
    return null;
  }
}

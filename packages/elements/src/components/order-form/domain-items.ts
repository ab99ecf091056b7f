// Domains on their way from `<domain-search>` to `<portal-order-form>`: the `domain` URL parameters and the
// same-origin cart in `sessionStorage` that carries the transfer codes (never put in a URL).
import { type DomainOrderItemInput, parseDomainName, type Tld } from '@portico/sdk';

/**
 * The `sessionStorage` key under which `<domain-search>` leaves its cart (with transfer codes) for an order page
 * on the same origin: `{ "items": DomainOrderItemInput[], "savedAt": "<ISO time>" }`. The order form takes the
 * transfer codes of the domains its `domain` URL parameters name from it; it never adds domains on its own.
 */
export const DOMAIN_CART_KEY = 'portico:domain-cart';

/** An EPP (transfer) code is at most this long (the contract's limit). */
export const EPP_CODE_MAX = 64;

/** The TLD of `domain` (ASCII) among `tlds`: the longest ending that matches (`co.uk` before `uk`). */
export const tldOf = (tlds: readonly Tld[], domain: string): Tld | undefined =>
  tlds.filter((t) => domain.endsWith(`.${t.tld}`)).sort((a, b) => b.tld.length - a.tld.length)[0];

/** At most this many domains in one order (the contract's limit). */
const MAX_DOMAINS = 20;

/** How long a cart left for the order page is trusted (an abandoned one must not fill a later order). */
const CART_TTL_MS = 60 * 60 * 1000;

/** A domain item as it travels in a URL: `register:example.com:1` (action, ASCII name, years). */
export const domainParam = (item: DomainOrderItemInput): string =>
  `${item.action}:${item.domain}:${item.years ?? 1}`;

/**
 * The domain items of `domain` URL parameter values: `register:example.com:2`, `transfer:example.net` (1 year);
 * names are checked as a registry would and made ASCII, bad values are dropped, each domain counts once.
 */
export function parseDomainParams(values: readonly string[]): DomainOrderItemInput[] {
  const items: DomainOrderItemInput[] = [];
  for (const value of values) {
    const [action, name = '', yearsText = '1', ...rest] = value.split(':');
    if ((action !== 'register' && action !== 'transfer') || rest.length) continue;
    const years = Number(yearsText);
    if (!/^\d{1,2}$/.test(yearsText) || years < 1 || years > 10) continue;
    const parsed = parseDomainName(name);
    if (!parsed.ok || items.some((i) => i.domain === parsed.ascii)) continue;
    items.push({ domain: parsed.ascii, action, years });
    if (items.length === MAX_DOMAINS) break;
  }
  return items;
}

/**
 * `href` (resolved against the page) with a `domain` parameter per item (replacing any it had), before any
 * `#fragment`. The colons stay readable: `?domain=register:example.com:1`.
 */
export function withDomainParams(href: string, items: readonly DomainOrderItemInput[]): string {
  const url = new URL(href, location.href);
  url.searchParams.delete('domain');
  const params = items.map((item) => `domain=${encodeURIComponent(domainParam(item)).replace(/%3A/g, ':')}`);
  const search = [url.search.slice(1), ...params].filter(Boolean).join('&');
  return `${url.origin}${url.pathname}${search ? `?${search}` : ''}${url.hash}`;
}

/** Leaves the cart, transfer codes included, for an order page on this origin. */
export function stashDomainCart(items: readonly DomainOrderItemInput[]): void {
  try {
    sessionStorage.setItem(DOMAIN_CART_KEY, JSON.stringify({ items, savedAt: new Date().toISOString() }));
  } catch {
    // Storage is off (private mode, a sandboxed frame): the order form then asks for the codes.
  }
}

/** The transfer codes of the cart `<domain-search>` left, by ASCII domain; empty when there is none (or it is stale). */
export function stashedEppCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  try {
    const stored = JSON.parse(sessionStorage.getItem(DOMAIN_CART_KEY) ?? 'null') as {
      items?: unknown;
      savedAt?: unknown;
    } | null;
    const age = Date.now() - Date.parse(String(stored?.savedAt));
    if (!stored || !Array.isArray(stored.items) || !(age >= 0 && age < CART_TTL_MS)) return codes;
    for (const item of stored.items as Partial<DomainOrderItemInput>[]) {
      if (
        item?.action === 'transfer' &&
        typeof item.domain === 'string' &&
        typeof item.eppCode === 'string'
      ) {
        const parsed = parseDomainName(item.domain);
        if (parsed.ok) codes.set(parsed.ascii, item.eppCode.slice(0, EPP_CODE_MAX));
      }
    }
  } catch {
    // Unreadable or off: no codes.
  }
  return codes;
}

/** Forgets the cart once its order is placed. */
export function clearDomainCart(): void {
  try {
    sessionStorage.removeItem(DOMAIN_CART_KEY);
  } catch {
    // Storage is off: there is nothing to forget.
  }
}

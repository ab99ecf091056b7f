import { parseDomainName, parseDomainQuery } from '@portico/sdk/contract';

/** Words put before a name (`getacme`, `my-acme`). */
const PREFIXES = ['get', 'my', 'the', 'go', 'try'] as const;
/** Words put after it (`acmehq`, `acme-online`). */
const SUFFIXES = ['hq', 'online', 'app', 'hub', 'now', 'web'] as const;

export const DEFAULT_SUGGESTIONS = 8;

/**
 * The words a visitor typed, in the forms a name can take: `Acme Web Design` → `acme`, `web`, `design`; a whole
 * domain (`acme.com`, `https://www.acme.com/x`) gives its name; IDN words stay Unicode here (ASCII comes later).
 */
function wordsOf(query: string, tlds: readonly string[]): string[] {
  const whole = parseDomainQuery(query, tlds);
  // A domain under an ending not sold here (`acme.zzz`, `shop.acme.com`) still gives its first name.
  const text = whole.ok
    ? whole.unicodeLabel
    : /\s/.test(query.trim())
      ? query
      : (query
          .trim()
          .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
          .replace(/^www\./i, '')
          .split(/[./?#]/)[0] ?? '');
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 6);
}

/** Variations on a name, best first: hyphenated words, then common suffixes and prefixes, then each word. */
function variationsOf(words: readonly string[]): string[] {
  if (!words.length) return [];
  const joined = words.join('');
  const labels = words.length > 1 ? [words.join('-')] : [];
  for (const suffix of SUFFIXES) labels.push(`${joined}${suffix}`);
  for (const prefix of PREFIXES) labels.push(`${prefix}${joined}`);
  for (const suffix of SUFFIXES) labels.push(`${joined}-${suffix}`);
  for (const prefix of PREFIXES) labels.push(`${prefix}-${joined}`);
  if (words.length > 1) labels.push(...words);
  return labels;
}

/** Variations are tried under this many of the business's first TLDs before the rest. */
const LEADING_TLDS = 3;

/**
 * Alternatives to what a visitor typed, across the business's TLDs in their order: deterministic (the same query
 * gives the same list), each a valid domain, never the exact name asked for, at most `limit`. Nothing is checked
 * at a registrar: the widget checks each one it shows.
 */
export function suggestDomains(
  query: string,
  tlds: readonly string[],
  limit = DEFAULT_SUGGESTIONS,
): { domain: string; unicode: string }[] {
  const asked = parseDomainQuery(query, tlds);
  const exact = asked.ok && asked.tld ? `${asked.label}.${asked.tld}` : null;
  // A whole domain typed: its own TLD first.
  const order = asked.ok && asked.tld ? [asked.tld, ...tlds.filter((t) => t !== asked.tld)] : [...tlds];
  const seen = new Set<string>();
  const out: { domain: string; unicode: string }[] = [];
  const add = (label: string, tld: string) => {
    if (out.length >= limit) return;
    const parsed = parseDomainName(`${label}.${tld}`);
    if (!parsed.ok || parsed.ascii === exact || seen.has(parsed.ascii)) return;
    seen.add(parsed.ascii);
    out.push({ domain: parsed.ascii, unicode: parsed.unicode });
  };
  const words = wordsOf(query, tlds);
  const joined = words.join('');
  // The name as typed under each TLD is what the widget checks already, unless a whole domain or several words
  // were typed: then the joined name under the other TLDs comes first.
  if (joined && (exact || words.length > 1)) for (const tld of order) add(joined, tld);
  const variations = variationsOf(words);
  const leading = order.slice(0, LEADING_TLDS);
  for (const label of variations) for (const tld of leading) add(label, tld);
  for (const label of variations) for (const tld of order.slice(LEADING_TLDS)) add(label, tld);
  return out;
}

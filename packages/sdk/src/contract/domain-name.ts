/**
 * Domain names as a registry reads them: labels of letters, digits and hyphens, 1–63 characters each, at most 253
 * in all, no hyphen at either end of a label, no `--` in the 3rd and 4th places except an `xn--` label that is
 * valid punycode; internationalized names (IDN) become their `xn--` form through punycode (RFC 3492), so
 * `bücher.example` is `xn--bcher-kva.example`. The server, the SDK and the elements share these rules, so a name the
 * widget accepts is one the API accepts, and bad input is refused before any request.
 *
 * The Unicode side follows the parts of UTS #46 a person meets: full-width forms and ideographic dots are folded
 * (NFKC), letters are lower-cased, and a label is letters (any script), combining marks (not first), digits and hyphens.
 * Per-registry script tables and the bidi rule are the registrar's to enforce.
 */

/** Why a name is not a valid domain. Elements translate these; `message` is the English text the API sends. */
export type DomainNameProblem =
  | 'empty'
  | 'bad_character'
  | 'space'
  | 'empty_label'
  | 'label_too_long'
  | 'too_long'
  | 'hyphen_edge'
  | 'reserved_hyphens'
  | 'bad_punycode'
  | 'leading_mark'
  | 'numeric_tld'
  | 'missing_tld'
  | 'subdomain'
  | 'unknown_tld';

export type DomainNameResult =
  | {
      ok: true;
      /** The ASCII (punycode) form, lower case, no trailing dot: what registries and the API use. */
      ascii: string;
      /** The same name as people read it (`xn--` labels decoded). */
      unicode: string;
      /** The ASCII labels. */
      labels: string[];
    }
  | Failure;

const MESSAGES: Record<DomainNameProblem, string> = {
  empty: 'Enter a domain name',
  bad_character: 'A domain may only use letters, digits and hyphens',
  space: 'A domain cannot contain spaces',
  empty_label: 'A domain cannot start with a dot or have two dots in a row',
  label_too_long: 'Each part of a domain is at most 63 characters',
  too_long: 'A domain is at most 253 characters',
  hyphen_edge: 'A part of a domain cannot start or end with a hyphen',
  reserved_hyphens: 'A domain cannot have hyphens in both the 3rd and 4th places',
  bad_punycode: 'This xn-- name is not valid punycode',
  leading_mark: 'A part of a domain cannot start with a combining mark',
  numeric_tld: 'A domain cannot end in a number',
  missing_tld: 'Enter the whole domain, such as example.com',
  subdomain: 'Enter the domain without a subdomain, such as example.com',
  unknown_tld: 'We do not offer this ending',
};

type Failure = { ok: false; problem: DomainNameProblem; message: string };

const fail = (problem: DomainNameProblem, message = MESSAGES[problem]): Failure => ({
  ok: false,
  problem,
  message,
});

/** The English message for a problem (the API's; elements use their own locale's). */
export function domainProblemMessage(problem: DomainNameProblem): string {
  return MESSAGES[problem];
}

// ─── Punycode (RFC 3492) ────────────────────────────────────────────────────────────────────────────────────

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
/** No label is longer than 63 characters, so no number in these loops gets near this. */
const LIMIT = 0x7fffffff;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

const threshold = (k: number, bias: number): number =>
  k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;

/** 0–25 are a–z, 26–35 are 0–9. */
const toDigit = (d: number): string => String.fromCharCode(d < 26 ? 97 + d : 22 + d);

function fromDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 22;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return BASE;
}

/** Encodes a label's code points as punycode (without the `xn--` prefix). */
export function punycodeEncode(label: string): string {
  const points = Array.from(label, (c) => c.codePointAt(0) as number);
  let output = points
    .filter((c) => c < 0x80)
    .map((c) => String.fromCharCode(c))
    .join('');
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < points.length) {
    let m = LIMIT;
    for (const c of points) if (c >= n && c < m) m = c;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of points) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += toDigit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += toDigit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

/** Decodes punycode (without the `xn--` prefix); null when it is not valid. */
export function punycodeDecode(input: string): string | null {
  const output: number[] = [];
  const delimiter = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(delimiter, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = delimiter > 0 ? delimiter + 1 : 0; index < input.length; ) {
    const before = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const digit = fromDigit(input.charCodeAt(index++));
      if (digit >= BASE) return null;
      i += digit * w;
      if (i > LIMIT) return null;
      const t = threshold(k, bias);
      if (digit < t) break;
      w *= BASE - t;
      if (w > LIMIT) return null;
    }
    const length = output.length + 1;
    bias = adapt(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

// ─── Names ──────────────────────────────────────────────────────────────────────────────────────────────────

const ASCII_LABEL = /^[a-z0-9-]+$/;
const UNICODE_LABEL = /^[\p{L}\p{M}\p{Nd}-]+$/u;
const DOTS = /[\u3002\uff0e\uff61]/g;

type LabelResult = { ok: true; ascii: string; unicode: string } | { ok: false; problem: DomainNameProblem };

function checkLabel(label: string): LabelResult {
  if (label === '') return { ok: false, problem: 'empty_label' };
  let ascii: string;
  let unicode: string;
  if (ASCII_LABEL.test(label)) {
    ascii = label;
    unicode = label;
    if (label.startsWith('xn--')) {
      const decoded = punycodeDecode(label.slice(4));
      // A valid A-label decodes to something outside ASCII that encodes back to the very same label.
      if (
        decoded === null ||
        decoded === '' ||
        !/[^\p{ASCII}]/u.test(decoded) ||
        decoded.normalize('NFC').toLowerCase() !== decoded ||
        `xn--${punycodeEncode(decoded)}` !== label ||
        !UNICODE_LABEL.test(decoded)
      ) {
        return { ok: false, problem: 'bad_punycode' };
      }
      if (/^\p{M}/u.test(decoded)) return { ok: false, problem: 'leading_mark' };
      unicode = decoded;
    } else if (label.slice(2, 4) === '--') {
      return { ok: false, problem: 'reserved_hyphens' };
    }
  } else {
    if (/\s/u.test(label)) return { ok: false, problem: 'space' };
    if (!UNICODE_LABEL.test(label)) return { ok: false, problem: 'bad_character' };
    if (/^\p{M}/u.test(label)) return { ok: false, problem: 'leading_mark' };
    if (label.slice(2, 4) === '--') return { ok: false, problem: 'reserved_hyphens' };
    unicode = label;
    ascii = `xn--${punycodeEncode(label)}`;
  }
  if (label.startsWith('-') || label.endsWith('-')) return { ok: false, problem: 'hyphen_edge' };
  if (ascii.length > 63) return { ok: false, problem: 'label_too_long' };
  return { ok: true, ascii, unicode };
}

/** Compatibility forms folded (NFKC: full-width letters, ligatures), lower case, ideographic dots as dots, no
 * surrounding space, no trailing dot. */
function normalize(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(DOTS, '.').trim().replace(/\.$/, '');
}

/**
 * Checks a whole domain name (`example.com`, `bücher.example`, `xn--bcher-kva.example`): at least two labels by
 * default. With `{ labels: 1 }` a single label is enough (what a search box takes before a TLD is chosen).
 */
export function parseDomainName(input: string, options: { minLabels?: 1 | 2 } = {}): DomainNameResult {
  const name = normalize(input);
  if (name === '') return fail('empty');
  const asciiLabels: string[] = [];
  const unicodeLabels: string[] = [];
  for (const label of name.split('.')) {
    const result = checkLabel(label);
    if (!result.ok) return fail(result.problem);
    asciiLabels.push(result.ascii);
    unicodeLabels.push(result.unicode);
  }
  const ascii = asciiLabels.join('.');
  if (ascii.length > 253) return fail('too_long');
  if (asciiLabels.length < (options.minLabels ?? 2)) return fail('missing_tld');
  if (asciiLabels.length > 1 && /^\d+$/.test(asciiLabels.at(-1) as string)) return fail('numeric_tld');
  return { ok: true, ascii, unicode: unicodeLabels.join('.'), labels: asciiLabels };
}

/** The TLD (of `tlds`, longest match wins: `co.uk` before `uk`) a name ends in, or null. */
export function tldOf(ascii: string, tlds: Iterable<string>): string | null {
  let best: string | null = null;
  for (const tld of tlds) {
    if (ascii.endsWith(`.${tld}`) && (best === null || tld.length > best.length)) best = tld;
  }
  return best;
}

/** What a search box asked for: a name to try with every TLD, or one whole domain. */
export type DomainQueryResult =
  | {
      ok: true;
      /** The label to register, ASCII (`xn--bcher-kva`). */
      label: string;
      /** The label as people read it (`bücher`). */
      unicodeLabel: string;
      /** The TLD typed (one of `tlds`), or null when only a name was typed. */
      tld: string | null;
    }
  | Failure;

/**
 * Reads what a visitor typed into a domain search: `bücher`, `bücher.example`, `www.example.com` or a pasted
 * `https://example.com/page` (scheme, path and a leading `www.` are dropped). A name with a TLD must end in one
 * of `tlds` (the business's) and be one label under it.
 */
export function parseDomainQuery(input: string, tlds: readonly string[]): DomainQueryResult {
  const stripped = normalize(input)
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '');
  const parsed = parseDomainName(stripped, { minLabels: 1 });
  if (!parsed.ok) return fail(parsed.problem, parsed.message);
  if (parsed.labels.length === 1) {
    return { ok: true, label: parsed.ascii, unicodeLabel: parsed.unicode, tld: null };
  }
  const tld = tldOf(parsed.ascii, tlds);
  if (tld === null) {
    return fail('unknown_tld', `We do not offer .${parsed.unicode.split('.').at(-1)} domains`);
  }
  const rest = parsed.labels.slice(0, parsed.labels.length - tld.split('.').length);
  if (rest.length !== 1) return fail('subdomain');
  const unicodeLabels = parsed.unicode.split('.');
  return { ok: true, label: rest[0] as string, unicodeLabel: unicodeLabels[0] as string, tld };
}

/** The Unicode form of an ASCII domain (for display); the input itself when a label does not decode. */
export function domainToUnicode(ascii: string): string {
  return ascii
    .split('.')
    .map((label) => (label.startsWith('xn--') ? (punycodeDecode(label.slice(4)) ?? label) : label))
    .join('.');
}

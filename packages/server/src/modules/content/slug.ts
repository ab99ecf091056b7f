/** The longest slug (the contract's SlugSchema); generated ones leave room for a `-NN` suffix. */
const MAX_SLUG = 80;

/**
 * A slug made from a name: accents folded to ASCII (`Café` → `cafe`), lower case, every other run of characters a
 * single hyphen, cut at a hyphen near 72 characters. A name with no ASCII letter or digit at all gets `fallback`.
 *
 * @example slugify('Domains & DNS', 'category') // 'domains-dns'
 */
export function slugify(name: string, fallback: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[đĐ]/g, 'd')
    .replace(/[łŁ]/g, 'l')
    .replace(/[þÞ]/g, 'th')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!folded) return fallback;
  if (folded.length <= MAX_SLUG - 8) return folded;
  const cut = folded.slice(0, MAX_SLUG - 8);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 40 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

/**
 * The first of `base`, `base-2`, `base-3`, … not in `taken` (the slugs that start with `base`).
 *
 * @example uniqueSlug('email', ['email', 'email-2']) // 'email-3'
 */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

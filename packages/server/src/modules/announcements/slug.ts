/**
 * A URL-safe name made from a title, as the contract's `SlugSchema` takes it: lower-case ASCII letters and digits
 * with single hyphens, accents folded (`Café déjà vu` → `cafe-deja-vu`), at most `max` characters.
 */
export function slugify(title: string, max = 80): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/, '') || 'announcement'
  );
}

/** `base`, else `base-2`, `base-3` … : the first candidate `taken` does not hold, kept within `max` characters. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>, max = 80): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

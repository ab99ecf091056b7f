import { en, type MessageKey, type Messages } from './locales/en.js';
import { es } from './locales/es.js';

export type { MessageKey, Messages };

const catalogs = new Map<string, Messages>([
  ['en', en],
  ['es', es],
]);

/**
 * Adds (or replaces) a message catalog, e.g. `registerLocale('fr', fr)`. Missing keys fall back to English.
 *
 * @example
 * ```ts
 * import { registerLocale } from '@portico/elements';
 * registerLocale('pt', { ...ptMessages });
 * ```
 */
export function registerLocale(tag: string, messages: Partial<Messages>): void {
  catalogs.set(tag.toLowerCase(), { ...en, ...messages });
}

/**
 * The language whose catalog answers for a BCP 47 tag: the whole tag (`es-mx`), then its language (`es`), then
 * English.
 */
export function catalogLanguage(tag: string | null | undefined): string {
  const lower = (tag ?? '').toLowerCase();
  const language = lower.split('-')[0] ?? '';
  return catalogs.has(lower) ? lower : catalogs.has(language) ? language : 'en';
}

/** The catalog for a BCP 47 tag (see {@link catalogLanguage}). */
export function catalogFor(tag: string | null | undefined): Messages {
  return catalogs.get(catalogLanguage(tag)) ?? en;
}

/** Looks up `key` in the catalog for `tag` and fills its `{name}` parameters. */
export function translate(
  tag: string | null | undefined,
  key: MessageKey,
  params?: Record<string, unknown>,
): string {
  const message = catalogFor(tag)[key];
  return params
    ? message.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match))
    : message;
}

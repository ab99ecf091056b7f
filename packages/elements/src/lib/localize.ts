import { common as enCommon, type MessageKey, type Messages } from './locales/en.js';
import { common as esCommon } from './locales/es.js';

export type { MessageKey, Messages };

const catalogs = new Map<string, Partial<Messages>>();

/**
 * Adds messages to a language's catalog without replacing those it has: each element adds its own part (see
 * `locales/en.ts`) when its module loads, so a page carries only the text of the elements it uses, and messages a
 * page registered first keep winning.
 */
export function addMessages(tag: string, ...parts: Partial<Messages>[]): void {
  catalogs.set(tag, Object.assign({}, ...parts, catalogs.get(tag)));
}

addMessages('en', enCommon);
addMessages('es', esCommon);

/**
 * Adds a message catalog or changes messages of one, e.g. `registerLocale('fr', fr)`. Missing keys fall back to
 * the built-in messages of that language, then to English.
 *
 * @example
 * ```ts
 * import { registerLocale } from '@portico/elements';
 * registerLocale('pt', { ...ptMessages });
 * ```
 */
export function registerLocale(tag: string, messages: Partial<Messages>): void {
  const lower = tag.toLowerCase();
  catalogs.set(lower, { ...catalogs.get(lower), ...messages });
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

/** The catalog for a BCP 47 tag (see {@link catalogLanguage}), with the messages of the elements loaded so far. */
export function catalogFor(tag: string | null | undefined): Messages {
  return { ...catalogs.get('en'), ...catalogs.get(catalogLanguage(tag)) } as Messages;
}

/** Looks up `key` in the catalog for `tag` and fills its `{name}` parameters. */
export function translate(
  tag: string | null | undefined,
  key: MessageKey,
  params?: Record<string, unknown>,
): string {
  const message = catalogs.get(catalogLanguage(tag))?.[key] ?? catalogs.get('en')?.[key] ?? key;
  return params
    ? message.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match))
    : message;
}

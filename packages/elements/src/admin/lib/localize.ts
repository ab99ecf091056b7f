import { type MessageKey, translate } from '../../lib/localize.js';
import type { AdminMessages } from './locales/en.js';

export type { AdminMessages };
/** A key of the admin catalogs, or of the shared catalog (loading, network errors, ...). */
export type AdminMessageKey = keyof AdminMessages | MessageKey;
/** Translates a message key (bound to an element's language). */
export type AdminTranslate = (key: AdminMessageKey, params?: Record<string, unknown>) => string;

// Separate from the client elements' catalogs, so the client bundles never carry the console's text.
const catalogs = new Map<string, Partial<AdminMessages>>();

/** Adds messages to a language's admin catalog without replacing those it has (see `addMessages`). */
export function addAdminMessages(tag: string, ...parts: Partial<AdminMessages>[]): void {
  catalogs.set(tag, Object.assign({}, ...parts, catalogs.get(tag)));
}

/**
 * Adds an admin catalog or changes messages of one, e.g. `registerAdminLocale('fr', fr)`. Missing keys fall back
 * to the built-in messages of that language, then to English.
 *
 * @example
 * ```ts
 * import { registerAdminLocale } from '@portico/elements/admin';
 * registerAdminLocale('pt', { navClients: 'Clientes' });
 * ```
 */
export function registerAdminLocale(tag: string, messages: Partial<AdminMessages>): void {
  const lower = tag.toLowerCase();
  catalogs.set(lower, { ...catalogs.get(lower), ...messages });
}

/** The language whose admin catalog answers for a BCP 47 tag: the whole tag, then its language, then English. */
export function adminLanguage(tag: string | null | undefined): string {
  const lower = (tag ?? '').toLowerCase();
  const language = lower.split('-')[0] ?? '';
  return catalogs.has(lower) ? lower : catalogs.has(language) ? language : 'en';
}

/** Looks up `key` in the admin catalog for `tag` (else the shared one) and fills its `{name}` parameters. */
export function translateAdmin(
  tag: string | null | undefined,
  key: AdminMessageKey,
  params?: Record<string, unknown>,
): string {
  const language = adminLanguage(tag);
  const own = key as keyof AdminMessages;
  const message = catalogs.get(language)?.[own] ?? catalogs.get('en')?.[own];
  if (message === undefined) return translate(language, key as MessageKey, params);
  return params
    ? message.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match))
    : message;
}

import type { AnnouncementMailing } from '@portico/sdk/contract';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { escapeHtml } from '../../http/html.js';
import type { Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import type { MailHeaders, Outbox } from '../mail/outbox.js';
import { type Locale, pickLocale, type RenderedMail } from '../mail/templates.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { AnnouncementErrors } from './errors.js';
import { type AnnouncementRow, AnnouncementsStore } from './store.js';
import { UnsubscribeTokens } from './unsubscribe.js';

/** People queued per transaction: each batch is one short write, so a large mailing never holds the database. */
export const MAILING_BATCH = 500;
/** Unsubscribe attempts per IP (the API route and the one-click POST together). */
export const UNSUBSCRIBE_LIMIT: Limit = { max: 30, windowSeconds: 900 };

export interface MailingDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  rate: RateLimiter;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  audit: AuditLog;
  logger: Logger;
}

/** What one announcement mail needs, besides who it goes to. */
export interface AnnouncementMailInput {
  announcement: Pick<AnnouncementRow, 'title' | 'html' | 'text' | 'published_at'>;
  businessName: string;
  /** The announcement on the portal. */
  link: string;
  /** The unsubscribe page with this person's token. */
  unsubscribeUrl: string;
}

const WORDS: Record<
  Locale,
  { read: string; footer: (business: string) => string; unsubscribe: string; published: string }
> = {
  en: {
    read: 'Read it on the portal',
    footer: (b) => `You receive announcements from ${b} because you own an account on its client portal.`,
    unsubscribe: 'Unsubscribe from announcements',
    published: 'Published',
  },
  es: {
    read: 'Leerlo en el portal',
    footer: (b) => `Recibes los anuncios de ${b} porque eres titular de una cuenta en su portal de clientes.`,
    unsubscribe: 'Darse de baja de los anuncios',
    published: 'Publicado',
  },
};

/** Links and images in the announcement's HTML made absolute: a path means nothing inside a mail. */
export function absoluteLinks(html: string, base: string): string {
  return html.replace(/ (href|src)="\/(?!\/)/g, ` $1="${escapeHtml(base)}/`);
}

/** One announcement mail, in HTML and text, in `locale`. The announcement's HTML is already sanitized. */
export function announcementMail(
  input: AnnouncementMailInput,
  locale: Locale,
  portalUrl: string,
): RenderedMail {
  const w = WORDS[locale];
  const { announcement: a, businessName, link, unsubscribeUrl } = input;
  const date = a.published_at
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(a.published_at))
    : '';
  const text = [
    a.title,
    '='.repeat(Math.min(a.title.length, 72)),
    `${w.published}: ${date}`,
    '',
    a.text,
    '',
    `${w.read}: ${link}`,
    '',
    '--',
    w.footer(businessName),
    `${w.unsubscribe}: ${unsubscribeUrl}`,
  ].join('\n');
  const html = `<!doctype html>
<html lang="${locale}"><body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p style="font-weight:600;font-size:18px;margin:0 0 16px">${escapeHtml(businessName)}</p>
<h1 style="font-size:22px;line-height:1.3;margin:0 0 4px">${escapeHtml(a.title)}</h1>
<p style="margin:0 0 16px;color:#59636e;font-size:13px">${escapeHtml(w.published)}: ${escapeHtml(date)}</p>
<div style="line-height:1.5">${absoluteLinks(a.html, portalUrl)}</div>
<p style="margin:20px 0"><a href="${escapeHtml(link)}" style="display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px">${escapeHtml(w.read)}</a></p>
<p style="margin:16px 0 0;color:#59636e;font-size:13px;line-height:1.5">${escapeHtml(w.footer(businessName))} <a href="${escapeHtml(unsubscribeUrl)}" style="color:#59636e">${escapeHtml(w.unsubscribe)}</a></p>
</td></tr></table></body></html>`;
  return { subject: a.title, text, html };
}

/**
 * Mails announcements to clients (once each) and takes people off the list (the link in every mail). The mailing
 * is claimed first (so a second call is 409 CONFLICT and parallel calls mail once), then queued in batches of
 * `MAILING_BATCH`, each batch one transaction with its count, so the count is always what was queued.
 */
export class AnnouncementMailer {
  readonly #d: MailingDeps;
  readonly #tokens: UnsubscribeTokens;

  constructor(deps: MailingDeps) {
    this.#d = deps;
    this.#tokens = new UnsubscribeTokens(deps.config.secret);
  }

  get tokens(): UnsubscribeTokens {
    return this.#tokens;
  }

  #portalUrl(): string {
    return this.#d.settings.portalUrl(this.#d.config.publicUrl);
  }

  /** Where an announcement is read on the portal. */
  link(slug: string): string {
    return `${this.#portalUrl()}/announcements#announcement/${encodeURIComponent(slug)}`;
  }

  /** The unsubscribe page (a button there spends the token). */
  unsubscribeUrl(token: string): string {
    return `${this.#portalUrl()}/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  /**
   * RFC 2369 and RFC 8058 headers: mail clients offer "Unsubscribe" and POST `List-Unsubscribe=One-Click` to the
   * URL, which the server itself answers (`POST /unsubscribe`, not the business's page, which may not take POSTs).
   */
  headers(token: string): MailHeaders {
    const server = this.#d.settings.hostedUrl(this.#d.config.publicUrl).replace(/\/+$/, '');
    return {
      'List-Unsubscribe': `<${server}/unsubscribe?token=${encodeURIComponent(token)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  /** Queues the announcement to every account owner who takes announcement mails, once ever. */
  async mail(id: string, change: StaffChange): Promise<AnnouncementMailing> {
    const now = this.#d.clock.now();
    const at = now.toISOString();
    const announcement = await this.#d.db.transaction().execute(async (trx) => {
      const store = new AnnouncementsStore(trx);
      const row = await store.find(id);
      if (!row) throw AnnouncementErrors.notFound();
      if (row.emailed_at) throw AnnouncementErrors.alreadyMailed(row.emailed_at);
      if (!row.published_at || row.published_at > at) throw AnnouncementErrors.notPublished();
      if (!(await store.claimMailing(id, at))) throw AnnouncementErrors.alreadyMailed(at);
      await store.insertAudit(
        this.#d.audit.row(
          staffRecord(change, {
            action: 'announcement.mailed',
            target: { type: 'announcement', id },
            details: { slug: row.slug },
          }),
        ),
      );
      return row;
    });

    const base: Omit<AnnouncementMailInput, 'unsubscribeUrl'> = {
      announcement,
      businessName: this.#d.settings.current.businessName,
      link: this.link(announcement.slug),
    };
    const portalUrl = this.#portalUrl();
    const reader = new AnnouncementsStore(this.#d.db);
    let after = '';
    let recipients = 0;
    for (;;) {
      const people = await reader.recipients(after, MAILING_BATCH);
      if (!people.length) break;
      // Rendered before the transaction opens: the batch's write is only inserts.
      const mails = people.map((person) => {
        const token = this.#tokens.make(person.id, now);
        const mail = announcementMail(
          { ...base, unsubscribeUrl: this.unsubscribeUrl(token) },
          pickLocale(person.locale),
          portalUrl,
        );
        return { to: person.email, mail, headers: this.headers(token) };
      });
      await this.#d.db.transaction().execute(async (trx) => {
        const outbox = this.#d.outbox.within(trx);
        for (const { to, mail, headers } of mails)
          await outbox.enqueue(to, 'announcement', mail, { headers });
        await new AnnouncementsStore(trx).countMailed(id, mails.length);
      });
      recipients += mails.length;
      after = people.at(-1)!.id;
      if (people.length < MAILING_BATCH) break;
    }
    this.#d.logger.info({ announcementId: id, recipients }, 'announcement mailed');
    return { recipients, emailedAt: at };
  }

  /**
   * Turns announcement mails off for the person a token names. Idempotent: a second click answers the same.
   * Forged, damaged, expired and unknown-person tokens are one 400 LINK_INVALID. Rate-limited per IP.
   */
  async unsubscribe(token: string, origin: AuditOrigin): Promise<void> {
    await this.#d.rate.hit(`unsubscribe:ip:${origin.ip ?? 'unknown'}`, UNSUBSCRIBE_LIMIT);
    const now = this.#d.clock.now();
    const userId = this.#tokens.read(token, now);
    if (!userId) throw AnnouncementErrors.linkInvalid();
    const found = await this.#d.db.transaction().execute(async (trx) => {
      const store = new AnnouncementsStore(trx);
      const result = await store.unsubscribe(userId, now.toISOString());
      if (result.changed) {
        await store.insertAudit(
          this.#d.audit.row({
            actor: { type: 'user', id: userId },
            action: 'announcement.unsubscribed',
            target: { type: 'user', id: userId },
            origin,
          }),
        );
      }
      return result.found;
    });
    if (!found) throw AnnouncementErrors.linkInvalid();
  }
}

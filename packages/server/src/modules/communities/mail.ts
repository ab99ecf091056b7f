import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Outbox } from '../mail/outbox.js';
import type { Recipient } from '../mail/recipients.js';
import { type Brand, layoutMail, type Locale, type MailParts } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';

/**
 * Mails of communities: members hear of replies to posts they wrote or commented on (unless they turned it off in
 * the group), and staff hear of requests to join a group.
 */
export type CommunityMail =
  /** To a member: someone replied on a post they wrote or commented on. `text` is a short plain-text excerpt. */
  | { name: 'community-reply'; by: string; postTitle: string; groupName: string; text: string }
  /** To admin and support staff: someone asked to join an on-request group. */
  | { name: 'community-join-request'; who: string; accountName: string; groupName: string };

/** What each communities mail says, in English and Spanish. `link` opens the post (portal) or the console. */
export function communityMailParts(
  mail: CommunityMail,
  brand: Brand,
  locale: Locale,
  link: string,
): MailParts {
  const en = locale === 'en';
  switch (mail.name) {
    case 'community-reply':
      return {
        subject: en
          ? `${mail.by} replied to “${mail.postTitle}”`
          : `${mail.by} ha respondido a «${mail.postTitle}»`,
        lines: [
          en
            ? `${mail.by} replied to “${mail.postTitle}” in ${mail.groupName}:`
            : `${mail.by} ha respondido a «${mail.postTitle}» en ${mail.groupName}:`,
          `“${mail.text}”`,
        ],
        button: { label: en ? 'Read the reply' : 'Leer la respuesta', url: link },
        footer: en
          ? `You get this email because you wrote or commented on this post. To stop these emails, turn off reply notifications in the group ${mail.groupName}. You received it from ${brand.businessName}'s client portal (${brand.portalUrl}).`
          : `Recibes este correo porque escribiste o comentaste esta publicación. Para dejar de recibirlos, desactiva los avisos de respuestas en el grupo ${mail.groupName}. Te lo envía el portal de clientes de ${brand.businessName} (${brand.portalUrl}).`,
      };
    case 'community-join-request':
      return {
        subject: en
          ? `Request to join ${mail.groupName}: ${mail.who}`
          : `Solicitud para unirse a ${mail.groupName}: ${mail.who}`,
        lines: [
          en
            ? `${mail.who} (${mail.accountName}) asked to join the group ${mail.groupName}.`
            : `${mail.who} (${mail.accountName}) ha pedido unirse al grupo ${mail.groupName}.`,
          en
            ? 'Approve or decline the request in the console.'
            : 'Aprueba o rechaza la solicitud en la consola.',
        ],
        button: { label: en ? 'Open in the console' : 'Abrir en la consola', url: link },
        footer: en
          ? `You received this email as staff of ${brand.businessName}.`
          : `Has recibido este correo como personal de ${brand.businessName}.`,
      };
  }
}

export interface CommunityMailerDeps {
  db: Db;
  outbox: Outbox;
  settings: Settings;
  config: Config;
}

/**
 * Queues communities mails, each in its reader's language. Give it a transaction's database and outbox (`within`)
 * so a mail commits with what caused it.
 */
export class CommunityMailer {
  constructor(private readonly deps: CommunityMailerDeps) {}

  within(trx: Db): CommunityMailer {
    return new CommunityMailer({ ...this.deps, db: trx, outbox: this.deps.outbox.within(trx) });
  }

  #brand(): Brand {
    const { settings, config } = this.deps;
    return { businessName: settings.current.businessName, portalUrl: settings.portalUrl(config.publicUrl) };
  }

  /** Where the communities app lives: the business's page for it, else the hosted portal's. */
  appHref(): string {
    const { settings, config } = this.deps;
    return (
      settings.current.apps.communities.href ??
      `${settings.hostedUrl(config.publicUrl).replace(/\/+$/, '')}/communities`
    );
  }

  /** A post in the communities app. */
  postLink(groupSlug: string, postId: string): string {
    return `${this.appHref()}#group/${encodeURIComponent(groupSlug)}/post/${encodeURIComponent(postId)}`;
  }

  /** The communities page of the staff console. */
  consoleLink(): string {
    return `${this.deps.settings.hostedUrl(this.deps.config.publicUrl).replace(/\/+$/, '')}/admin#/communities`;
  }

  async #send(to: readonly Recipient[], mail: CommunityMail, link: string): Promise<number> {
    const brand = this.#brand();
    for (const { email, locale } of to) {
      await this.deps.outbox.enqueue(
        email,
        mail.name,
        layoutMail(communityMailParts(mail, brand, locale, link), brand),
      );
    }
    return to.length;
  }

  /** Tells each of `to` (already chosen: see `CommunityStore.replyRecipients`) of a reply on a post. */
  replied(
    to: readonly Recipient[],
    reply: Omit<Extract<CommunityMail, { name: 'community-reply' }>, 'name'>,
    link: { groupSlug: string; postId: string },
  ): Promise<number> {
    return this.#send(to, { name: 'community-reply', ...reply }, this.postLink(link.groupSlug, link.postId));
  }

  /** Tells every enabled admin and support member of a request to join a group. */
  async joinRequested(request: Omit<Extract<CommunityMail, { name: 'community-join-request' }>, 'name'>) {
    const rows = await this.deps.db
      .selectFrom('staff')
      .select('email')
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['admin', 'support'])
      .orderBy('email')
      .execute();
    const to = [...new Set(rows.map((r) => r.email))].map((email) => ({ email, locale: 'en' as const }));
    return this.#send(to, { name: 'community-join-request', ...request }, this.consoleLink());
  }
}

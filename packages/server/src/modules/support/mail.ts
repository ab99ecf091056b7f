import type { TicketPriority } from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Outbox } from '../mail/outbox.js';
import { accountRecipients, type Recipient } from '../mail/recipients.js';
import { type Brand, layoutMail, type Locale, type MailParts, pickLocale } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';

/** What a support mail says about its ticket. */
export interface MailTicket {
  id: string;
  reference: string;
  subject: string;
  accountId: string;
  openedByUserId: string | null;
}

/**
 * Mails of support. Clients get the acknowledgement of a ticket they opened, staff replies, and tickets staff
 * opened for them; staff get new tickets and client replies. Internal notes are never mailed, and files are never
 * attached: the mail links to the ticket.
 */
export type SupportMail =
  /** To the person who opened it: we have it, quote this reference. */
  | { name: 'support-ticket-received'; ticket: MailTicket }
  /** To the account's support readers and the opener: staff replied (`text` is the reply's plain text). */
  | { name: 'support-reply'; ticket: MailTicket; by: string; text: string }
  /** To the account's support readers: staff opened a ticket for them. */
  | { name: 'support-ticket-opened'; ticket: MailTicket; by: string; text: string }
  /** To staff: a client opened a ticket, or replied to one. */
  | {
      name: 'support-staff-notice';
      event: 'opened' | 'replied';
      ticket: MailTicket;
      accountName: string;
      by: string;
      department: string;
      priority: TicketPriority;
      text: string;
    };

const PRIORITY: Record<Locale, Record<TicketPriority, string>> = {
  en: { low: 'low', medium: 'medium', high: 'high', urgent: 'urgent' },
  es: { low: 'baja', medium: 'media', high: 'alta', urgent: 'urgente' },
};

/** A message's text as mail paragraphs (never empty). */
const paragraphs = (text: string) => {
  const parts = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts : [''];
};

/** `[#K7QM-2X4T] Mail bounces`: every support mail's subject, so replies thread and the reference shows. */
export const ticketSubject = (ticket: Pick<MailTicket, 'reference' | 'subject'>, prefix = '') =>
  `[#${ticket.reference}] ${prefix}${ticket.subject}`;

/** What each support mail says, in English and Spanish. `link` opens the ticket (portal or console). */
export function supportMailParts(mail: SupportMail, brand: Brand, locale: Locale, link: string): MailParts {
  const en = locale === 'en';
  const footer = en
    ? `You received this email from ${brand.businessName}'s client portal (${brand.portalUrl}).`
    : `Has recibido este correo del portal de clientes de ${brand.businessName} (${brand.portalUrl}).`;
  const button = { label: en ? 'View the ticket' : 'Ver el ticket', url: link };
  const ref = `#${mail.ticket.reference}`;
  switch (mail.name) {
    case 'support-ticket-received':
      return {
        subject: ticketSubject(mail.ticket),
        lines: en
          ? [
              `We received your ticket “${mail.ticket.subject}”. Its reference is ${ref}.`,
              'Our team will answer as soon as possible; you will get an email when they do.',
            ]
          : [
              `Hemos recibido tu ticket «${mail.ticket.subject}». Su referencia es ${ref}.`,
              'Nuestro equipo responderá lo antes posible; te avisaremos por correo cuando lo haga.',
            ],
        button,
        footer,
      };
    case 'support-reply':
      return {
        subject: ticketSubject(mail.ticket),
        lines: [
          en ? `${mail.by} replied to ticket ${ref}:` : `${mail.by} ha respondido al ticket ${ref}:`,
          ...paragraphs(mail.text),
          en
            ? 'Reply from the portal to keep everything in one place.'
            : 'Responde desde el portal para tenerlo todo en un mismo sitio.',
        ],
        button,
        footer,
      };
    case 'support-ticket-opened':
      return {
        subject: ticketSubject(mail.ticket),
        lines: [
          en ? `${mail.by} opened ticket ${ref} for you:` : `${mail.by} ha abierto el ticket ${ref} para ti:`,
          ...paragraphs(mail.text),
        ],
        button,
        footer,
      };
    case 'support-staff-notice': {
      const opened = mail.event === 'opened';
      const staffFooter = en
        ? `You received this email as staff of ${brand.businessName}.`
        : `Has recibido este correo como personal de ${brand.businessName}.`;
      return {
        subject: ticketSubject(
          mail.ticket,
          opened ? (en ? 'New ticket: ' : 'Ticket nuevo: ') : en ? 'New reply: ' : 'Respuesta nueva: ',
        ),
        lines: [
          en
            ? `${mail.by} (${mail.accountName}) ${opened ? 'opened' : 'replied to'} ticket ${ref} in ${mail.department}, ${PRIORITY.en[mail.priority]} priority:`
            : `${mail.by} (${mail.accountName}) ${opened ? 'ha abierto el' : 'ha respondido al'} ticket ${ref} en ${mail.department}, prioridad ${PRIORITY.es[mail.priority]}:`,
          ...paragraphs(mail.text),
        ],
        button: { label: en ? 'Open in the console' : 'Abrir en la consola', url: link },
        footer: staffFooter,
      };
    }
  }
}

export interface SupportMailerDeps {
  db: Db;
  outbox: Outbox;
  settings: Settings;
  config: Config;
}

/**
 * Queues support mails, each in its reader's language. Give it a transaction's database and outbox (`within`) so
 * a mail commits with the message that caused it.
 */
export class SupportMailer {
  constructor(private readonly deps: SupportMailerDeps) {}

  within(trx: Db): SupportMailer {
    return new SupportMailer({ ...this.deps, db: trx, outbox: this.deps.outbox.within(trx) });
  }

  #brand(): Brand {
    const { settings, config } = this.deps;
    return { businessName: settings.current.businessName, portalUrl: settings.portalUrl(config.publicUrl) };
  }

  /** The ticket in the client portal. */
  clientLink(ticketId: string): string {
    return `${this.#brand().portalUrl}/#ticket/${ticketId}`;
  }

  /** The ticket in the staff console. */
  staffLink(ticketId: string): string {
    return `${this.deps.settings.hostedUrl(this.deps.config.publicUrl)}/admin#/tickets/${encodeURIComponent(ticketId)}`;
  }

  async #send(to: readonly Recipient[], mail: SupportMail, link: string): Promise<number> {
    const brand = this.#brand();
    for (const { email, locale } of to) {
      await this.deps.outbox.enqueue(
        email,
        mail.name,
        layoutMail(supportMailParts(mail, brand, locale, link), brand),
      );
    }
    return to.length;
  }

  /** The person who opened the ticket, while they are an enabled member of its account. */
  async #opener(ticket: MailTicket): Promise<Recipient | undefined> {
    if (!ticket.openedByUserId) return undefined;
    const person = await this.deps.db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['users.email', 'users.locale'])
      .where('users.id', '=', ticket.openedByUserId)
      .where('memberships.account_id', '=', ticket.accountId)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    return person ? { email: person.email, locale: pickLocale(person.locale) } : undefined;
  }

  /** The account's people who may read support, and the opener. */
  async #clientRecipients(ticket: MailTicket): Promise<Recipient[]> {
    const people = await accountRecipients(this.deps.db, ticket.accountId, 'support:read');
    const opener = await this.#opener(ticket);
    if (opener && !people.some((p) => p.email === opener.email)) people.push(opener);
    return people;
  }

  /** Staff told of a client's ticket: its assignee, else every enabled admin and support member. */
  async #staffRecipients(assigneeId: string | null): Promise<Recipient[]> {
    let q = this.deps.db.selectFrom('staff').select('email').where('disabled_at', 'is', null);
    q = assigneeId ? q.where('id', '=', assigneeId) : q.where('role', 'in', ['admin', 'support']);
    let rows = await q.orderBy('email').execute();
    // An assignee disabled since: the team is told instead.
    if (!rows.length && assigneeId) return this.#staffRecipients(null);
    rows = rows.filter((r, i) => rows.findIndex((o) => o.email === r.email) === i);
    return rows.map((r) => ({ email: r.email, locale: 'en' }));
  }

  async ticketReceived(ticket: MailTicket): Promise<number> {
    const opener = await this.#opener(ticket);
    return this.#send(
      opener ? [opener] : [],
      { name: 'support-ticket-received', ticket },
      this.clientLink(ticket.id),
    );
  }

  async staffReplied(ticket: MailTicket, by: string, text: string): Promise<number> {
    return this.#send(
      await this.#clientRecipients(ticket),
      { name: 'support-reply', ticket, by, text },
      this.clientLink(ticket.id),
    );
  }

  async openedForClient(ticket: MailTicket, by: string, text: string): Promise<number> {
    return this.#send(
      await this.#clientRecipients(ticket),
      { name: 'support-ticket-opened', ticket, by, text },
      this.clientLink(ticket.id),
    );
  }

  async notifyStaff(
    assigneeId: string | null,
    notice: Omit<Extract<SupportMail, { name: 'support-staff-notice' }>, 'name'>,
  ): Promise<number> {
    return this.#send(
      await this.#staffRecipients(assigneeId),
      { name: 'support-staff-notice', ...notice },
      this.staffLink(notice.ticket.id),
    );
  }
}

import type { Permission } from '@portico/sdk/contract';
import { domainToUnicode } from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Outbox } from '../mail/outbox.js';
import { accountRecipients } from '../mail/recipients.js';
import { type Brand, layoutMail, type Locale, type MailParts } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';

/** What a domain mail says about a domain. */
export interface MailDomain {
  id: string;
  /** ASCII form; mails show the Unicode one. */
  name: string;
  expiresAt: string | null;
}

/**
 * Mails of domains. The first six go to everyone on the account who may see domains (owner included); the EPP code
 * notice goes to the account's owners only, whoever viewed it.
 */
export type DomainMail =
  | { name: 'domain-registered'; domain: MailDomain }
  | { name: 'domain-transferred'; domain: MailDomain }
  | { name: 'domain-renewed'; domain: MailDomain }
  /** The registrar could not register or transfer it after payment; staff are on it. */
  | { name: 'domain-setup-failed'; domain: MailDomain; action: 'register' | 'transfer' }
  | { name: 'domain-expired'; domain: MailDomain }
  /** Someone on the account read the transfer code. `by` names them (an email address). */
  | { name: 'domain-epp-code-viewed'; domain: MailDomain; by: string; at: string };

const AREA: Permission = 'domains:read';

const date = (iso: string | null, locale: Locale) =>
  iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) : '';

const dateTime = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  );

/** What each domain mail says, in English and Spanish. */
export function domainMailParts(mail: DomainMail, brand: Brand, locale: Locale, link: string): MailParts {
  const en = locale === 'en';
  const name = domainToUnicode(mail.domain.name);
  const expires = date(mail.domain.expiresAt, locale);
  const footer = en
    ? `You received this email from ${brand.businessName}'s client portal (${brand.portalUrl}).`
    : `Has recibido este correo del portal de clientes de ${brand.businessName} (${brand.portalUrl}).`;
  const button = { label: en ? 'Open the domain' : 'Abrir el dominio', url: link };
  switch (mail.name) {
    case 'domain-registered':
      return {
        subject: en ? `${name} is registered` : `${name} está registrado`,
        lines: en
          ? [`${name} is registered to you.`, `It is paid until ${expires}.`]
          : [`${name} ya está registrado a tu nombre.`, `Está pagado hasta el ${expires}.`],
        button,
        footer,
      };
    case 'domain-transferred':
      return {
        subject: en ? `${name} was transferred to us` : `${name} se ha transferido`,
        lines: en
          ? [`The transfer of ${name} is complete.`, `It is paid until ${expires}.`]
          : [`La transferencia de ${name} se ha completado.`, `Está pagado hasta el ${expires}.`],
        button,
        footer,
      };
    case 'domain-renewed':
      return {
        subject: en ? `${name} is renewed` : `${name} se ha renovado`,
        lines: en
          ? [`${name} is renewed until ${expires}. Thank you.`]
          : [`${name} se ha renovado hasta el ${expires}. Gracias.`],
        button,
        footer,
      };
    case 'domain-setup-failed': {
      const what = en
        ? mail.action === 'transfer'
          ? `the transfer of ${name}`
          : `the registration of ${name}`
        : mail.action === 'transfer'
          ? `la transferencia de ${name}`
          : `el registro de ${name}`;
      return {
        subject: en ? `We are working on ${name}` : `Estamos trabajando en ${name}`,
        lines: en
          ? [
              `Thank you for your payment. The registry did not complete ${what} yet.`,
              'Our team has been told and is on it; we will email you as soon as it is done. You do not need to do anything.',
            ]
          : [
              `Gracias por tu pago. El registro aún no ha completado ${what}.`,
              'Nuestro equipo ya lo sabe y se está ocupando; te escribiremos en cuanto esté hecho. No tienes que hacer nada.',
            ],
        button,
        footer,
      };
    }
    case 'domain-expired':
      return {
        subject: en ? `${name} has expired` : `${name} ha caducado`,
        lines: en
          ? [
              `${name} expired on ${expires} and was not renewed.`,
              'Renew it from the portal soon, before the registry releases it.',
            ]
          : [
              `${name} caducó el ${expires} y no se ha renovado.`,
              'Renuévalo pronto desde el portal, antes de que el registro lo libere.',
            ],
        button,
        footer,
      };
    case 'domain-epp-code-viewed':
      return {
        subject: en
          ? `The transfer code of ${name} was viewed`
          : `Se ha consultado el código de transferencia de ${name}`,
        lines: en
          ? [
              `${mail.by} viewed the transfer (EPP) code of ${name} on ${dateTime(mail.at, locale)} UTC.`,
              'With it the domain can be moved to another registrar. If you did not expect this, turn the registrar lock on and contact us.',
            ]
          : [
              `${mail.by} consultó el código de transferencia (EPP) de ${name} el ${dateTime(mail.at, locale)} UTC.`,
              'Con él se puede llevar el dominio a otro registrador. Si no lo esperabas, activa el bloqueo y contáctanos.',
            ],
        button,
        footer,
      };
  }
}

export interface DomainMailerDeps {
  db: Db;
  outbox: Outbox;
  settings: Settings;
  config: Config;
}

/**
 * Queues domain mails to an account's people, each in their own language. Give it a transaction's database and
 * outbox (`outbox.within(trx)`) to queue a mail with the change that caused it; otherwise call it after the commit.
 */
export class DomainMailer {
  constructor(private readonly deps: DomainMailerDeps) {}

  /** The same mailer writing through a transaction (its mails commit or roll back with it). */
  within(trx: Db): DomainMailer {
    return new DomainMailer({ ...this.deps, db: trx, outbox: this.deps.outbox.within(trx) });
  }

  /** Where a mail's button leads: the domain in the portal. */
  link(domainId: string): string {
    return `${this.deps.settings.portalUrl(this.deps.config.publicUrl)}/#domain/${domainId}`;
  }

  /** Sends to the owners and the contacts who may see domains; answers how many were queued. */
  async send(accountId: string, mail: DomainMail): Promise<number> {
    const ownersOnly = mail.name === 'domain-epp-code-viewed';
    const { db, outbox, settings, config } = this.deps;
    const brand: Brand = {
      businessName: settings.current.businessName,
      portalUrl: settings.portalUrl(config.publicUrl),
    };
    const link = this.link(mail.domain.id);
    let sent = 0;
    for (const { email, locale } of await accountRecipients(db, accountId, AREA, { ownersOnly })) {
      await outbox.enqueue(email, mail.name, layoutMail(domainMailParts(mail, brand, locale, link), brand));
      sent++;
    }
    return sent;
  }

  /** Tells the account's owners that someone read a domain's transfer code (call it after the code is shown). */
  eppCodeViewed(
    accountId: string,
    domain: { id: string; name: string; expiresAt?: string | null },
    by: string,
    at: string,
  ): Promise<number> {
    return this.send(accountId, {
      name: 'domain-epp-code-viewed',
      domain: { id: domain.id, name: domain.name, expiresAt: domain.expiresAt ?? null },
      by,
      at,
    });
  }
}

import type { Permission } from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Outbox } from '../mail/outbox.js';
import { accountRecipients } from '../mail/recipients.js';
import { type Brand, layoutMail, type Locale, type MailParts } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';
import { formatMoney } from './money.js';

/** What a billing mail says about an invoice. */
export interface MailInvoice {
  id: string;
  number: string | null;
  currency: string;
  total: number;
  balance: number;
  dueAt: string | null;
}

/** What a billing mail says about a service. */
export interface MailService {
  id: string;
  name: string;
}

/** Mails of billing and services. Each goes to everyone on the account who may see the area (owner included). */
export type BillingMail =
  | { name: 'invoice-issued'; invoice: MailInvoice }
  | { name: 'invoice-reminder'; invoice: MailInvoice; daysLeft: number }
  | { name: 'invoice-overdue'; invoice: MailInvoice; daysOverdue: number }
  | { name: 'payment-received'; invoice: MailInvoice; amount: number; method: string | null }
  | { name: 'payment-failed'; invoice: MailInvoice; amount: number; message: string }
  | { name: 'invoice-refunded'; invoice: MailInvoice; amount: number }
  | { name: 'service-activated'; service: MailService }
  | { name: 'service-suspended'; service: MailService; reason: string }
  | { name: 'service-unsuspended'; service: MailService }
  | { name: 'service-cancelled'; service: MailService }
  | { name: 'cancellation-rejected'; service: MailService; note: string };

/** Which permission a recipient needs for each mail. */
const AREA: Record<BillingMail['name'], Permission> = {
  'invoice-issued': 'billing:read',
  'invoice-reminder': 'billing:read',
  'invoice-overdue': 'billing:read',
  'payment-received': 'billing:read',
  'payment-failed': 'billing:read',
  'invoice-refunded': 'billing:read',
  'service-activated': 'services:read',
  'service-suspended': 'services:read',
  'service-unsuspended': 'services:read',
  'service-cancelled': 'services:read',
  'cancellation-rejected': 'services:read',
};

const date = (iso: string | null, locale: Locale) =>
  iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) : '';

function parts(mail: BillingMail, brand: Brand, locale: Locale, link: string): MailParts {
  const en = locale === 'en';
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const footer = en
    ? `You received this email from ${brand.businessName}'s client portal (${brand.portalUrl}).`
    : `Has recibido este correo del portal de clientes de ${brand.businessName} (${brand.portalUrl}).`;
  const invoiceName = (i: MailInvoice) =>
    (en ? `Invoice ${i.number ?? ''}` : `Factura ${i.number ?? ''}`).trim();
  const view = { label: en ? 'View invoice' : 'Ver la factura', url: link };
  const open = { label: en ? 'Open the portal' : 'Abrir el portal', url: link };
  switch (mail.name) {
    case 'invoice-issued': {
      const i = mail.invoice;
      return {
        subject: en
          ? `${invoiceName(i)} from ${brand.businessName}`
          : `${invoiceName(i)} de ${brand.businessName}`,
        lines: en
          ? [
              `${invoiceName(i)} for ${money(i.total, i.currency)} is ready.`,
              `It is due on ${date(i.dueAt, locale)}.`,
            ]
          : [
              `La ${invoiceName(i).toLowerCase()} por ${money(i.total, i.currency)} está lista.`,
              `Vence el ${date(i.dueAt, locale)}.`,
            ],
        button: view,
        footer,
      };
    }
    case 'invoice-reminder': {
      const i = mail.invoice;
      return {
        subject: en
          ? `Reminder: ${invoiceName(i)} is due soon`
          : `Recordatorio: la ${invoiceName(i).toLowerCase()} vence pronto`,
        lines: en
          ? [
              `${invoiceName(i)} has ${money(i.balance, i.currency)} to pay, due on ${date(i.dueAt, locale)} (${mail.daysLeft} days).`,
            ]
          : [
              `A la ${invoiceName(i).toLowerCase()} le quedan ${money(i.balance, i.currency)} por pagar; vence el ${date(i.dueAt, locale)} (${mail.daysLeft} días).`,
            ],
        button: view,
        footer,
      };
    }
    case 'invoice-overdue': {
      const i = mail.invoice;
      return {
        subject: en ? `${invoiceName(i)} is overdue` : `La ${invoiceName(i).toLowerCase()} está vencida`,
        lines: en
          ? [
              `${invoiceName(i)} was due on ${date(i.dueAt, locale)} and ${money(i.balance, i.currency)} is still unpaid.`,
              'Please pay it to keep your services running.',
            ]
          : [
              `La ${invoiceName(i).toLowerCase()} venció el ${date(i.dueAt, locale)} y quedan ${money(i.balance, i.currency)} sin pagar.`,
              'Págala para que tus servicios sigan funcionando.',
            ],
        button: view,
        footer,
      };
    }
    case 'payment-received': {
      const i = mail.invoice;
      const how = mail.method ? (en ? ` (${mail.method})` : ` (${mail.method})`) : '';
      return {
        subject: en
          ? `Payment received for ${invoiceName(i)}`
          : `Pago recibido de la ${invoiceName(i).toLowerCase()}`,
        lines: en
          ? [
              `We received ${money(mail.amount, i.currency)}${how}. Thank you.`,
              i.balance > 0
                ? `${money(i.balance, i.currency)} is left to pay.`
                : `${invoiceName(i)} is paid.`,
            ]
          : [
              `Hemos recibido ${money(mail.amount, i.currency)}${how}. Gracias.`,
              i.balance > 0
                ? `Quedan ${money(i.balance, i.currency)} por pagar.`
                : `La ${invoiceName(i).toLowerCase()} está pagada.`,
            ],
        button: view,
        footer,
      };
    }
    case 'payment-failed': {
      const i = mail.invoice;
      return {
        subject: en
          ? `A payment for ${invoiceName(i)} did not go through`
          : `Un pago de la ${invoiceName(i).toLowerCase()} no se ha completado`,
        lines: en
          ? [
              `A payment of ${money(mail.amount, i.currency)} failed: ${mail.message}`,
              'Nothing was charged. You can try again from the portal.',
            ]
          : [
              `Un pago de ${money(mail.amount, i.currency)} ha fallado: ${mail.message}`,
              'No se ha cobrado nada. Puedes intentarlo de nuevo desde el portal.',
            ],
        button: view,
        footer,
      };
    }
    case 'invoice-refunded': {
      const i = mail.invoice;
      return {
        subject: en
          ? `${invoiceName(i)} was refunded`
          : `La ${invoiceName(i).toLowerCase()} ha sido reembolsada`,
        lines: en
          ? [`We refunded ${money(mail.amount, i.currency)} of ${invoiceName(i)}.`]
          : [`Hemos reembolsado ${money(mail.amount, i.currency)} de la ${invoiceName(i).toLowerCase()}.`],
        button: view,
        footer,
      };
    }
    case 'service-activated':
      return {
        subject: en ? `${mail.service.name} is active` : `${mail.service.name} está activo`,
        lines: en
          ? [`Your ${mail.service.name} is active. Thank you for your order.`]
          : [`Tu ${mail.service.name} está activo. Gracias por tu pedido.`],
        button: open,
        footer,
      };
    case 'service-suspended':
      return {
        subject: en ? `${mail.service.name} is suspended` : `${mail.service.name} está suspendido`,
        lines: en
          ? [`Your ${mail.service.name} was suspended: ${mail.reason}`]
          : [`Tu ${mail.service.name} ha sido suspendido: ${mail.reason}`],
        button: open,
        footer,
      };
    case 'service-unsuspended':
      return {
        subject: en ? `${mail.service.name} is active again` : `${mail.service.name} vuelve a estar activo`,
        lines: en
          ? [`Your ${mail.service.name} is active again.`]
          : [`Tu ${mail.service.name} vuelve a estar activo.`],
        button: open,
        footer,
      };
    case 'service-cancelled':
      return {
        subject: en ? `${mail.service.name} is cancelled` : `${mail.service.name} está cancelado`,
        lines: en
          ? [`Your ${mail.service.name} was cancelled. It will not be billed again.`]
          : [`Tu ${mail.service.name} ha sido cancelado. No se volverá a facturar.`],
        button: open,
        footer,
      };
    case 'cancellation-rejected':
      return {
        subject: en
          ? `About cancelling ${mail.service.name}`
          : `Sobre la cancelación de ${mail.service.name}`,
        lines: en
          ? [`Your request to cancel ${mail.service.name} was not accepted: ${mail.note}`]
          : [`Tu solicitud de cancelar ${mail.service.name} no ha sido aceptada: ${mail.note}`],
        button: open,
        footer,
      };
  }
}

/**
 * Queues billing and service mails to an account's people: the owner and every contact whose permissions cover the
 * area, each in their own language. Call it after the transaction that made the change has committed.
 */
export class BillingMailer {
  constructor(private readonly deps: { db: Db; outbox: Outbox; settings: Settings; config: Config }) {}

  /** Where the button of a mail about `mail` leads: the portal, at the invoice or service when there is one. */
  link(mail: BillingMail): string {
    const base = this.deps.settings.portalUrl(this.deps.config.publicUrl);
    if ('invoice' in mail) return `${base}/#invoice/${mail.invoice.id}`;
    if ('service' in mail) return `${base}/#service/${mail.service.id}`;
    return base;
  }

  async send(accountId: string, mail: BillingMail): Promise<number> {
    const { db, outbox, settings, config } = this.deps;
    const brand: Brand = {
      businessName: settings.current.businessName,
      portalUrl: settings.portalUrl(config.publicUrl),
    };
    const link = this.link(mail);
    let sent = 0;
    for (const { email, locale } of await accountRecipients(db, accountId, AREA[mail.name])) {
      await outbox.enqueue(email, mail.name, layoutMail(parts(mail, brand, locale, link), brand));
      sent++;
    }
    return sent;
  }
}

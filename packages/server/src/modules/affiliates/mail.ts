import { formatMoney } from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Outbox } from '../mail/outbox.js';
import { accountRecipients, type Recipient } from '../mail/recipients.js';
import { type Brand, layoutMail, type Locale, type MailParts } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';

/** A payout as its mail tells of it. */
export interface MailPayout {
  amount: number;
  currency: string;
  method?: string | null;
  reference?: string | null;
  note?: string | null;
}

/**
 * Mails of the affiliate programme. Staff (admins and billing) hear of applications; the affiliate's account
 * owners hear of their approval or rejection and of each payout staff decide.
 */
export type AffiliateMail =
  | { name: 'affiliate-application'; accountName: string; code: string; note: string }
  | { name: 'affiliate-approved'; link: string }
  | { name: 'affiliate-rejected' }
  | { name: 'affiliate-payout-paid'; payout: MailPayout }
  | { name: 'affiliate-payout-credited'; payout: MailPayout }
  | { name: 'affiliate-payout-rejected'; payout: MailPayout };

/** What each mail says, in English and Spanish. `url` is where its button goes. */
export function affiliateMailParts(
  mail: AffiliateMail,
  brand: Brand,
  locale: Locale,
  url: string,
): MailParts {
  const en = locale === 'en';
  const footer = en
    ? `You received this email from ${brand.businessName}'s client portal (${brand.portalUrl}).`
    : `Has recibido este correo del portal de clientes de ${brand.businessName} (${brand.portalUrl}).`;
  const button = { label: en ? 'Open the affiliate programme' : 'Abrir el programa de afiliados', url };
  const money = (p: MailPayout) => formatMoney(p.amount, p.currency, locale);
  switch (mail.name) {
    case 'affiliate-application':
      return {
        subject: en
          ? `New affiliate application: ${mail.accountName}`
          : `Nueva solicitud de afiliado: ${mail.accountName}`,
        lines: [
          en
            ? `${mail.accountName} applied to the affiliate programme (code ${mail.code}).`
            : `${mail.accountName} ha solicitado unirse al programa de afiliados (código ${mail.code}).`,
          ...(mail.note ? [en ? 'Their note:' : 'Su nota:', mail.note] : []),
        ],
        button: { label: en ? 'Review in the console' : 'Revisar en la consola', url },
        footer: en
          ? `You received this email as staff of ${brand.businessName}.`
          : `Has recibido este correo como personal de ${brand.businessName}.`,
      };
    case 'affiliate-approved':
      return {
        subject: en ? 'You are an affiliate now' : 'Ya eres afiliado',
        lines: en
          ? [
              `Your application to ${brand.businessName}'s affiliate programme was approved.`,
              `Share your link to earn commissions: ${mail.link}`,
            ]
          : [
              `Tu solicitud al programa de afiliados de ${brand.businessName} ha sido aprobada.`,
              `Comparte tu enlace para ganar comisiones: ${mail.link}`,
            ],
        button,
        footer,
      };
    case 'affiliate-rejected':
      return {
        subject: en ? 'Your affiliate application' : 'Tu solicitud de afiliado',
        lines: en
          ? [
              `We are sorry: your application to ${brand.businessName}'s affiliate programme was not accepted.`,
            ]
          : [
              `Lo sentimos: tu solicitud al programa de afiliados de ${brand.businessName} no ha sido aceptada.`,
            ],
        footer,
      };
    case 'affiliate-payout-paid':
      return {
        subject: en ? `Payout of ${money(mail.payout)} sent` : `Pago de ${money(mail.payout)} enviado`,
        lines: [
          en
            ? `We sent your affiliate payout of ${money(mail.payout)} (${mail.payout.method ?? ''}, reference ${mail.payout.reference ?? ''}).`
            : `Hemos enviado tu pago de afiliado de ${money(mail.payout)} (${mail.payout.method ?? ''}, referencia ${mail.payout.reference ?? ''}).`,
        ],
        button,
        footer,
      };
    case 'affiliate-payout-credited':
      return {
        subject: en
          ? `Payout of ${money(mail.payout)} added to your credit`
          : `Pago de ${money(mail.payout)} añadido a tu saldo`,
        lines: [
          en
            ? `Your affiliate payout of ${money(mail.payout)} was added to your account credit; it pays your next invoices.`
            : `Tu pago de afiliado de ${money(mail.payout)} se ha añadido al saldo de tu cuenta; pagará tus próximas facturas.`,
        ],
        button,
        footer,
      };
    case 'affiliate-payout-rejected':
      return {
        subject: en
          ? `Payout of ${money(mail.payout)} not made`
          : `Pago de ${money(mail.payout)} no realizado`,
        lines: [
          en
            ? `Your payout request of ${money(mail.payout)} was declined, and the amount is available again.`
            : `Tu solicitud de pago de ${money(mail.payout)} ha sido rechazada y el importe vuelve a estar disponible.`,
          ...(mail.payout.note ? [en ? `Reason: ${mail.payout.note}` : `Motivo: ${mail.payout.note}`] : []),
        ],
        button,
        footer,
      };
  }
}

export interface AffiliateMailerDeps {
  db: Db;
  outbox: Outbox;
  settings: Settings;
  config: Config;
}

/** Queues the programme's mails, each in its reader's language. `within(trx)` commits them with the change. */
export class AffiliateMailer {
  constructor(private readonly deps: AffiliateMailerDeps) {}

  within(trx: Db): AffiliateMailer {
    return new AffiliateMailer({ ...this.deps, db: trx, outbox: this.deps.outbox.within(trx) });
  }

  #brand(): Brand {
    const { settings, config } = this.deps;
    return { businessName: settings.current.businessName, portalUrl: settings.portalUrl(config.publicUrl) };
  }

  /** The affiliate page: the business's own page for the app, else the hosted portal's. */
  clientLink(): string {
    const { settings, config } = this.deps;
    return (
      settings.current.apps.affiliates.href ??
      `${settings.hostedUrl(config.publicUrl).replace(/\/+$/, '')}/affiliate`
    );
  }

  staffLink(affiliateId: string): string {
    return `${this.deps.settings.hostedUrl(this.deps.config.publicUrl)}/admin#/affiliates/${encodeURIComponent(affiliateId)}`;
  }

  async #send(to: readonly Recipient[], mail: AffiliateMail, url: string): Promise<number> {
    const brand = this.#brand();
    for (const { email, locale } of to) {
      await this.deps.outbox.enqueue(
        email,
        mail.name,
        layoutMail(affiliateMailParts(mail, brand, locale, url), brand),
      );
    }
    return to.length;
  }

  /** Enabled admins and billing staff. */
  async #staff(): Promise<Recipient[]> {
    const rows = await this.deps.db
      .selectFrom('staff')
      .select('email')
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['admin', 'billing'])
      .orderBy('email')
      .execute();
    return rows.map((r) => ({ email: r.email, locale: 'en' as const }));
  }

  async application(
    affiliateId: string,
    mail: Omit<Extract<AffiliateMail, { name: 'affiliate-application' }>, 'name'>,
  ) {
    return this.#send(
      await this.#staff(),
      { name: 'affiliate-application', ...mail },
      this.staffLink(affiliateId),
    );
  }

  /** A mail to the affiliate's account owners. */
  async toOwners(accountId: string, mail: Exclude<AffiliateMail, { name: 'affiliate-application' }>) {
    const owners = await accountRecipients(this.deps.db, accountId, 'apps:read', { ownersOnly: true });
    return this.#send(owners, mail, this.clientLink());
  }
}

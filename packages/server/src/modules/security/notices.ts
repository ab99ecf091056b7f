import type { Config } from '../../config.js';
import type { Outbox } from '../mail/outbox.js';
import { renderMail, type SecurityEvent } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';

/** Mails a login's owner about a change to how they sign in (two-factor, backup codes, passkeys). */
export class SecurityNotices {
  constructor(private readonly deps: { outbox: Outbox; settings: Settings; config: Config }) {}

  /** Queues the `security-notice` mail for `event`; `detail` is the passkey's name or the backup codes left. */
  async send(user: { email: string; locale: string }, event: SecurityEvent, detail?: string): Promise<void> {
    const { outbox, settings, config } = this.deps;
    const brand = {
      businessName: settings.current.businessName,
      portalUrl: settings.portalUrl(config.publicUrl),
    };
    const template = { name: 'security-notice', event, ...(detail === undefined ? {} : { detail }) } as const;
    await outbox.enqueue(user.email, template.name, renderMail(template, brand, user.locale));
  }
}

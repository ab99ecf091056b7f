import type { DomainSettings, DomainSettingsInputSchema } from '@portico/sdk/contract';
import type * as z from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import type { DomainRules, Settings } from '../settings/settings.js';

type SettingsInput = z.output<typeof DomainSettingsInputSchema>;

export interface DomainSettingsDeps {
  settings: Settings;
  audit: AuditLog;
}

/** The business's domain settings: default name servers, renewal lead time and privacy for new registrations. */
export class DomainSettingsService {
  readonly #d: DomainSettingsDeps;

  constructor(deps: DomainSettingsDeps) {
    this.#d = deps;
  }

  get(): DomainSettings {
    const rules = this.#d.settings.current.domains;
    return {
      defaultNameservers: [...rules.defaultNameservers],
      renewalLeadDays: rules.renewalLeadDays,
      privacyByDefault: rules.privacyByDefault,
    };
  }

  /** Changes the fields sent (name servers already validated and ASCII), with the audit entry in one transaction. */
  async update(input: SettingsInput, change: StaffChange): Promise<DomainSettings> {
    const current = this.#d.settings.current.domains;
    const next: DomainRules = {
      defaultNameservers: input.defaultNameservers ?? current.defaultNameservers,
      renewalLeadDays: input.renewalLeadDays ?? current.renewalLeadDays,
      privacyByDefault: input.privacyByDefault ?? current.privacyByDefault,
    };
    const changed = Object.keys(input).filter((key) => input[key as keyof SettingsInput] !== undefined);
    await this.#d.settings.update({ domains: next }, async (trx) => {
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row({
            actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
            action: 'domain_settings.updated',
            origin: change.origin,
            details: { changed, ...next },
          }),
        )
        .execute();
    });
    return this.get();
  }
}

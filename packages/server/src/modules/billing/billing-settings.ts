import type {
  AdminGateway,
  BillingSettings,
  BillingSettingsInputSchema,
  GatewayUpdateInputSchema,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import type { BillingRules, Settings } from '../settings/settings.js';
import { BillingErrors } from './errors.js';
import { InvoiceStore } from './invoice-store.js';

type SettingsInput = z.output<typeof BillingSettingsInputSchema>;
type GatewayInput = z.output<typeof GatewayUpdateInputSchema>;

/** The staff side of the gateways (the gateways module's registry provides it). */
export interface GatewayConsole {
  adminList(): AdminGateway[];
  adminUpdate(id: string, input: GatewayInput): Promise<AdminGateway>;
}

export interface BillingSettingsDeps {
  db: Db;
  settings: Settings;
  audit: AuditLog;
  gateways: GatewayConsole;
}

/**
 * Billing settings: numbering, terms, reminders, suspension, tax and what invoices print, plus the gateways'
 * settings. The next invoice number is the `counters` row the numbering takes from; it never goes back to or
 * below a number already used under the prefix in force.
 */
export class BillingSettingsService {
  readonly #d: BillingSettingsDeps;

  constructor(deps: BillingSettingsDeps) {
    this.#d = deps;
  }

  async get(): Promise<BillingSettings> {
    const rules = this.#d.settings.current.billing;
    return {
      ...rules,
      taxRules: rules.taxRules.map((rule) => ({ ...rule, state: rule.state ?? null })),
      nextInvoiceNumber: await new InvoiceStore(this.#d.db).nextNumber(),
    };
  }

  /**
   * Changes the fields sent. 409 CONFLICT when the next number (or a new prefix) would hand out a number already
   * used; checked and written in one transaction with the counter, so issuing cannot slip in between.
   */
  async update(input: SettingsInput, change: StaffChange): Promise<BillingSettings> {
    const { nextInvoiceNumber, ...rest } = input;
    const current = this.#d.settings.current.billing;
    const next: BillingRules = {
      ...current,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(rest.taxRules && {
        taxRules: rest.taxRules.map((rule) => ({ ...rule, state: rule.state || null })),
      }),
      ...(rest.reminderDays && { reminderDays: [...new Set(rest.reminderDays)].sort((a, b) => b - a) }),
      ...(rest.overdueReminderDays && {
        overdueReminderDays: [...new Set(rest.overdueReminderDays)].sort((a, b) => a - b),
      }),
    };
    const changed = Object.keys(input).filter((key) => input[key as keyof SettingsInput] !== undefined);
    await this.#d.settings.update({ billing: next }, async (trx) => {
      const store = new InvoiceStore(trx);
      const counter = nextInvoiceNumber ?? (await store.nextNumber());
      const numbering =
        nextInvoiceNumber !== undefined ||
        next.invoicePrefix !== current.invoicePrefix ||
        next.numberPadding !== current.numberPadding;
      if (numbering) {
        const highest = await store.highestNumber(next.invoicePrefix);
        if (counter <= highest) {
          throw BillingErrors.conflict(
            `Invoice number ${highest} is already used${next.invoicePrefix ? ` with the prefix “${next.invoicePrefix}”` : ''}: the next number must be at least ${highest + 1}.`,
          );
        }
      }
      if (nextInvoiceNumber !== undefined) await store.setNextNumber(nextInvoiceNumber);
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row({
            actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
            action: 'billing_settings.updated',
            origin: change.origin,
            details: { changed, ...(nextInvoiceNumber !== undefined && { nextInvoiceNumber }) },
          }),
        )
        .execute();
    });
    return this.get();
  }

  gateways(): { items: AdminGateway[] } {
    return { items: this.#d.gateways.adminList() };
  }

  /** Changes a gateway's settings; the audit entry names the fields changed, never a secret's value. */
  async updateGateway(id: string, input: GatewayInput, change: StaffChange): Promise<AdminGateway> {
    const gateway = await this.#d.gateways.adminUpdate(id, input);
    await this.#d.audit.record({
      actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
      action: 'gateway.updated',
      target: { type: 'gateway', id },
      origin: change.origin,
      details: {
        changed: Object.keys(input).filter((key) => input[key as keyof GatewayInput] !== undefined),
        enabled: gateway.enabled,
      },
    });
    return gateway;
  }
}

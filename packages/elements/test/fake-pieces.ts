// Pieces the billing and commerce fakes share.
import type { Invoice, InvoiceSummary, PortalClient } from '@portico/sdk';
import { html, type LitElement, type TemplateResult } from 'lit';
import { providerChild } from './helpers.js';

/** An invoice as lists show it (`GET /invoices`, the dashboard). */
export const invoiceSummary = (invoice: Invoice): InvoiceSummary => ({
  id: invoice.id,
  number: invoice.number,
  status: invoice.status,
  currency: invoice.currency,
  total: invoice.total,
  balance: invoice.balance,
  issuedAt: invoice.issuedAt,
  dueAt: invoice.dueAt,
  paidAt: invoice.paidAt,
  createdAt: invoice.createdAt,
});

/**
 * Renders `content` inside a `<portal-provider>` whose client talks to `fake`, signed in as Ada unless
 * `signedInAs` says otherwise (`null`: signed out), and returns the first match of `selector` once the session
 * loaded.
 */
export function inFakeProvider<T extends LitElement>(
  fake: { client(email?: string): PortalClient },
  content: TemplateResult,
  selector: string,
  options: { signedInAs?: string | null; lang?: string } = {},
): Promise<T> {
  const email = options.signedInAs === undefined ? 'ada@example.com' : (options.signedInAs ?? undefined);
  return providerChild<T>(
    html`<portal-provider .client=${fake.client(email)} lang=${options.lang ?? 'en'} profile-gate="off"
      >${content}</portal-provider
    >`,
    selector,
  );
}

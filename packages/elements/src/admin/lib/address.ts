import { html, type TemplateResult } from 'lit';
import type { AdminTranslate } from './localize.js';

/** A client's address lines, as the API names them (form fields are `address.<line>`). */
export const ADDRESS = ['line1', 'line2', 'city', 'state', 'postcode', 'country'] as const;

/** The address fieldset of the client forms; `field` renders one text field bound to the host's values. */
export function addressFieldset(
  t: AdminTranslate,
  field: (name: string, label: string, extra?: { maxlength?: number; hint?: string }) => TemplateResult,
): TemplateResult {
  return html`<fieldset>
    <legend>${t('address')}</legend>
    <div class="grid-2">
      ${field('address.line1', t('addressLine1'))} ${field('address.line2', t('addressLine2'))}
      ${field('address.city', t('city'))} ${field('address.state', t('region'))}
      ${field('address.postcode', t('postcode'))}
      ${field('address.country', t('country'), { maxlength: 2, hint: t('countryHint') })}
    </div>
  </fieldset>`;
}

import type { TestCard } from '@portico/sdk';
import { html, type TemplateResult } from 'lit';
import { textField } from '../../lib/fields.js';
import type { Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';

/** The names of the test gateway's card inputs: the contract's paths, so the server's field errors land beside them. */
export const CARD_FIELDS = ['card.number', 'card.expiry', 'card.cvc', 'card.name'] as const;

const digitsOf = (text: string | undefined) => (text ?? '').replace(/\D/g, '');

/** A card number in groups of four, as printed: `4242 4242 4242 4242`. */
export const groupCardNumber = (text: string) =>
  digitsOf(text)
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');

/** An expiry as `MM/YY`, the slash added once the month is typed. */
export function formatExpiry(text: string): string {
  const digits = digitsOf(text).slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/** The Luhn checksum every card number carries (catches most mistyped digits before asking the server). */
export function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Whether an `MM/YY` card is past its month (a card is good through the end of the month printed on it). */
export function isExpired(expiry: string, now: Date = new Date()): boolean {
  const [month = 0, year = 0] = expiry.split('/').map(Number);
  const current = now.getFullYear() * 12 + now.getMonth() + 1;
  return (2000 + year) * 12 + month < current;
}

/** What is wrong with each card field, as message keys; empty when the card can be sent. */
export function checkCard(values: Record<string, string>, now?: Date): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  const number = digitsOf(values['card.number']);
  if (number.length < 12 || number.length > 19 || !luhn(number))
    errors['card.number'] = 'invCardNumberInvalid';
  const expiry = (values['card.expiry'] ?? '').trim();
  if (!/^(0[1-9]|1[0-2])\/\d{2}$/.test(expiry)) errors['card.expiry'] = 'invCardExpiryInvalid';
  else if (isExpired(expiry, now)) errors['card.expiry'] = 'invCardExpired';
  if (!/^\d{3,4}$/.test((values['card.cvc'] ?? '').trim())) errors['card.cvc'] = 'invCardCvcInvalid';
  return errors;
}

/** The card as the test gateway takes it. */
export function cardInput(values: Record<string, string>): TestCard {
  const name = (values['card.name'] ?? '').trim();
  return {
    number: digitsOf(values['card.number']),
    expiry: (values['card.expiry'] ?? '').trim(),
    cvc: (values['card.cvc'] ?? '').trim(),
    ...(name ? { name } : {}),
  };
}

/**
 * Reformats a card input as it is typed (groups of four, `MM/YY`), unless the caret is inside the text, where
 * moving it would get in the way.
 */
export function formatCardInput(input: HTMLInputElement): void {
  const format =
    input.name === 'card.number' ? groupCardNumber : input.name === 'card.expiry' ? formatExpiry : undefined;
  if (!format || input.selectionStart !== input.value.length) return;
  input.value = format(input.value);
}

export interface CardFormOptions {
  values: Record<string, string>;
  errors: Record<string, string>;
  disabled: boolean;
  t: Translate;
  onInput: (event: Event) => void;
}

/**
 * The test gateway's card fields, with the browser's card autofill names (`cc-number`, `cc-exp`, `cc-csc`,
 * `cc-name`) and the test card numbers beside them.
 */
export function cardForm(o: CardFormOptions): TemplateResult {
  const { t, values, errors } = o;
  const common = { disabled: o.disabled, onInput: o.onInput, markRequired: false };
  return html`<fieldset part="card-form" class="card-form">
    <legend part="label">${t('invCardDetails')}</legend>
    <p part="test-cards" class="hint test-cards" id="test-cards">${t('invTestCards')}</p>
    ${textField({
      ...common,
      name: 'card.number',
      label: t('invCardNumber'),
      value: values['card.number'],
      autocomplete: 'cc-number',
      inputmode: 'numeric',
      maxlength: 23,
      required: true,
      error: errors['card.number'],
    })}
    <div class="card-row">
      ${textField({
        ...common,
        name: 'card.expiry',
        label: t('invCardExpiry'),
        value: values['card.expiry'],
        autocomplete: 'cc-exp',
        inputmode: 'numeric',
        maxlength: 5,
        required: true,
        error: errors['card.expiry'],
      })}
      ${textField({
        ...common,
        name: 'card.cvc',
        label: t('invCardCvc'),
        value: values['card.cvc'],
        autocomplete: 'cc-csc',
        inputmode: 'numeric',
        maxlength: 4,
        required: true,
        error: errors['card.cvc'],
      })}
    </div>
    ${textField({
      ...common,
      name: 'card.name',
      label: t('invCardName'),
      value: values['card.name'],
      autocomplete: 'cc-name',
      maxlength: 120,
      error: errors['card.name'],
    })}
  </fieldset>`;
}

import { css, html, nothing, type TemplateResult } from 'lit';
import { checkboxField } from './form.js';

/** A product as a checkbox names it. */
export interface ProductRef {
  id: string;
  name: string;
}

const PREFIX = 'product.';

/**
 * The products to offer as checkboxes: the products listed, then those the record names that the list lacks
 * (hidden, say), so that saving never drops them.
 */
export function productChoices(
  listed: readonly ProductRef[] | undefined,
  named: readonly ProductRef[],
): ProductRef[] {
  return [
    ...(listed ?? []).map((p) => ({ id: p.id, name: p.name })),
    ...named.filter((p) => !listed?.some((l) => l.id === p.id)),
  ];
}

/** The form values that check the products `named` (each checkbox is named `product.<id>`). */
export const productValues = (named: readonly ProductRef[]): Record<string, string> =>
  Object.fromEntries(named.map((p) => [`${PREFIX}${p.id}`, 'on']));

/** The ids of the products checked in `values`. */
export const checkedProducts = (values: Record<string, string>): string[] =>
  Object.entries(values)
    .filter(([name, value]) => name.startsWith(PREFIX) && value === 'on')
    .map(([name]) => name.slice(PREFIX.length));

/** Whether a form value is a product checkbox's. */
export const isProductValue = (name: string): boolean => name.startsWith(PREFIX);

export interface ProductChecksOptions {
  legend: string;
  hint: string;
  /** Said when there are no products. */
  none: string;
  /** The products to offer (`productChoices`). */
  products: readonly ProductRef[];
  /** While there are none to offer: what the product list's load shows (its error, or loading), if not done. */
  pending: () => unknown;
  values: Record<string, string>;
  /** The message beside the choice (the field is `productIds`). */
  error: string | undefined;
  onChange: (event: Event) => void;
}

/** A fieldset of product checkboxes (`product.<id>`), styled by `productChecksStyles`. */
export function productChecks(o: ProductChecksOptions): TemplateResult {
  const error = o.error;
  const body = o.products.length
    ? html`<div class="products">
        ${o.products.map((p) =>
          checkboxField({
            name: `${PREFIX}${p.id}`,
            label: p.name,
            checked: o.values[`${PREFIX}${p.id}`] === 'on',
            onChange: o.onChange,
          }),
        )}
      </div>`
    : (o.pending() ?? html`<p class="muted">${o.none}</p>`);
  return html`<fieldset aria-describedby=${error ? 'productIds-hint productIds-error' : 'productIds-hint'}>
    <legend>${o.legend}</legend>
    <p class="hint" id="productIds-hint">${o.hint}</p>
    ${body}
    ${error ? html`<p part="error field-error" class="field-error" id="productIds-error">${error}</p>` : nothing}
  </fieldset>`;
}

/** `.products`: the product checkboxes in columns. */
export const productChecksStyles = css`
  .products {
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
  }
`;

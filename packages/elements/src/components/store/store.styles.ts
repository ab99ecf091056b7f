import { css } from 'lit';

/**
 * The product cards of `<portal-store>` and `<portal-home>`: a grid of `.products > li > .product` cards at least
 * `--_card-width` wide; each sheet adds the cards' gap and background.
 */
export const productCardStyles = css`
  .products {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-width)), 1fr));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .products > li {
    display: grid;
  }
  .product {
    display: flex;
    flex-direction: column;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;

export default css`
  :host {
    max-width: var(--portal-store-width, 72rem);
    --_panel-padding: var(--portal-store-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-store-background, var(--_surface));
    --_panel-border: var(--portal-store-border, 1px solid var(--_border));
    --_featured: var(--portal-store-featured-color, var(--_primary));
    --_card-width: var(--portal-store-card-width, 16rem);
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
  }
  .toolbar .field {
    min-width: min(100%, 16rem);
  }
  .group {
    gap: 0.75rem;
  }
  ${productCardStyles}
  .product {
    gap: 0.75rem;
    background: var(--_surface-raised);
  }
  .product.featured {
    border: 2px solid var(--_featured);
  }
  .product-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }
  .product-head h3 {
    margin-inline-end: auto;
  }
  .from {
    font-size: 1.1em;
    font-weight: 600;
  }
  .description {
    display: grid;
    gap: 0.5rem;
  }
  .features {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .product-foot {
    display: grid;
    gap: 0.75rem;
    margin-top: auto;
  }
  .product-foot a.primary {
    text-decoration: none;
  }
  .cycle-only {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .ordering {
    display: grid;
    gap: var(--_space);
    justify-items: start;
  }
  .ordering portal-order-form {
    justify-self: stretch;
    --portal-order-form-border: none;
    --portal-order-form-padding: 0;
  }
`;

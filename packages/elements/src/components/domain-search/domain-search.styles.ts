import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-domain-search-width, 48rem);
    --_panel-padding: var(--portal-domain-search-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-domain-search-background, var(--_surface));
    --_panel-border: var(--portal-domain-search-border, 1px solid var(--_border));
    --_available: var(--portal-domain-search-available-color, var(--_good));
  }
  form {
    gap: 0.375rem;
  }
  .search {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .search input {
    flex: 1 1 16rem;
    font-size: 1.05em;
  }
  .summary {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .summary:empty {
    display: none;
  }
  .rows {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem var(--_space);
    padding: 0.75rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .row:first-child {
    border-top: 1px solid var(--_border);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem;
  }
  .price {
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.good {
    color: var(--_available);
  }
  .checking {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    color: var(--_muted);
  }
  .status select {
    width: auto;
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
  }
  .transfer {
    grid-column: 1 / -1;
    display: grid;
    gap: 0.75rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .transfer .actions {
    justify-content: flex-start;
  }
  .in-cart {
    font-weight: 600;
  }
  .ideas,
  .results {
    gap: 0.5rem;
  }
  .cart {
    gap: 0.75rem;
  }
  .cart-items {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .cart-item {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    align-items: center;
    gap: 0.5rem var(--_space);
  }
  .cart-foot {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  .total {
    font-weight: 700;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-invoices-width, 60rem);
    --_panel-padding: var(--portal-invoices-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-invoices-background, var(--_surface));
    --_panel-border: var(--portal-invoices-border, 1px solid var(--_border));
  }
  .header {
    align-items: end;
  }
  .filter .field {
    grid-template-columns: auto minmax(10rem, auto);
    align-items: center;
    gap: 0.5rem;
  }
  .credit {
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_good);
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  tbody .row {
    cursor: pointer;
  }
  tbody .row:hover {
    background: var(--_surface-raised);
  }
  tbody th {
    font-weight: 600;
  }
  .overdue .due {
    color: var(--_danger);
    font-weight: 700;
  }
  .overdue th {
    border-inline-start: 3px solid var(--_danger);
  }
  [part~='invoice-link'] {
    color: var(--_primary);
    font-weight: 600;
    text-underline-offset: 0.15em;
  }
  .detail-nav {
    display: flex;
  }
  .detail-nav button span {
    margin-inline-end: 0.25rem;
  }
  /* The open invoice sits in this element's box: no second box around it. */
  portal-invoice {
    max-width: none;
    --portal-invoice-border: 0;
    --portal-invoice-padding: 0;
  }
`;

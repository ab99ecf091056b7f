import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-invoice-width, 52rem);
    --_panel-padding: var(--portal-invoice-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-invoice-background, var(--_surface));
    --_panel-border: var(--portal-invoice-border, 1px solid var(--_border));
  }
  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  h2:focus-visible,
  h3:focus-visible,
  h4:focus-visible {
    outline-offset: 4px;
  }
  h4 {
    margin: 0;
    font-size: 1em;
  }
  .dates {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem calc(var(--_space) * 2);
    margin: 0;
  }
  .dates dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .dates dd {
    margin: 0;
  }
  .dates .overdue dd {
    color: var(--_danger);
    font-weight: 600;
  }
  address {
    font-style: normal;
  }
  caption {
    padding: 0 0 0.5rem;
    text-align: start;
    font-weight: 600;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  tfoot th {
    text-align: end;
    font-weight: normal;
    color: var(--_muted);
  }
  tfoot th,
  tfoot td {
    border-bottom: 0;
    padding-block: 0.25rem;
  }
  tfoot .total th,
  tfoot .total td,
  tfoot .balance th,
  tfoot .balance td {
    color: var(--_text);
    font-weight: 700;
  }
  tfoot .total td {
    border-top: 1px solid var(--_border);
  }
  .payments {
    display: grid;
    gap: 0.5rem;
  }
  .failure {
    color: var(--_danger);
  }
  td [part~='resume'] {
    margin-inline-start: 0.5rem;
  }
  .pre {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .credit,
  .amount {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem var(--_space);
  }
  .amount .field {
    flex: 1 1 14rem;
    max-width: 20rem;
  }
  .pay-form {
    gap: var(--_space);
  }
  .gateway {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .gateway label {
    font-size: 1em;
  }
  .instructions {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem var(--_space);
    border-inline-start: 4px solid var(--_primary);
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .card-row {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
    align-items: start;
  }
  .test-cards {
    padding: 0.5rem 0.75rem;
    border: 1px dashed var(--_warn);
    border-radius: var(--_radius);
  }
  .retry {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem var(--_space);
  }
  .stripe {
    display: grid;
    gap: 0.75rem;
  }
  slot[name='stripe-card']::slotted(*) {
    display: block;
    min-height: 2.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .dialog .field-error:empty {
    display: none;
  }
`;

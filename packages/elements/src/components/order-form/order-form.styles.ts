import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-order-form-width, 44rem);
    --_panel-padding: var(--portal-order-form-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-order-form-background, var(--_surface));
    --_panel-border: var(--portal-order-form-border, 1px solid var(--_border));
  }
  .product-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  h2:focus-visible {
    outline-offset: 4px;
  }
  .description {
    display: grid;
    gap: 0.5rem;
    color: var(--_muted);
  }
  .cycles {
    gap: 0.5rem;
  }
  .cycle {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .cycle label {
    font-size: 1em;
  }
  .cycle .sub {
    display: inline;
    margin-inline-start: 0.5rem;
  }
  input[type='number'] {
    max-width: 8rem;
  }
  .domain-lines {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .domain-line {
    display: grid;
    gap: 0.75rem;
    padding-bottom: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .domain-line:last-child {
    padding-bottom: 0;
    border-bottom: 0;
  }
  .domain-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }
  .domain-head .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .domain-head .sub {
    display: inline;
  }
  .quote {
    gap: 0.5rem;
  }
  .quote-lines {
    width: 100%;
  }
  .quote-lines .num {
    text-align: end;
    white-space: nowrap;
  }
  .quote-lines tfoot th {
    font-weight: normal;
  }
  .quote-lines .total th,
  .quote-lines .total td {
    font-weight: 700;
    border-bottom: 0;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .check label {
    font-size: 1em;
    font-weight: normal;
  }
  .account {
    justify-items: start;
  }
  .account > portal-login,
  .account > portal-register {
    justify-self: stretch;
  }
  .confirmation {
    display: grid;
    gap: var(--_space);
  }
  .empty a,
  .confirmation a {
    text-decoration: none;
  }
`;

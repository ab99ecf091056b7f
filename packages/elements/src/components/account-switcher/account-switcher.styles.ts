import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: 0.75rem;
    padding: var(--_space);
    background: var(--portal-account-switcher-background, var(--_surface));
    border: var(--portal-account-switcher-border, 1px solid var(--_border));
    border-radius: var(--_radius);
  }
  h2 {
    margin: 0;
    font-size: 1em;
  }
  .list {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .account {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 0 0.75rem;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: none;
    color: var(--_text);
    text-align: start;
    font: inherit;
  }
  button.account:hover,
  button.account:focus-visible {
    background: var(--_surface-raised);
  }
  .account.current {
    border-color: var(--_primary);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .role {
    grid-column: 1;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .mark,
  .spinner {
    grid-column: 2;
    grid-row: 1 / span 2;
  }
  .mark {
    color: var(--_primary);
    font-size: 0.875em;
    font-weight: 600;
  }
  .mark::before {
    content: '✓ ' / '';
  }
`;

import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: var(--portal-login-width, 26rem);
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--portal-login-padding, calc(var(--_space) * 1.5));
    background: var(--portal-login-background, var(--_surface));
    border: var(--portal-login-border, 1px solid var(--_border));
    border-radius: var(--portal-login-radius, var(--_radius));
  }
  .title:focus {
    outline: none;
  }
  .chooser {
    display: grid;
    gap: var(--_space);
  }
  .accounts {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .account {
    display: grid;
    gap: 0.125rem;
    width: 100%;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    text-align: start;
  }
  .account[aria-current='true'] {
    border: 2px solid var(--_primary);
  }
  .account:hover:not(:disabled) {
    background: var(--_surface-raised);
  }
  .account-name {
    font-weight: 600;
  }
  .account-role {
    font-size: 0.875em;
    color: var(--_muted);
  }
`;

import { css } from 'lit';
import { srOnlyStyles } from '../../lib/style-fragments.js';

export default css`
  :host {
    display: inline-block;
    position: relative;
    --_avatar-size: var(--portal-account-menu-avatar-size, 2rem);
  }
  .trigger {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.25rem 0.75rem 0.25rem 0.25rem;
    border: 1px solid var(--portal-account-menu-border-color, var(--_border));
    border-radius: 999px;
    background: var(--portal-account-menu-background, var(--_surface));
    color: var(--_text);
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    width: var(--_avatar-size);
    height: var(--_avatar-size);
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
    font-size: 0.8em;
    font-weight: 700;
  }
  .panel {
    position: absolute;
    z-index: var(--portal-account-menu-z-index, 10);
    inset-inline-end: 0;
    top: calc(100% + 0.25rem);
    display: grid;
    gap: 0.5rem;
    min-width: var(--portal-account-menu-width, 16rem);
    padding: 0.75rem;
    border: 1px solid var(--portal-account-menu-border-color, var(--_border));
    border-radius: var(--_radius);
    background: var(--portal-account-menu-background, var(--_surface));
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  }
  .panel[hidden] {
    display: none;
  }
  .who {
    display: grid;
    gap: 0.125rem;
    padding-bottom: 0.5rem;
    border-bottom: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .who .name {
    font-weight: 600;
  }
  .who .email,
  .who .account {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [role='menu'] {
    display: grid;
  }
  [role^='menuitem'] {
    padding: 0.5rem;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_text);
    text-align: start;
  }
  [role^='menuitem']:hover,
  [role^='menuitem']:focus-visible {
    background: var(--_surface-raised);
  }
  .accounts {
    display: grid;
  }
  .group-label {
    padding: 0.25rem 0.5rem;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
  }
  [role='menuitemradio'] {
    display: grid;
    grid-template-columns: 1.25rem 1fr;
    column-gap: 0.25rem;
    font: inherit;
  }
  [role='menuitemradio']::before {
    content: '';
    grid-row: 1 / span 2;
  }
  [role='menuitemradio'][aria-checked='true']::before {
    content: '✓' / '';
    color: var(--_primary);
    font-weight: 700;
  }
  .account-name {
    overflow-wrap: anywhere;
  }
  .account-role {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .separator {
    margin: 0.25rem 0;
    border-top: 1px solid var(--_border);
  }
  .sign-in {
    color: var(--_primary);
    font-weight: 600;
  }
  ${srOnlyStyles}
  .skeleton {
    display: inline-block;
    width: 8rem;
    height: 2.75rem;
    border-radius: 999px;
    background: var(--_surface-raised);
  }
`;

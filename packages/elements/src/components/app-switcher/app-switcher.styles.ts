import { css } from 'lit';
import { srOnlyStyles } from '../../lib/style-fragments.js';

export default css`
  :host {
    display: inline-block;
    position: relative;
    --_border-color: var(--portal-app-switcher-border-color, var(--_border));
    --_background: var(--portal-app-switcher-background, var(--_surface));
  }
  .trigger {
    display: inline-grid;
    place-items: center;
    width: 2.75rem;
    height: 2.75rem;
    padding: 0;
    border: 1px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
    cursor: pointer;
  }
  .trigger:hover,
  .trigger[aria-expanded='true'] {
    background: var(--_surface-raised);
  }
  .icon {
    display: inline-grid;
  }
  .panel {
    position: absolute;
    z-index: var(--portal-app-switcher-z-index, 10);
    inset-inline-end: 0;
    top: calc(100% + 0.25rem);
    display: grid;
    gap: 0.5rem;
    min-width: var(--portal-app-switcher-width, 18rem);
    max-width: min(24rem, calc(100vw - 1rem));
    padding: 0.5rem;
    border: 1px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--_background);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  }
  .panel[hidden] {
    display: none;
  }
  .menu {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0.75rem;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_text);
    font: inherit;
    text-align: start;
    text-decoration: none;
    cursor: pointer;
  }
  .item:hover,
  .item:focus-visible {
    background: var(--_surface-raised);
  }
  .item[aria-current='page'] {
    box-shadow: inset 3px 0 0 var(--_primary);
  }
  .item[aria-current='page'] .name {
    color: var(--_primary);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .description {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .note {
    margin: 0;
    padding: 0.5rem 0.75rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  ${srOnlyStyles}
`;

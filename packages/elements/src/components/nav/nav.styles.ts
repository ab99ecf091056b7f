import { css } from 'lit';
import { srOnlyStyles } from '../../lib/style-fragments.js';

export default css`
  :host {
    display: block;
    position: sticky;
    top: 0;
    z-index: var(--portal-nav-z-index, 20);
    container-type: inline-size;
  }
  .bar {
    background: var(--portal-nav-background, var(--_surface));
    border-bottom: 1px solid var(--portal-nav-border-color, var(--_border));
  }
  .inner {
    position: relative;
    display: flex;
    align-items: center;
    gap: var(--_space);
    max-width: var(--portal-nav-max-width, 72rem);
    min-height: var(--portal-nav-height, 4rem);
    margin: 0 auto;
    padding: 0.5rem var(--_space);
  }
  a {
    color: inherit;
    text-decoration: none;
  }
  .brand {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    margin-inline-end: auto;
    font-weight: 700;
    font-size: 1.125em;
  }
  .brand img {
    display: block;
    height: var(--portal-nav-logo-height, 2rem);
    width: auto;
  }
  .menu,
  .links,
  .account {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .menu {
    gap: var(--_space);
  }
  .links {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .links a,
  .sign-in {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0 0.5rem;
    border-radius: var(--_radius);
  }
  .links a:hover,
  .sign-in:hover {
    background: var(--_surface-raised);
  }
  .links a[aria-current='page'] {
    color: var(--_primary);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.3em;
  }
  .sign-in {
    color: var(--_primary);
    font-weight: 600;
  }
  .menu-button {
    display: none;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .bars,
  .bars::before,
  .bars::after {
    display: block;
    width: 1.125rem;
    height: 2px;
    background: currentColor;
  }
  .bars {
    position: relative;
  }
  .bars::before,
  .bars::after {
    content: '';
    position: absolute;
  }
  .bars::before {
    top: -6px;
  }
  .bars::after {
    top: 6px;
  }
  .skeleton {
    display: inline-block;
    height: 2rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .skeleton.brand {
    width: 9rem;
  }
  .account-skeleton {
    width: 8rem;
  }
  ${srOnlyStyles}
  @container (width < 48rem) {
    .menu-button {
      display: inline-flex;
    }
    .menu {
      display: none;
      position: absolute;
      top: 100%;
      inset-inline: 0;
      flex-direction: column;
      align-items: stretch;
      gap: 0.5rem;
      padding: 0.5rem var(--_space) var(--_space);
      background: var(--portal-nav-background, var(--_surface));
      border-bottom: 1px solid var(--portal-nav-border-color, var(--_border));
    }
    .menu.open {
      display: flex;
    }
    .links {
      flex-direction: column;
      align-items: stretch;
    }
    .account {
      flex-wrap: wrap;
    }
    /* The switcher starts its row here: its menu opens towards the end, within the bar. */
    portal-app-switcher::part(panel) {
      inset-inline-start: 0;
      inset-inline-end: auto;
      min-width: min(var(--portal-app-switcher-width, 18rem), calc(100cqi - 2 * var(--_space)));
      max-width: calc(100cqi - 2 * var(--_space));
    }
  }
`;

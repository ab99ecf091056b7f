import { css } from 'lit';

export default css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--portal-admin-background, var(--_surface-raised));
    --_nav-width: var(--portal-admin-nav-width, 15rem);
  }
  /* The pages inside follow the console's forced scheme, as elements inside a <portal-provider theme> do. */
  :host([theme='dark']) {
    --portal-color-scheme: dark;
  }
  :host([theme='light']) {
    --portal-color-scheme: light;
  }
  .shell {
    display: grid;
    grid-template-columns: var(--_nav-width) minmax(0, 1fr);
    grid-template-rows: auto 1fr;
    grid-template-areas: 'header header' 'nav main';
    min-height: 100vh;
  }
  .top {
    grid-area: header;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: 0.75rem calc(var(--_space) * 1.5);
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .brand {
    font-weight: 700;
    font-size: 1.1em;
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  nav {
    grid-area: nav;
    padding: var(--_space);
    background: var(--_surface);
    border-inline-end: 1px solid var(--_border);
  }
  nav ul {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  nav a {
    display: block;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    color: var(--_text);
    text-decoration: none;
  }
  .nav-group {
    display: grid;
    gap: 0.25rem;
    margin-top: 0.5rem;
  }
  .nav-group-name {
    padding: 0 0.75rem;
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  nav a:hover {
    background: var(--_surface-raised);
  }
  nav a[aria-current] {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  main {
    grid-area: main;
    padding: calc(var(--_space) * 1.5);
    min-width: 0;
  }
  .center {
    display: grid;
    place-items: start center;
    gap: var(--_space);
    min-height: 100vh;
    padding: calc(var(--_space) * 3) var(--_space);
  }
  .center > * {
    width: min(100%, 28rem);
  }
  .center.wide > * {
    width: min(100%, 40rem);
  }
  .app-status:empty {
    display: none;
  }
  .app-status {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .skip {
    position: absolute;
    inset-inline-start: 0.5rem;
    top: -10rem;
    padding: 0.5rem 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .skip:focus {
    top: 0.5rem;
  }
  @media (max-width: 48rem) {
    .shell {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'header' 'nav' 'main';
      grid-template-rows: auto auto 1fr;
    }
    nav {
      border-inline-end: 0;
      border-bottom: 1px solid var(--_border);
    }
    nav ul {
      display: flex;
      flex-wrap: wrap;
    }
  }
`;

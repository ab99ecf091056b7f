import { css } from 'lit';
import { srOnlyStyles } from '../../lib/style-fragments.js';

export default css`
  :host {
    display: block;
  }
  .base {
    background: var(--portal-footer-background, var(--_surface-raised));
    border-top: 1px solid var(--portal-footer-border-color, var(--_border));
    color: var(--_muted);
    font-size: 0.875em;
  }
  .inner {
    display: grid;
    gap: var(--_space);
    max-width: var(--portal-footer-max-width, 72rem);
    margin: 0 auto;
    padding: calc(var(--_space) * 1.5) var(--_space);
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }
  .links a {
    display: inline-block;
    padding: 0.25rem 0;
    color: var(--_text);
  }
  .content {
    overflow-wrap: anywhere;
  }
  .content > :first-child {
    margin-top: 0;
  }
  .content > :last-child {
    margin-bottom: 0;
  }
  .content h2,
  .content h3,
  .content h4 {
    color: var(--_text);
    font-size: 1em;
  }
  .copyright {
    margin: 0;
  }
  .skeleton {
    height: 6rem;
    background: var(--_surface-raised);
  }
  ${srOnlyStyles}
`;

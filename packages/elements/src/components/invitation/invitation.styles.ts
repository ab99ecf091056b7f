import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: var(--portal-invitation-width, 26rem);
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--portal-invitation-padding, calc(var(--_space) * 1.5));
    background: var(--portal-invitation-background, var(--_surface));
    border: var(--portal-invitation-border, 1px solid var(--_border));
    border-radius: var(--_radius);
  }
  .hint a {
    color: var(--_primary);
  }
  .title:focus {
    outline: none;
  }
`;

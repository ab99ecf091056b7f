import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: var(--portal-magic-link-width, 26rem);
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--portal-magic-link-padding, calc(var(--_space) * 1.5));
    background: var(--portal-magic-link-background, var(--_surface));
    border: var(--portal-magic-link-border, 1px solid var(--_border));
    border-radius: var(--_radius);
  }
  .title:focus {
    outline: none;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: var(--portal-register-width, 26rem);
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--portal-register-padding, calc(var(--_space) * 1.5));
    background: var(--portal-register-background, var(--_surface));
    border: var(--portal-register-border, 1px solid var(--_border));
    border-radius: var(--portal-register-radius, var(--_radius));
  }
`;

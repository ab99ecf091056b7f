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
`;

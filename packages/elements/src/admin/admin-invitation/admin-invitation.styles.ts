import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-admin-invitation-width, 28rem);
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-api-tokens-width, 56rem);
    --_panel-padding: var(--portal-api-tokens-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-api-tokens-background, var(--_surface));
    --_panel-border: var(--portal-api-tokens-border, 1px solid var(--_border));
  }
  .created h3:focus-visible {
    outline-offset: 4px;
  }
  .created .mono {
    font-size: 0.875em;
  }
`;

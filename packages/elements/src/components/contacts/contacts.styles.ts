import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-contacts-width, 60rem);
    --_panel-padding: var(--portal-contacts-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-contacts-background, var(--_surface));
    --_panel-border: var(--portal-contacts-border, 1px solid var(--_border));
  }
  .roles {
    gap: 0.5rem;
  }
  .role {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5rem;
    align-items: center;
  }
  .role label {
    font-size: 1em;
  }
  .role .hint {
    grid-column: 2;
  }
  .row-actions {
    gap: 0.25rem;
  }
  #contact-form h3:focus-visible {
    outline-offset: 4px;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-service-width, 48rem);
    --_panel-padding: var(--portal-service-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-service-background, var(--_surface));
    --_panel-border: var(--portal-service-border, 1px solid var(--_border));
  }
  .header {
    align-items: flex-start;
  }
  .cancellation {
    gap: 0.75rem;
    justify-items: start;
  }
  .cancellation > * {
    justify-self: stretch;
  }
  .cancellation > .actions {
    justify-self: start;
  }
  #cancellation-title:focus-visible {
    outline-offset: 4px;
  }
  .request {
    display: grid;
    gap: 0.5rem;
  }
  h4 {
    margin: 0;
    font-size: 1em;
  }
  .when {
    gap: 0.5rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .choice label {
    font-size: 1em;
    font-weight: normal;
  }
  textarea {
    min-height: 5rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
`;

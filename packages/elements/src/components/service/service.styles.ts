import { css } from 'lit';
import { textareaStyles } from '../../lib/style-fragments.js';

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
  ${textareaStyles}
  textarea {
    min-height: 5rem;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: var(--portal-unsubscribe-width, 32rem);
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--portal-unsubscribe-padding, calc(var(--_space) * 1.5));
    background: var(--portal-unsubscribe-background, var(--_surface));
    border: var(--portal-unsubscribe-border, 1px solid var(--_border));
    border-radius: var(--_radius);
  }
  .title:focus {
    outline: none;
  }
  .question {
    margin: 0;
    font-weight: 600;
  }
  .done {
    display: grid;
    gap: 0.5rem;
  }
  .done p {
    margin: 0;
  }
  .intro {
    color: var(--_text);
  }
  form {
    justify-items: start;
  }
`;

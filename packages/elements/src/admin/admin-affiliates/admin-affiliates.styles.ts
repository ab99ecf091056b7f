import { css } from 'lit';

export default css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    min-height: 2.5rem;
    padding: 0.25rem 1rem;
    border: 1px solid transparent;
    border-bottom: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_muted);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_primary);
  }
  .panel {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .rule-row,
  .product-rule {
    display: grid;
    align-items: start;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
  }
  .product-rule {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .product-rule > button {
    align-self: end;
    justify-self: start;
  }
  .details {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .dialog form {
    display: grid;
    gap: var(--_space);
  }
  .dialog-alert:empty {
    display: none;
  }
  .dialog-alert {
    color: var(--_danger);
  }
  fieldset:disabled {
    opacity: 1;
  }
`;

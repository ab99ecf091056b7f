import { css } from 'lit';

export default css`
  .editor {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .description {
    font-weight: 400;
    font-size: 0.875em;
  }
  .types {
    display: grid;
    gap: 0.5rem 1rem;
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .type {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }
  fieldset:disabled {
    opacity: 1;
  }
`;

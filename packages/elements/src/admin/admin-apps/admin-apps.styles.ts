import { css } from 'lit';

export default css`
  .apps {
    display: grid;
    gap: var(--_space);
  }
  .app form {
    display: grid;
    gap: var(--_space);
  }
  .app-head {
    display: flex;
    flex-wrap: wrap;
    align-items: start;
    justify-content: space-between;
    gap: var(--_space);
  }
  .switch {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 600;
  }
  .switch input {
    inline-size: 2.5rem;
    block-size: 1.25rem;
    accent-color: var(--_primary);
  }
  .effective {
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .choices {
    display: grid;
    gap: 0.5rem 1rem;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .choices label {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }
  .invite {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  fieldset:disabled {
    opacity: 1;
  }
`;

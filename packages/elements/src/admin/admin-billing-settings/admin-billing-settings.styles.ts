import { css } from 'lit';

export default css`
  .example output {
    font-weight: 600;
  }
  .rule-row {
    display: grid;
    grid-template-columns: minmax(8rem, 2fr) minmax(6rem, 1fr) minmax(6rem, 1fr) minmax(8rem, 2fr) auto;
    align-items: end;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .rule-row legend {
    float: left;
    grid-column: 1 / -1;
    margin: 0;
    font-size: 0.875em;
  }
  @media (max-width: 48rem) {
    .rule-row {
      grid-template-columns: 1fr 1fr;
    }
  }
  .savebar {
    position: sticky;
    bottom: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: 0.75rem 0;
    background: var(--portal-admin-background, var(--_surface-raised));
  }
  .gateway {
    display: grid;
    gap: 0.75rem;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .secret {
    display: grid;
    gap: 0.375rem;
    justify-items: start;
  }
  .secret .field {
    width: 100%;
  }
  fieldset:disabled {
    opacity: 1;
  }
`;

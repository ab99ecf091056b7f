import { css } from 'lit';

export default css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  .lines {
    gap: var(--_space);
  }
  .line {
    display: grid;
    grid-template-columns: minmax(12rem, 3fr) minmax(5rem, 1fr) minmax(8rem, 1.5fr) auto auto;
    align-items: end;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .line-legend {
    float: left;
    grid-column: 1 / -1;
    margin: 0;
    font-size: 0.875em;
  }
  .line .checkbox {
    align-self: center;
  }
  @media (max-width: 48rem) {
    .line {
      grid-template-columns: 1fr 1fr;
    }
    .line .field:first-of-type {
      grid-column: 1 / -1;
    }
  }
  .estimate {
    display: grid;
    gap: 0.5rem;
    max-width: 28rem;
    padding: 0.75rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .estimate dd.num {
    text-align: end;
  }
`;

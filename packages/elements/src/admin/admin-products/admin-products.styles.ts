import { css } from 'lit';
import { titleRowStyles } from '../lib/styles.js';

export default css`
  ${titleRowStyles}
  .flags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-top: 0.25rem;
  }
  .flags:empty {
    display: none;
  }
  .price-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .prices table {
    width: auto;
  }
  .prices td {
    min-width: 7rem;
  }
  .prices td.setupFee input {
    background: var(--_surface-raised);
  }
  .prices input {
    width: 100%;
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
  }
  .add {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem;
  }
  .add .field {
    flex: 0 1 10rem;
  }
`;

import { css } from 'lit';
import { titleRowStyles } from '../lib/styles.js';

export default css`
  ${titleRowStyles}
  .price-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .grid table {
    width: auto;
  }
  .grid td {
    min-width: 6.5rem;
  }
  .grid input {
    width: 100%;
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
  }
  .grid td.fill {
    white-space: nowrap;
  }
  .currency {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem;
  }
  .currency .field {
    flex: 0 1 12rem;
  }
  .rdap {
    display: block;
    font-size: 0.875em;
  }
  fieldset:disabled {
    opacity: 1;
  }
`;

import { css } from 'lit';
import { fieldsetRowStyles, saveBarStyles, titleRowStyles } from '../lib/styles.js';

export default css`
  ${titleRowStyles} ${saveBarStyles} ${fieldsetRowStyles}
  .example output {
    font-weight: 600;
  }
  .rule-row {
    grid-template-columns: minmax(8rem, 2fr) minmax(6rem, 1fr) minmax(6rem, 1fr) minmax(8rem, 2fr) auto;
  }
  @media (max-width: 48rem) {
    .rule-row {
      grid-template-columns: 1fr 1fr;
    }
  }
  .gateway {
    display: grid;
    gap: 0.75rem;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
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

import { css } from 'lit';
import { saveBarStyles } from '../lib/styles.js';

export default css`
  ${saveBarStyles}
  .nameservers {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .nameserver {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem;
  }
  .nameserver .field {
    flex: 1 1 18rem;
    max-width: 32rem;
  }
  fieldset:disabled {
    opacity: 1;
  }
`;

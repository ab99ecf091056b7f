import { css } from 'lit';
import { recordHeadStyles } from '../lib/styles.js';

export default css`
  ${recordHeadStyles}
  .address {
    white-space: pre-line;
  }
  .totals {
    justify-self: end;
    min-width: min(100%, 20rem);
  }
  .totals dd {
    text-align: end;
  }
  .radio {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    font-weight: 400;
    font-size: 1em;
  }
  input[type='radio'] {
    flex: none;
    min-height: 0;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
`;

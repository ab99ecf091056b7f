import { css } from 'lit';

export default css`
  .back {
    font-size: 0.875em;
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
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

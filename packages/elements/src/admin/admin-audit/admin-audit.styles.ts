import { css } from 'lit';

export default css`
  .filters {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    align-items: start;
  }
  .filters .actions {
    grid-column: 1 / -1;
  }
  td {
    font-size: 0.9375em;
  }
  .sub {
    display: block;
    color: var(--_muted);
    font-size: 0.8125em;
  }
  .details {
    max-width: 24rem;
  }
`;

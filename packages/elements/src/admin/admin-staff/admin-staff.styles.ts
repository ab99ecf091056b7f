import { css } from 'lit';

export default css`
  td select {
    min-width: 8rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
  }
  .you {
    color: var(--_muted);
    font-size: 0.875em;
  }
`;

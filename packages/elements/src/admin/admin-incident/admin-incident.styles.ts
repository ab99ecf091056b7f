import { css } from 'lit';

export default css`
  .timeline {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .update {
    display: grid;
    gap: 0.5rem;
    padding-inline-start: 1rem;
    border-inline-start: 3px solid var(--_border);
  }
  .update-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
`;

import { css } from 'lit';

export default css`
  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .counts div {
    display: grid;
    gap: 0.125rem;
    min-width: 8rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .counts dd {
    font-size: 1.5em;
    font-weight: 700;
  }
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .bulk p {
    margin-inline-end: auto;
  }
  td.select,
  th.select {
    width: 2.5rem;
  }
  .results {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .results li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem;
  }
`;

import { css } from 'lit';

export default css`
  .questions {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .question {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .question > h3 {
    font-size: 1em;
  }
  summary {
    cursor: pointer;
    color: var(--_muted);
  }
  details[open] summary {
    margin-bottom: 0.5rem;
  }
`;

import { css } from 'lit';

export default css`
  .link {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .details {
    white-space: pre-line;
  }
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
  }
  .stat {
    display: block;
    color: var(--_text);
    font-size: 1.5em;
    font-weight: 700;
  }
  td.out {
    color: var(--_danger);
  }
  tr[tabindex='-1']:focus {
    outline: 2px solid var(--_primary);
    outline-offset: -2px;
  }
`;

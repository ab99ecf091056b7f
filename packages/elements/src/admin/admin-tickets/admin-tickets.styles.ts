import { css } from 'lit';

export default css`
  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    grid-template-columns: minmax(0, 1fr);
    align-items: start;
  }
  @media (min-width: 60rem) {
    .layout {
      grid-template-columns: minmax(12rem, 15rem) minmax(0, 1fr);
    }
  }
  .list {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .queues-nav ul {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .queues-nav .departments {
    gap: 0.75rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--_border);
  }
  .queues-nav a {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.25rem 0.5rem;
    border-radius: var(--_radius);
    text-decoration: none;
  }
  .queues-nav a:hover {
    background: var(--_surface-raised);
  }
  .queues-nav a[aria-current='true'] {
    background: var(--_surface-raised);
    font-weight: 600;
    box-shadow: inset 3px 0 0 var(--_primary);
  }
  .queues-nav a.department {
    font-weight: 600;
    color: var(--_text);
  }
  .counts {
    display: grid;
    gap: 0.125rem;
    padding-left: 0.5rem;
    font-size: 0.875em;
  }
  .counts a {
    justify-content: flex-start;
    color: var(--_muted);
  }
  .count {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  /* A customer's reply waits on staff: it stands out, by weight and colour and with a marker, not colour alone. */
  .counts a.waiting:not(.none) {
    color: var(--_danger);
    font-weight: 700;
  }
  .counts a.waiting:not(.none)::before {
    content: '●';
    font-size: 0.75em;
  }
  .clear {
    align-self: end;
  }
  .subject {
    min-width: 12rem;
  }
  .small-text {
    font-size: 0.8125em;
  }
  tr.waiting-row td:first-child {
    box-shadow: inset 3px 0 0 var(--_danger);
  }
  .filtered {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;

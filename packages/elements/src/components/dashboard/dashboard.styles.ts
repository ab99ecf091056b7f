import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-dashboard-width, 72rem);
    --_panel-padding: var(--portal-dashboard-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-dashboard-background, var(--_surface));
    --_panel-border: var(--portal-dashboard-border, 1px solid var(--_border));
  }
  .cards {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--portal-dashboard-card-width, 12rem)), 1fr));
  }
  .figure-card {
    gap: 0.25rem;
    align-content: start;
  }
  .figure-card h3 {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_muted);
  }
  .figure {
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.2;
  }
  .figure.none {
    font-size: 1.1em;
    font-weight: 600;
    color: var(--_muted);
  }
  .overdue .badge {
    font-size: 0.875em;
  }
  .list {
    gap: 0.5rem;
  }
  .num {
    text-align: end;
    white-space: nowrap;
  }
  .table-wrap table {
    min-width: 28rem;
  }
  .signed-out a {
    text-decoration: none;
  }
`;

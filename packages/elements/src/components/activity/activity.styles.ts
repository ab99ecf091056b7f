import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-activity-width, 48rem);
    --_panel-padding: var(--portal-activity-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-activity-background, var(--_surface));
    --_panel-border: var(--portal-activity-border, 1px solid var(--_border));
  }
  .day {
    gap: 0.5rem;
  }
  .entries {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .entry {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0 0.5rem 0.75rem;
    border-inline-start: 2px solid var(--_border);
  }
  .entry.failed {
    border-inline-start-color: var(--_danger);
  }
  .entry:focus-visible {
    outline-offset: 0;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-tickets-width, 64rem);
    --_panel-padding: var(--portal-tickets-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-tickets-background, var(--_surface));
    --_panel-border: var(--portal-tickets-border, 1px solid var(--_border));
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem;
  }
  .filter {
    min-width: 12rem;
  }
  .open {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  tr.answered .open {
    font-weight: 700;
  }
  .priority.high,
  .priority.urgent {
    font-weight: 700;
  }
  .priority.urgent {
    color: var(--_danger);
  }
  time {
    white-space: nowrap;
  }
  .empty {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  .back {
    justify-self: start;
  }
  #new-title:focus-visible {
    outline-offset: 4px;
  }
  portal-ticket {
    --portal-ticket-border: none;
    --portal-ticket-padding: 0;
  }
`;

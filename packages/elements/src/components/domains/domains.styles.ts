import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-domains-width, 64rem);
    --_panel-padding: var(--portal-domains-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-domains-background, var(--_surface));
    --_panel-border: var(--portal-domains-border, 1px solid var(--_border));
  }
  .filter {
    min-width: 12rem;
  }
  .open {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .soon {
    color: var(--_warn);
    font-weight: 600;
  }
  tr.expired .open,
  tr.failed .open {
    color: var(--_danger);
  }
  .empty {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  .empty a {
    text-decoration: none;
  }
  .back {
    justify-self: start;
  }
  portal-domain {
    --portal-domain-border: none;
    --portal-domain-padding: 0;
  }
`;

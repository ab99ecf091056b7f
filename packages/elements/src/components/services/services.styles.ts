import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-services-width, 64rem);
    --_panel-padding: var(--portal-services-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-services-background, var(--_surface));
    --_panel-border: var(--portal-services-border, 1px solid var(--_border));
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    min-height: 2.75rem;
    padding: 0.5rem 0.875rem;
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_muted);
    font-weight: 600;
  }
  .tab[aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_primary);
  }
  .panel {
    display: grid;
    gap: var(--_space);
  }
  .num {
    text-align: end;
    white-space: nowrap;
  }
  .open {
    font-weight: 600;
    text-align: start;
  }
  .back {
    justify-self: start;
  }
  portal-service {
    --portal-service-border: none;
    --portal-service-padding: 0;
  }
`;

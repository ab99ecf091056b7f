import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-communities-width, 64rem);
    --_panel-padding: var(--portal-communities-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-communities-background, var(--_surface));
    --_panel-border: var(--portal-communities-border, 1px solid var(--_border));
  }
  .groups {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .group {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }
  .group.member {
    border-inline-start: 4px solid var(--_primary);
  }
  .group-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
  }
  .name {
    font-size: 1.05em;
    overflow-wrap: anywhere;
  }
  .name a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }
  .description {
    overflow-wrap: anywhere;
  }
  .facts,
  .activity {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .group .actions {
    margin-top: auto;
    padding-top: 0.25rem;
  }
  .unavailable {
    color: var(--_muted);
  }
`;

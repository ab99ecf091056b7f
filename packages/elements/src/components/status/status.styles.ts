import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-status-width, 64rem);
    --_panel-padding: var(--portal-status-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-status-background, var(--_surface));
    --_panel-border: var(--portal-status-border, 1px solid var(--_border));
    --_s-operational: var(--portal-status-operational, var(--_good));
    --_s-maintenance: var(--portal-status-maintenance, var(--_primary));
    --_s-degraded: var(--portal-status-degraded, var(--_warn));
    --_s-partial: var(--portal-status-partial, light-dark(#b45309, #fdba74));
    --_s-major: var(--portal-status-major, var(--_danger));
  }
  .s-operational {
    --_s: var(--_s-operational);
  }
  .s-maintenance {
    --_s: var(--_s-maintenance);
  }
  .s-degraded {
    --_s: var(--_s-degraded);
  }
  .s-partial_outage {
    --_s: var(--_s-partial);
  }
  .s-major_outage {
    --_s: var(--_s-major);
  }
  .overall {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding: 0.75rem var(--_space);
    border: 2px solid var(--_s);
    border-inline-start-width: 0.5rem;
    border-radius: var(--_radius);
    font-size: 1.15em;
    font-weight: 600;
  }
  .icon {
    display: inline-grid;
    place-items: center;
    width: 1.5em;
    height: 1.5em;
    border-radius: 50%;
    background: var(--_s);
    color: var(--_surface);
    font-size: 0.85em;
    font-weight: 700;
    line-height: 1;
  }
  .components {
    gap: 0.75rem;
  }
  .group {
    gap: 0.5rem;
  }
  h4 {
    margin: 0;
    font-size: 1em;
  }
  h4:focus {
    outline: none;
  }
  .rows,
  .incident-list,
  .updates {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .component {
    display: grid;
    gap: 0.375rem;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .component-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem var(--_space);
  }
  .component-name {
    font-weight: 600;
  }
  .component-status {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-weight: 600;
    font-size: 0.9em;
  }
  .bars {
    display: flex;
    gap: 1px;
    height: 2rem;
  }
  .bar {
    flex: 1;
    min-width: 1px;
    border-radius: 1px;
    background: var(--_s);
  }
  .bar.s-operational {
    opacity: 0.75;
  }
  .bar:hover,
  .bar:focus-visible {
    opacity: 1;
    transform: scaleY(1.15);
  }
  .bars-legend {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .day-tip {
    text-align: center;
    color: var(--_text);
  }
  .incidents {
    gap: 0.75rem;
  }
  .incident {
    display: grid;
    gap: 0.375rem;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_border);
    border-radius: var(--_radius);
  }
  .incident.impact-minor {
    border-inline-start-color: var(--_s-degraded);
  }
  .incident.impact-major {
    border-inline-start-color: var(--_s-partial);
  }
  .incident.impact-critical {
    border-inline-start-color: var(--_s-major);
  }
  .incident.maintenance {
    border-inline-start-color: var(--_s-maintenance);
  }
  .incident-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
  }
  .window {
    font-weight: 600;
  }
  .update {
    display: grid;
    gap: 0.25rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_border);
  }
  .update-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
  }
  .updates-toggle summary {
    cursor: pointer;
    color: var(--_primary);
  }
  .updates-toggle[open] summary {
    margin-bottom: 0.5rem;
  }
`;

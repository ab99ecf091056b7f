import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-domain-width, 48rem);
    --_panel-padding: var(--portal-domain-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-domain-background, var(--_surface));
    --_panel-border: var(--portal-domain-border, 1px solid var(--_border));
  }
  .header {
    align-items: flex-start;
  }
  h2 {
    overflow-wrap: anywhere;
  }
  #domain-title:focus-visible,
  #renew-title:focus-visible {
    outline-offset: 4px;
  }
  .banner {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  .banner > p {
    justify-self: stretch;
  }
  .banner.bad {
    border-color: var(--_danger);
  }
  .banner.good {
    border-color: var(--_good);
  }
  .banner.neutral {
    border-color: var(--_border);
  }
  .banner a {
    text-decoration: none;
  }
  .details {
    --_details-column: 11rem;
  }
  .soon {
    color: var(--_warn);
    font-weight: 600;
  }
  section {
    gap: 0.75rem;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .ns-rows,
  .ns-list,
  .toggles {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .ns-list {
    gap: 0.25rem;
  }
  .ns-form input,
  input[name='epp'] {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  .ns-form .control button {
    align-self: center;
  }
  .toggle {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem var(--_space);
    align-items: center;
  }
  .toggle-text {
    display: grid;
    gap: 0.125rem;
  }
  .toggle-label {
    font-weight: 600;
  }
  .toggle .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .toggle .field-error {
    grid-column: 1 / -1;
  }
  .toggle .field-error:empty {
    display: none;
  }
  .switch {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_text);
  }
  .track {
    position: relative;
    display: inline-block;
    width: 2.75rem;
    height: 1.5rem;
    border: 2px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface-raised);
    transition: background 0.15s;
  }
  .thumb {
    position: absolute;
    top: 0.125rem;
    left: 0.125rem;
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    background: var(--_muted);
    transition: transform 0.15s;
  }
  .switch[aria-checked='true'] .track {
    border-color: var(--_primary);
    background: var(--_primary);
  }
  .switch[aria-checked='true'] .thumb {
    background: var(--_on-primary);
    transform: translateX(1.25rem);
  }
  .switch[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .state {
    min-width: 2.5rem;
    font-size: 0.875em;
    font-weight: 600;
  }
  @media (prefers-reduced-motion: reduce) {
    .track,
    .thumb {
      transition: none;
    }
  }
  select {
    max-width: 20rem;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-ticket-width, 48rem);
    --_panel-padding: var(--portal-ticket-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-ticket-background, var(--_surface));
    --_panel-border: var(--portal-ticket-border, 1px solid var(--_border));
    --_staff-background: var(
      --portal-ticket-staff-background,
      color-mix(in srgb, var(--_primary) 8%, var(--_surface))
    );
  }
  .header {
    align-items: flex-start;
  }
  .heading {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }
  .reference {
    color: var(--_muted);
  }
  h2 {
    overflow-wrap: anywhere;
  }
  #ticket-title:focus-visible {
    outline-offset: 4px;
  }
  .header-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .details {
    --_details-column: 10rem;
  }
  .priority.high,
  .priority.urgent {
    font-weight: 700;
  }
  .priority.urgent {
    color: var(--_danger);
  }
  .thread {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .message {
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }
  /* The support team's messages: tinted, with a brand-coloured edge (and a label, never the colour alone). */
  .message.staff {
    background: var(--_staff-background);
    border-inline-start: 4px solid var(--_primary);
  }
  .message:focus-visible {
    outline-offset: 2px;
  }
  .message-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }
  .author {
    font-weight: 700;
  }
  .staff-badge {
    color: var(--_primary);
  }
  .when {
    margin-inline-start: auto;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .message-files {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .download {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    max-width: 100%;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .download:hover:not(:disabled) {
    border-color: var(--_primary);
  }
  .download-name {
    font-weight: 600;
    color: var(--_primary);
    overflow-wrap: anywhere;
    text-align: start;
  }
  .download-size {
    color: var(--_muted);
    font-size: 0.875em;
    white-space: nowrap;
  }
  .reply {
    gap: 0.75rem;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .not-found {
    color: var(--_muted);
  }
`;

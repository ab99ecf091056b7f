import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: var(--portal-security-width, 44rem);
  }
  .base {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .section {
    display: grid;
    gap: var(--_space);
    padding: var(--portal-security-padding, calc(var(--_space) * 1.25));
    background: var(--portal-security-background, var(--_surface));
    border: var(--portal-security-border, 1px solid var(--_border));
    border-radius: var(--_radius);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  .subtitle {
    margin: 0;
    font-size: 1.05em;
  }
  p {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 1em;
    font-weight: 400;
  }
  .check input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0;
    padding: 0;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem;
  }
  .badge {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.on {
    border-color: transparent;
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .steps {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .steps li {
    display: grid;
    gap: 0.5rem;
  }
  .qr {
    display: block;
    width: var(--portal-security-qr-size, 12rem);
    height: auto;
    padding: 0.5rem;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .secret {
    padding: 0.375rem 0.625rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-size: 1.1em;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .codes-box {
    display: grid;
    gap: var(--_space);
  }
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0.75rem 1rem;
    list-style: none;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-size: 1.05em;
  }
  .rows {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  .row:first-child {
    padding-top: 0;
    border-top: 0;
  }
  .row-main {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }
  .row-title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem;
    font-weight: 600;
  }
  .row-meta {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .row-actions {
    display: flex;
    gap: 0.5rem;
  }
  .row-form,
  .confirm {
    display: grid;
    flex: 1 1 100%;
    gap: 0.5rem;
  }
  .secondary.small {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.875em;
  }
  .secondary.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  a.secondary {
    text-decoration: none;
  }
  .load-error {
    color: var(--_danger);
  }
`;

import { css } from 'lit';
import { badgeStyles, srOnlyStyles } from './style-fragments.js';

/**
 * What the account elements share beyond `hostStyles` and `formStyles`: the panel, sections, tables, badges,
 * selects, the permission grid and the confirmation dialog. Colours come from the `--_*` tokens, so light and
 * dark follow the page.
 */
export const accountStyles = css`
  :host {
    display: block;
    --_warn: var(--portal-color-warning, light-dark(#8a5300, #ffcf7a));
    --_good: var(--portal-color-success, light-dark(#1b6b34, #8fd9a8));
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--_panel-padding, calc(var(--_space) * 1.5));
    background: var(--_panel-background, var(--_surface));
    border: var(--_panel-border, 1px solid var(--_border));
    border-radius: var(--_panel-radius, var(--_radius));
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.3;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem var(--_space);
  }
  section,
  .card {
    display: grid;
    gap: var(--_space);
  }
  .card {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .grid-2 {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    align-items: start;
  }
  .field {
    min-width: 0;
  }
  select {
    width: 100%;
    min-width: 0;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  select[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  input[readonly],
  input:disabled,
  select:disabled {
    background: var(--_surface-raised);
  }
  fieldset {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0.75rem var(--_space) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  legend {
    padding: 0 0.25rem;
    font-weight: 600;
    font-size: 0.875em;
  }
  .required {
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }
  p {
    margin: 0;
  }
  .banner {
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_warn);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    color: var(--_text);
  }
  ${badgeStyles}
  .badge {
    padding: 0 0.5em;
    font-size: 0.8em;
  }
  .badges {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  /* A <dl> of facts (dates, how it was ordered): a grid of label-over-value cells. */
  .details {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--_details-column, 12rem)), 1fr));
    gap: 0.75rem var(--_space);
    margin: 0;
  }
  .details dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  /* Narrow containers scroll the table sideways (the region is focusable) instead of squeezing its columns. */
  .table-wrap table {
    min-width: 40rem;
  }
  th,
  td {
    padding: 0.5rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--_border);
  }
  thead th {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .sub {
    display: block;
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: normal;
    overflow-wrap: anywhere;
  }
  code,
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .small {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.875em;
  }
  .danger {
    background: var(--_danger);
    color: var(--_surface);
  }
  .secondary.danger {
    background: var(--_surface);
    color: var(--_danger);
    border-color: var(--_danger);
  }
  .permissions table {
    width: auto;
  }
  .permissions th,
  .permissions td {
    padding: 0.25rem 0.75rem;
    border: 0;
  }
  .permissions td {
    text-align: center;
  }
  input[type='checkbox'],
  input[type='radio'] {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0;
    padding: 0;
    accent-color: var(--_primary);
  }
  .permissions[aria-describedby~='scopes-error'],
  .permissions[aria-describedby~='permissions-error'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .empty,
  .signed-out,
  .not-allowed {
    color: var(--_muted);
  }
  .signed-out {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  .signed-out a {
    text-decoration: none;
  }
  .load-error {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
    color: var(--_danger);
  }
  ${srOnlyStyles}
  .dialog {
    max-width: min(32rem, calc(100vw - 2rem));
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog-title {
    margin: 0 0 0.5rem;
    font-size: 1.15em;
  }
  .dialog p {
    margin: 0 0 var(--_space);
  }
  .dialog .actions {
    justify-content: flex-end;
  }
`;

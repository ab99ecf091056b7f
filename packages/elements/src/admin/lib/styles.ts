import { css } from 'lit';
import { badgeStyles, srOnlyStyles } from '../../lib/style-fragments.js';

/**
 * What the console's pages share: headings, sections, toolbars, tables, badges, dialogs and the controls the
 * client elements' `formStyles` does not cover (select, textarea, checkbox).
 */
export const adminStyles = css`
  :host {
    display: block;
    --_danger-bg: var(--portal-color-danger, light-dark(#b3261e, #ffb4ab));
    --_good: var(--portal-color-success, light-dark(#1b6b2f, #8fd6a1));
    --_warn: var(--portal-color-warning, light-dark(#7a4b00, #f0c46a));
  }
  .page {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    min-width: 0;
  }
  .page-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  h1 {
    margin: 0;
    font-size: 1.6em;
    line-height: 1.2;
  }
  /* Headings take focus only to move the reading position (navigation): no ring for what is not a control. */
  [tabindex='-1']:focus {
    outline: none;
  }
  h2 {
    margin: 0;
    font-size: 1.2em;
    line-height: 1.3;
  }
  h3 {
    margin: 0;
    font-size: 1em;
  }
  p {
    margin: 0;
  }
  a {
    color: var(--_primary);
  }
  .muted,
  .intro {
    color: var(--_muted);
  }
  .card {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }
  .grid-2 {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .toolbar .field {
    flex: 1 1 12rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .messages {
    display: grid;
    gap: 0.5rem;
  }
  .messages:has(.alert:empty):has(.notice:empty) {
    display: none;
  }
  .notice:not(:empty) {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: var(--_text);
  }
  select,
  textarea {
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    width: 100%;
  }
  textarea {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    resize: vertical;
  }
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  input[readonly] {
    background: var(--_surface-raised);
  }
  .checkbox .check {
    display: flex;
    align-items: center;
    gap: 0.625rem;
  }
  .checkbox label {
    font-weight: 400;
    font-size: 1em;
  }
  input[type='checkbox'] {
    flex: none;
    min-height: 0;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    padding: 0;
    accent-color: var(--_primary);
  }
  fieldset {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.5rem;
    font-weight: 600;
  }
  .primary.danger {
    background: var(--_danger-bg);
    color: var(--_surface);
  }
  .small {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.875em;
  }
  /* A region with tabindex=0, so keyboard users can scroll it when it overflows. */
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375em;
  }
  caption {
    text-align: start;
  }
  th,
  td {
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  th {
    font-weight: 600;
  }
  td.num,
  th.num {
    text-align: end;
  }
  tbody tr:hover {
    background: var(--_surface-raised);
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  /* A list page's search form (ListSearch) and its "Load more" footer. */
  .search {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .search .field:first-child {
    flex: 2 1 16rem;
  }
  .search .field {
    flex: 1 1 10rem;
  }
  .more {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  ${badgeStyles}
  .badge {
    padding: 0.0625rem 0.5rem;
    font-size: 0.8125em;
  }
  .empty,
  .load-error {
    display: grid;
    justify-items: start;
    gap: 0.75rem;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
  }
  .load-error {
    border-style: solid;
    border-color: var(--_danger);
    color: var(--_danger);
  }
  code,
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  pre {
    margin: 0;
    padding: 0.75rem;
    overflow-x: auto;
    white-space: pre-wrap;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 0.5rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .dialog {
    max-width: min(34rem, calc(100vw - 2rem));
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .dialog[open] {
    display: grid;
    gap: var(--_space);
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  ${srOnlyStyles}
`;

/** The card a stand-alone form sits in (sign-in, accepting an invitation); the page sets its `max-width`. */
export const panelStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;

/** `.title`: a heading with its badges or buttons beside it, wrapping when narrow. */
export const titleRowStyles = css`
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
`;

/** The head of a page about one record (a client, a service, an invoice): the `.back` link and the `.title` row. */
export const recordHeadStyles = css`
  .back {
    font-size: 0.875em;
  }
  ${titleRowStyles}
`;

/** `.savebar`: a settings page's save and discard buttons, kept in sight at the bottom while the form scrolls. */
export const saveBarStyles = css`
  .savebar {
    position: sticky;
    bottom: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: 0.75rem 0;
    background: var(--portal-admin-background, var(--_surface-raised));
  }
`;

/**
 * `.fieldset-row`: one of a repeated group of fields (a footer link, a tax rule) laid out in a row, its number as
 * the legend; the page sets its `grid-template-columns` and where it wraps.
 */
export const fieldsetRowStyles = css`
  .fieldset-row {
    display: grid;
    align-items: end;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .fieldset-row legend {
    float: left;
    grid-column: 1 / -1;
    margin: 0;
    font-size: 0.875em;
  }
`;

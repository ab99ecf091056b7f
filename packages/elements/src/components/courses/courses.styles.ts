import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-courses-width, 64rem);
    --_panel-padding: var(--portal-courses-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-courses-background, var(--_surface));
    --_panel-border: var(--portal-courses-border, 1px solid var(--_border));
  }
  .courses {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr));
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .course {
    grid-template-rows: auto auto 1fr auto auto;
    gap: 0.5rem;
    align-content: start;
    min-width: 0;
  }
  .course h3 {
    overflow-wrap: anywhere;
  }
  .summary {
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .count {
    color: var(--_muted);
    font-size: 0.875em;
    align-self: end;
  }
  .open-row {
    margin-top: 0.25rem;
  }
  .open {
    display: inline-block;
    text-decoration: none;
  }
  /* A course opened here has its own box. */
  .course-view {
    --portal-course-padding: 0;
    --portal-course-border: 0;
    max-width: none;
  }
`;

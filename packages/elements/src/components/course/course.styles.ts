import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-course-width, 72rem);
    --_panel-padding: var(--portal-course-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-course-background, var(--_surface));
    --_panel-border: var(--portal-course-border, 1px solid var(--_border));
  }
  a {
    color: var(--_primary);
  }
  .back {
    justify-self: start;
    text-decoration: none;
  }
  .back:hover {
    text-decoration: underline;
  }
  .course-header {
    display: grid;
    gap: 0.5rem;
  }
  h2 {
    overflow-wrap: anywhere;
  }
  [data-focus]:focus-visible {
    outline-offset: 4px;
  }
  .course-link {
    font-weight: 600;
  }
  /* The lesson or overview, with the outline beside it when there is room and under it when not. */
  .layout {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: calc(var(--_space) * 1.5);
  }
  .main {
    flex: 999 1 26rem;
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .outline {
    flex: 1 1 15rem;
    min-width: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .modules,
  .lessons {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .modules {
    gap: var(--_space);
  }
  .module-title {
    margin: 0 0 0.375rem;
    font-size: 0.95em;
  }
  .lessons {
    gap: 0.125rem;
  }
  .lesson-row {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    padding: 0.375rem 0.5rem;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  a.lesson-row {
    color: var(--_text);
    text-decoration: none;
  }
  a.lesson-row:hover {
    text-decoration: underline;
  }
  a.lesson-row.current {
    background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
    font-weight: 700;
    box-shadow: inset 3px 0 0 var(--_primary);
  }
  .mark {
    flex: none;
    width: 1.1em;
    text-align: center;
    color: var(--_good);
    font-weight: 700;
  }
  .lesson-row.locked {
    color: var(--_muted);
    cursor: not-allowed;
  }
  .lesson-row.locked .mark {
    color: var(--_muted);
    font-weight: 400;
  }
  .lesson-name {
    display: grid;
    min-width: 0;
  }
  .opens {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .summary {
    color: var(--_muted);
  }
  .resume {
    display: inline-block;
    text-decoration: none;
  }
  .all-done {
    color: var(--_good);
    font-weight: 600;
  }
  .lesson {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .lesson-module {
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .video-frame {
    position: relative;
    aspect-ratio: 16 / 9;
    border-radius: var(--_radius);
    overflow: hidden;
    background: #000;
  }
  .video-frame iframe {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    border: 0;
  }
  .video-file {
    width: 100%;
    max-height: 70vh;
    border-radius: var(--_radius);
    background: #000;
  }
  .files-section {
    gap: 0.5rem;
  }
  .files {
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
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .download[aria-busy='true'] {
    cursor: progress;
  }
  .file-name {
    overflow-wrap: anywhere;
    text-align: start;
  }
  .file-size {
    color: var(--_muted);
    font-size: 0.85em;
    white-space: nowrap;
  }
  .complete {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .complete[aria-disabled='true'] {
    cursor: progress;
  }
  .check {
    display: inline-grid;
    place-items: center;
    width: 1.2em;
    height: 1.2em;
    border: 2px solid currentColor;
    border-radius: 0.25rem;
    font-size: 0.85em;
    line-height: 1;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .pager-item {
    display: grid;
    gap: 0.125rem;
    max-width: 20rem;
    overflow-wrap: anywhere;
  }
  a.pager-item {
    text-decoration: none;
  }
  a.pager-item:hover span:last-child {
    text-decoration: underline;
  }
  .pager-item.next {
    margin-inline-start: auto;
    text-align: end;
  }
  .pager-item.locked {
    color: var(--_muted);
  }
  .pager-label {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .locked-note {
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_warn);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
  }
`;

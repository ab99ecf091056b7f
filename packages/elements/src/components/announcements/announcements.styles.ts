import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-announcements-width, 48rem);
    --_panel-padding: var(--portal-announcements-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-announcements-background, var(--_surface));
    --_panel-border: var(--portal-announcements-border, 1px solid var(--_border));
  }
  .title:focus {
    outline: none;
  }
  .list {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: 0.25rem;
  }
  .item + .item {
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .item a {
    color: var(--_primary);
  }
  .back {
    justify-self: start;
    color: var(--_primary);
  }
  .announcement {
    display: grid;
    gap: 0.75rem;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-community-width, 52rem);
    --_panel-padding: var(--portal-community-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-community-background, var(--_surface));
    --_panel-border: var(--portal-community-border, 1px solid var(--_border));
    --_pinned-background: var(
      --portal-community-pinned-background,
      color-mix(in srgb, var(--_primary) 6%, var(--_surface))
    );
  }
  .header {
    align-items: flex-start;
  }
  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    min-width: 0;
  }
  h2,
  h3,
  h4 {
    overflow-wrap: anywhere;
  }
  h4 {
    margin: 0;
    font-size: 1em;
    line-height: 1.3;
  }
  [tabindex='-1']:focus-visible {
    outline-offset: 4px;
  }
  .description {
    overflow-wrap: anywhere;
  }
  .facts,
  .meta,
  .byline,
  .comment-head time,
  .edited {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .members-only {
    color: var(--_text);
  }
  .notify {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .notify .check {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  /* The switch: a track with a thumb, drawn on the checkbox (its role and checked state stay native). */
  input[role='switch'] {
    appearance: none;
    position: relative;
    flex: none;
    width: 2.5rem;
    height: 1.5rem;
    margin: 0;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface-raised);
    cursor: pointer;
    transition: background-color 0.15s;
  }
  input[role='switch']::before {
    content: '';
    position: absolute;
    top: 2px;
    left: 2px;
    width: calc(1.5rem - 6px);
    height: calc(1.5rem - 6px);
    border-radius: 50%;
    background: var(--_muted);
    transition: transform 0.15s;
  }
  input[role='switch']:checked {
    background: var(--_primary);
    border-color: var(--_primary);
  }
  input[role='switch']:checked::before {
    transform: translateX(1rem);
    background: var(--_on-primary);
  }
  input[role='switch']:disabled {
    opacity: 0.7;
    cursor: default;
  }
  @media (prefers-reduced-motion: reduce) {
    input[role='switch'],
    input[role='switch']::before {
      transition: none;
    }
  }
  .posts,
  .comments-section {
    gap: 0.75rem;
  }
  .post-list,
  .comments {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .post-item,
  .comment {
    display: grid;
    gap: 0.375rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }
  .post-item.pinned {
    background: var(--_pinned-background);
    border-inline-start: 4px solid var(--_primary);
  }
  .post-item.hidden,
  .comment.hidden,
  .post.hidden {
    border-style: dashed;
  }
  .item-head,
  .comment-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }
  .post-heading a {
    color: var(--_primary);
    font-weight: 600;
    text-underline-offset: 0.15em;
  }
  .excerpt {
    overflow-wrap: anywhere;
  }
  .author {
    font-weight: 600;
    color: var(--_text);
  }
  .sep {
    margin: 0 0.25rem;
  }
  .back {
    justify-self: start;
  }
  .post {
    display: grid;
    gap: 0.75rem;
    min-width: 0;
  }
  .item-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .like[aria-pressed='true'] {
    border-color: var(--_primary);
    color: var(--_primary);
  }
  .like .count {
    font-variant-numeric: tabular-nums;
  }
  .likes {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .danger-link {
    color: var(--_danger);
  }
  .comments-section {
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .comment:focus-visible {
    outline-offset: 2px;
  }
  textarea {
    min-height: 6rem;
    line-height: 1.5;
  }
  .not-found {
    color: var(--_muted);
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-kb-width, 64rem);
    --_panel-padding: var(--portal-kb-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-kb-background, var(--_surface));
    --_panel-border: var(--portal-kb-border, 1px solid var(--_border));
  }
  .search {
    display: grid;
    gap: 0.375rem;
  }
  .view-title {
    font-size: 1.35em;
  }
  .view-title:focus {
    outline: none;
  }
  .categories {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .category {
    display: grid;
    gap: 0.25rem;
    height: 100%;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: var(--_text);
    text-decoration: none;
  }
  .category:hover .category-name {
    text-decoration: underline;
  }
  .category-name {
    font-weight: 600;
    color: var(--_primary);
  }
  .category-description,
  .count {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .articles {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .articles > li {
    display: grid;
    gap: 0.25rem;
  }
  .article-link {
    font-weight: 600;
    color: var(--_primary);
  }
  .excerpt {
    margin: 0;
  }
  .breadcrumb ol {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.9em;
  }
  .breadcrumb li + li::before {
    content: '›';
    margin-inline-end: 0.25rem;
    color: var(--_muted);
  }
  .breadcrumb a {
    color: var(--_primary);
  }
  .article {
    display: grid;
    gap: 0.75rem;
  }
  .feedback {
    display: grid;
    gap: 0.5rem;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .feedback-label {
    font-weight: 600;
  }
  .vote[aria-pressed='true'] {
    border-color: var(--_primary);
    border-width: 2px;
    background: var(--_surface-raised);
  }
  .vote[aria-pressed='true']::after {
    content: '✓';
  }
  .vote-count {
    min-width: 1.5em;
    padding: 0 0.35em;
    border-radius: 999px;
    background: var(--_surface-raised);
    font-size: 0.85em;
  }
  .thanks:empty {
    display: none;
  }
  .related-section {
    gap: 0.5rem;
  }
`;

import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-faq-width, 56rem);
    --_panel-padding: var(--portal-faq-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-faq-background, var(--_surface));
    --_panel-border: var(--portal-faq-border, 1px solid var(--_border));
  }
  .search {
    display: grid;
    gap: 0.375rem;
  }
  .groups {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .groups[aria-busy='true'] {
    opacity: 0.6;
  }
  .group {
    gap: 0.5rem;
  }
  .items {
    border-top: 1px solid var(--_border);
  }
  .item {
    border-bottom: 1px solid var(--_border);
    scroll-margin-top: var(--_space);
  }
  .question {
    padding: 0.75rem 0.25rem;
    font-weight: 600;
    cursor: pointer;
  }
  .question:hover {
    color: var(--_primary);
  }
  .answer {
    padding: 0 0.25rem var(--_space) 1.25rem;
  }
`;

import { css } from 'lit';

export default css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    padding: 0.5rem 0.875rem;
    border: 1px solid transparent;
    border-bottom: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    border-color: var(--_border);
    background: var(--_surface);
    box-shadow: inset 0 -3px 0 var(--_primary);
  }
  .products {
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
  }
  tr[aria-current='true'] th {
    box-shadow: inset 3px 0 0 var(--_primary);
  }
`;

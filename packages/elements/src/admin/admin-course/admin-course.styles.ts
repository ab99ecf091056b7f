import { css } from 'lit';
import { productChecksStyles } from '../lib/product-checks.js';
import { recordHeadStyles, saveBarStyles } from '../lib/styles.js';
import { tabStyles } from '../lib/tab-list.js';

export default css`
  ${recordHeadStyles}
  ${saveBarStyles}
  ${tabStyles}
  ${productChecksStyles}
  .modules,
  .lessons,
  .files,
  .uploads {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .module {
    display: grid;
    gap: 0.75rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .module-head,
  .lesson,
  .files li,
  .uploads li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .module-head h3 {
    flex: 1 1 12rem;
    margin: 0;
  }
  .lessons {
    gap: 0.375rem;
  }
  .lesson {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .lesson a {
    flex: 1 1 12rem;
    overflow-wrap: anywhere;
  }
  .inline-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  .inline-form .field {
    flex: 1 1 14rem;
  }
  .file-name {
    overflow-wrap: anywhere;
  }
  .uploads li.failed .file-state {
    color: var(--_danger);
  }
  .uploads li.done .file-state {
    color: var(--_good);
  }
  .danger-zone {
    display: flex;
    justify-content: flex-end;
  }
  button.link {
    padding: 0;
    min-height: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
`;

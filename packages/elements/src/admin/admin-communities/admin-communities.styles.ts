import { css } from 'lit';
import { productChecksStyles } from '../lib/product-checks.js';
import { tabStyles } from '../lib/tab-list.js';

export default css`
  ${tabStyles}
  ${productChecksStyles}
  tr[aria-current='true'] th {
    box-shadow: inset 3px 0 0 var(--_primary);
  }
`;

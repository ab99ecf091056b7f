import { css } from 'lit';
import { recordHeadStyles } from '../lib/styles.js';

export default css`
  ${recordHeadStyles}
  .address {
    white-space: pre-line;
  }
`;

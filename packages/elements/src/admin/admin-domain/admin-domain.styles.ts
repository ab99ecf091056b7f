import { css } from 'lit';
import { recordHeadStyles } from '../lib/styles.js';

export default css`
  ${recordHeadStyles}
  .plain {
    margin: 0;
    padding: 0;
    list-style: none;
  }
`;

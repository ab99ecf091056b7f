import { css } from 'lit';

export default css`
  :host {
    display: contents;
  }
  :host([theme='dark']) {
    --portal-color-scheme: dark;
  }
  :host([theme='light']) {
    --portal-color-scheme: light;
  }
`;

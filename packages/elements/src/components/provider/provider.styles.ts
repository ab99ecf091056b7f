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
  .gate {
    width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    padding: 0;
    border: 0;
    background: transparent;
    overflow: auto;
  }
  .gate::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .gate portal-profile {
    max-width: none;
  }
`;

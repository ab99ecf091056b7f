import { css } from 'lit';

export default css`
  .back {
    font-size: 0.875em;
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
`;

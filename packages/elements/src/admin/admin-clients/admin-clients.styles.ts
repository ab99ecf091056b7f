import { css } from 'lit';

export default css`
  .search {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .search .field:first-child {
    flex: 2 1 16rem;
  }
  .search .field {
    flex: 1 1 10rem;
  }
  .more {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
`;

import { css } from 'lit';

export default css`
  .excerpt {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    max-width: 40rem;
  }
  .comments-section {
    display: grid;
    gap: var(--_space);
  }
  .comments {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .comment article {
    display: grid;
    gap: 0.75rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }
  .comment.hidden article {
    border-style: dashed;
    background: var(--_surface-raised);
  }
  .comment-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .comment-head h3 {
    font-size: 0.9375em;
  }
  .hidden-label {
    font-weight: 600;
    color: var(--_muted);
  }
`;

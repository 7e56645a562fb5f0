import { css } from 'lit';
import { hostStyles, muted, radius, border } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    h2 {
      margin: 0;
      font-size: var(--cb-heading-size, 1.25em);
    }
    p {
      margin: 0;
    }
    .intro,
    .used {
      color: ${muted};
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      border: 1px solid ${border};
      border-radius: ${radius};
    }
    li {
      padding: 0.6em 0.9em;
    }
    li + li {
      border-top: 1px solid ${border};
    }
    .label {
      font-weight: 600;
    }
    .this {
      margin-inline-start: 0.5em;
      font-size: 0.85em;
      font-weight: 600;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
  `,
];

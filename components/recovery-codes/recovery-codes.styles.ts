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
    .intro {
      color: ${muted};
    }
    .once {
      font-weight: 600;
    }
    ol {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9em, 1fr));
      gap: 0.25em 1.5em;
      margin: 0;
      padding: 0.75em 1em 0.75em 2.5em;
      border: 1px solid ${border};
      border-radius: ${radius};
      font-family: var(--cb-recovery-codes-font, ui-monospace, SFMono-Regular, Menlo, monospace);
      font-size: 1.05em;
      letter-spacing: 0.05em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
  `,
];

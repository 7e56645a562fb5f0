import { css } from 'lit';
import { hostStyles, muted, danger } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    .name {
      margin: 0;
      font-weight: 700;
    }
    .email,
    dl {
      margin: 0;
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5em;
    }
    dt {
      color: ${muted};
    }
    dd {
      margin: 0;
      font-weight: 600;
    }
    /* Both ask for the admin's attention: the code step is locked, or the contact asked for a reset. */
    .locked,
    .reset-requested {
      margin: 0;
      color: ${danger};
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    .question {
      margin: 0;
    }
    button.danger {
      background: var(--cb-color-danger, light-dark(#b3261e, #ffb4ab));
      border-color: var(--cb-color-danger, light-dark(#b3261e, #ffb4ab));
      color: var(--cb-color-on-danger, light-dark(#ffffff, #0d1117));
    }
  `,
];

import { css } from 'lit';
import { hostStyles, surface, radius, text } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      max-width: var(--cb-dialog-width, 32rem);
      padding: var(--cb-dialog-padding, 1.5rem);
      color: ${text};
      background: ${surface};
      border: 0;
      border-radius: ${radius};
      font-family: inherit;
      line-height: 1.5;
    }
    dialog::backdrop {
      background: var(--cb-dialog-backdrop, rgb(0 0 0 / 0.5));
    }
    h2 {
      margin: 0;
      font-size: var(--cb-heading-size, 1.25em);
      line-height: 1.25;
    }
    p {
      margin: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 0.5em;
    }
  `,
];

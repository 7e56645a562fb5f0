import { css } from 'lit';
import { hostStyles, muted, border, radius, accent } from '../styles/tokens.js';

export const styles = [
  hostStyles,
  css`
    fieldset {
      display: grid;
      gap: var(--cb-space, 1rem);
      margin: 0;
      padding: var(--cb-settings-padding, 1rem);
      border: var(--cb-border-width, 1px) solid ${border};
      border-radius: ${radius};
      min-width: 0;
    }
    legend {
      padding: 0 0.25em;
      font-weight: 700;
      text-transform: var(--cb-settings-title-transform, uppercase);
    }
    .option {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25em 0.6em;
      align-items: start;
    }
    .option input {
      margin: 0.3em 0 0;
      width: 1.1em;
      height: 1.1em;
      accent-color: ${accent};
    }
    .option label {
      font-weight: 600;
    }
    .help {
      grid-column: 2;
      margin: 0;
      color: ${muted};
    }
    .field {
      display: grid;
      gap: 0.25em;
      justify-items: start;
    }
    .field label {
      font-weight: 600;
    }
    .field input {
      font: inherit;
      padding: 0.3em 0.45em;
      border: var(--cb-border-width, 1px) solid ${border};
      border-radius: ${radius};
    }
    .field .help {
      grid-column: 1;
    }
    .preview:empty {
      display: none;
    }
    .preview {
      padding: 0.6em 0.8em;
      border-inline-start: 3px solid ${accent};
    }
    .preview p,
    .preview ul {
      margin: 0;
    }
    .preview ul {
      margin-block-start: 0.4em;
      padding-inline-start: 1.2em;
      columns: 2 12em;
    }
    .preview .count {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .preview .you {
      margin-block-start: 0.4em;
    }
    .warning,
    .readonly {
      margin: 0;
      padding: 0.6em 0.8em;
      border-inline-start: 3px solid var(--cb-settings-warning-color, light-dark(#9a6700, #e3b341));
    }
    .actions {
      display: flex;
      gap: 0.5em;
    }
    .policies legend {
      text-transform: none;
    }
    .days {
      grid-column: 2;
      margin-block-start: 0.25em;
    }
    .days input {
      width: 5em;
    }
  `,
];

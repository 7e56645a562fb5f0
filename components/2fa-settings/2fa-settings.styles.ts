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
  `,
];

import { css } from 'lit';
import { accent, border, danger, fieldBg, focusRing, gap, muted, onAccent, radius, success, text } from './tokens.js';

/*
 * The light nodes live in the page's tree, where no `* { box-sizing }` of ours reaches: a full-width
 * input sets its own `border-box` (buttons and selects have it from the browser), or its padding and
 * border push it out of the card on a page without a global reset.
 *
 * Styles for the forms that `<cb-login>`, `<cb-enroll-phone>`, `<cb-verify-code>` and `<cb-change-phone>` render in their
 * LIGHT DOM (password managers and one-time-code autofill need the inputs there). The sheet is adopted
 * once per document or shadow root. Nothing leaks out: every selector needs one of our tags AND a
 * `cb-` class. Page CSS can reach these nodes (they are in the page's tree, which is the point), so
 * each rule sets the properties that matter explicitly; an adopted sheet comes after the page's
 * own sheets, so it wins ties of specificity against generic `input {}` or `.form input {}` rules.
 */
const scope = css`:is(cb-login, cb-enroll-phone, cb-verify-code, cb-step-up, cb-change-phone)`;

export const lightStyles = css`
  ${scope} .cb-form {
    display: grid;
    gap: ${gap};
    margin: 0;
    padding: 0;
    border: 0;
    font: inherit;
    color: inherit;
  }
  ${scope} .cb-field {
    display: grid;
    gap: 0.3em;
    margin: 0;
  }
  ${scope} .cb-label {
    display: block;
    margin: 0;
    font: inherit;
    font-weight: 600;
    color: inherit;
  }
  ${scope} .cb-required {
    color: ${danger};
  }
  ${scope} .cb-input,
  ${scope} .cb-select {
    display: block;
    box-sizing: border-box;
    width: 100%;
    min-height: 2.5em;
    margin: 0;
    padding: 0.5em 0.75em;
    font: inherit;
    color: ${text};
    background: ${fieldBg};
    border: var(--cb-border-width, 1px) solid ${border};
    border-radius: ${radius};
    box-shadow: none;
  }
  ${scope} .cb-input:focus-visible,
  ${scope} .cb-select:focus-visible,
  ${scope} .cb-button:focus-visible,
  ${scope} .cb-link:focus-visible {
    outline: ${focusRing};
    outline-offset: 2px;
  }
  ${scope} .cb-input[aria-invalid='true'] {
    border-color: ${danger};
  }
  ${scope} .cb-code {
    font-variant-numeric: tabular-nums;
    letter-spacing: var(--cb-verify-code-letter-spacing, 0.3em);
    font-size: 1.25em;
  }
  ${scope} .cb-button {
    display: inline-block;
    width: 100%;
    min-height: 2.5em;
    margin: 0;
    padding: 0.55em 1.1em;
    font: inherit;
    font-weight: 600;
    text-align: center;
    color: ${onAccent};
    background: ${accent};
    border: 1px solid ${accent};
    border-radius: ${radius};
    cursor: pointer;
  }
  ${scope} .cb-button.cb-secondary {
    color: ${accent};
    background: transparent;
  }
  ${scope} .cb-button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  ${scope} .cb-link {
    display: inline;
    margin: 0;
    padding: 0;
    font: inherit;
    color: ${accent};
    background: none;
    border: 0;
    text-decoration: underline;
    text-align: start;
    cursor: pointer;
  }
  ${scope} .cb-link:disabled {
    color: ${muted};
    cursor: not-allowed;
    text-decoration: none;
  }
  ${scope} .cb-text,
  ${scope} .cb-hint {
    margin: 0;
    /* A page's \`.card p { font-size }\` must not resize the element's text. */
    font-size: inherit;
    color: inherit;
  }
  ${scope} .cb-hint {
    color: ${muted};
  }
  ${scope} .cb-phone {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  ${scope} .cb-error {
    margin: 0;
    color: ${danger};
  }
  ${scope} .cb-status {
    margin: 0;
    color: ${success};
  }
  ${scope} .cb-error:empty,
  ${scope} .cb-status:empty {
    display: none;
  }
  ${scope} .cb-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
    justify-content: space-between;
  }
  ${scope} .cb-phone-row {
    display: grid;
    grid-template-columns: minmax(7em, 2fr) 3fr;
    gap: 0.5em;
  }
  ${scope} [hidden] {
    display: none !important;
  }
`;

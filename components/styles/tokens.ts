import { css } from 'lit';

/*
 * Global tokens with their defaults, in one place. A tenant sets the `--cb-*` properties on any
 * ancestor (usually :root); every default uses light-dark(), so the kit follows the page's
 * `color-scheme` (a page that declares `color-scheme: light dark` gets the dark palette in dark mode,
 * a page that declares nothing stays light).
 */
// The portal's accent (`--cb-portal-accent`, set on each element from GET /portal) is the light
// palette's: a brand color made for white backgrounds is often unreadable on a dark surface, so the
// dark palette keeps its own. A page's --cb-color-accent wins over both.
export const accent = css`var(--cb-color-accent, light-dark(var(--cb-portal-accent, #0a58ca), #79b0ff))`;
export const onAccent = css`var(--cb-color-on-accent, light-dark(#ffffff, #0d1117))`;
export const text = css`var(--cb-color-text, light-dark(#1f2328, #e6edf3))`;
export const muted = css`var(--cb-color-muted, light-dark(#57606a, #a3adb8))`;
export const surface = css`var(--cb-color-surface, light-dark(#ffffff, #161b22))`;
export const fieldBg = css`var(--cb-color-field, light-dark(#ffffff, #0d1117))`;
export const border = css`var(--cb-color-border, light-dark(#767f89, #8b949e))`;
export const danger = css`var(--cb-color-danger, light-dark(#b3261e, #ffb4ab))`;
export const success = css`var(--cb-color-success, light-dark(#1a7f37, #7ee2a8))`;
export const radius = css`var(--cb-radius, 6px)`;
export const font = css`var(--cb-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`;
export const focusRing = css`var(--cb-focus-ring, 2px solid ${accent})`;
export const gap = css`var(--cb-space, 1rem)`;

/** :host rules every element shares (its shadow root). */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: ${text};
    font-family: ${font};
    font-size: var(--cb-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .base {
    display: grid;
    gap: ${gap};
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: ${radius};
    padding: 0.55em 1.1em;
    border: 1px solid ${accent};
    background: ${accent};
    color: ${onAccent};
  }
  button.secondary {
    background: transparent;
    color: ${accent};
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: ${focusRing};
    outline-offset: 2px;
  }
  .error {
    color: ${danger};
    margin: 0;
  }
  .error:empty,
  .status:empty {
    display: none;
  }
  .status {
    margin: 0;
    color: ${success};
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

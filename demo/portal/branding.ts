/**
 * The demo portal's white label when its record is created: portal name, logo and colours from
 * `demo/branding.json`, overridden by env (BRAND_NAME, BRAND_LOGO_URL, BRAND_ACCENT, BRAND_HEADER).
 * With no logo the login page shows the portal's name. Later changes go through the operator page.
 */
import { readFileSync } from 'node:fs';

export interface Branding {
  portalName: string;
  logoUrl: string | null;
  colors: { accent: string; header: string };
}

const COLOR = /^#[0-9a-fA-F]{3,8}$/;

export function loadBranding(env: Record<string, string | undefined> = process.env): Branding {
  const file = JSON.parse(readFileSync(new URL('../branding.json', import.meta.url), 'utf8')) as Branding;
  const pickColor = (value: string | undefined, fallback: string) => (value && COLOR.test(value) ? value : fallback);
  return {
    portalName: env.BRAND_NAME || file.portalName,
    logoUrl: env.BRAND_LOGO_URL || file.logoUrl,
    colors: {
      accent: pickColor(env.BRAND_ACCENT, file.colors.accent),
      header: pickColor(env.BRAND_HEADER, file.colors.header),
    },
  };
}

/**
 * A link target from a host's attribute, if it is safe to put in `href`: an http(s) URL or a
 * relative one. Anything else gives null: `javascript:` would run script in the portal's origin on
 * a click, and `data:` or other schemes have no business on a sign-in form.
 */
export function safeLinkHref(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    // Parsed as the browser parses the href (the same URL parser): its clean-up of tabs, newlines,
    // leading spaces and case cannot hide a scheme, and a relative URL takes the base's scheme.
    url = new URL(value, 'https://relative.invalid/');
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? value : null;
}

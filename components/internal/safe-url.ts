/**
 * A link target from a host's attribute, if it is safe to put in `href`: an http(s) URL or a
 * relative one. Anything else gives null: `javascript:` would run script in the portal's origin on
 * a click, and `data:` or other schemes have no business on a sign-in form.
 *
 * A value has a scheme when a `:` comes before any `/`, `?` or `#`. Browsers drop tabs, newlines
 * and leading control characters before they read the scheme, so a check of the raw value that
 * allows only `http:`/`https:` at the very start and refuses every other early `:` cannot be
 * fooled by them: `java\tscript:` still has its `:` first, and is refused.
 */
export const safeLinkHref = (value?: string | null): string | null => (value && /^(https?:|[^:]*([/?#]|$))/i.test(value) ? value : null);

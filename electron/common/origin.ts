/**
 * `scheme://host` of a URL. WHATWG `URL.origin` is "null" for non-special schemes such as our
 * `app:` protocol outside Electron, so compare this instead.
 */
export function originOf(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.host ? `${url.protocol}//${url.host}` : null;
  } catch {
    return null;
  }
}

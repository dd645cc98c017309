/**
 * The renderer's Content-Security-Policy, sent as a header by both the Electron `app:` protocol
 * and the browser host. No remote content, no inline script, no eval.
 */
export function contentSecurityPolicy(options: { connect: string[]; media: string[] }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${options.media.join(' ')}`.trim(),
    `media-src 'self' blob: ${options.media.join(' ')}`.trim(),
    "font-src 'self'",
    `connect-src 'self' ${options.connect.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

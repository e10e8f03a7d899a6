/**
 * The Content-Security-Policy for the web app, shared by the local server and CloudFront so both
 * enforce the same rules. No inline script, no third-party hosts: user content can never run.
 * `worker-src blob:` is for MapLibre's worker; `img-src blob: data:` for map sprites and previews.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The Content-Security-Policy for the web app, shared by the local server and CloudFront so both
 * enforce the same rules. No inline script, no third-party hosts: user content can never run.
 * `worker-src blob:` is for MapLibre's worker; `img-src blob: data:` for map sprites and previews.
 * In the cloud, attachments go to and come from the uploads bucket by pre-signed URL, so that one
 * origin is added to `connect-src` and `img-src`. Staff set up their authenticator app by calling
 * the user pool's own API from the page with their access token (web/src/auth/cognitoTotp.ts), so
 * that origin (`https://cognito-idp.<region>.amazonaws.com`) is added to `connect-src` only.
 * Nothing else is.
 */
export function contentSecurityPolicy(
  opts: { attachmentsOrigin?: string; identityOrigin?: string } = {},
): string {
  const extra = opts.attachmentsOrigin ? ` ${opts.attachmentsOrigin}` : '';
  const identity = opts.identityOrigin ? ` ${opts.identityOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${extra}`,
    "font-src 'self'",
    `connect-src 'self'${extra}${identity}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

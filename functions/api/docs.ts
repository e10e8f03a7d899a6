/**
 * The interactive API docs at /api/docs (Swagger UI). Its script comes from a CDN, and no page of
 * this origin may run third-party script: it could read the signed-in user's token from storage. So
 * the page is sandboxed — an opaque origin, cut off from the app's storage and cookies — with a CSP
 * that admits only the pinned Swagger UI files and the one inline start-up script (by hash). It
 * reads the OpenAPI document, which is public, over CORS (`Access-Control-Allow-Origin: *`; Chromium
 * treats the sandboxed page's requests to its own URL's origin as same-origin, other browsers may not).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export const SWAGGER_UI_VERSION = '5.17.14';
const ASSETS = `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${SWAGGER_UI_VERSION}`;

function startScript(specUrl: string): string {
  return `window.onload=function(){window.ui=SwaggerUIBundle({url:${JSON.stringify(specUrl)},dom_id:'#swagger-ui'});};`;
}

export function docsPage(specUrl: string): { html: string; csp: string } {
  const script = startScript(specUrl);
  const hash = createHash('sha256').update(script).digest('base64');
  const csp = [
    'sandbox allow-scripts',
    "default-src 'none'",
    `script-src ${ASSETS}/swagger-ui-bundle.js 'sha256-${hash}'`,
    // Swagger UI sets style attributes as it renders; harmless in an opaque origin.
    `style-src ${ASSETS}/swagger-ui.css 'unsafe-inline'`,
    'img-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Open Budget Map &amp; Club Hub API</title>
<link rel="stylesheet" href="${ASSETS}/swagger-ui.css" crossorigin="anonymous">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${ASSETS}/swagger-ui-bundle.js" crossorigin="anonymous"></script>
<script>${script}</script>
</body>
</html>
`;
  return { html, csp };
}

/** GET /api/docs */
export function serveDocs(specUrl: string) {
  const page = docsPage(specUrl);
  return (c: Context) => {
    c.header('Content-Security-Policy', page.csp);
    return c.html(page.html);
  };
}

/** The OpenAPI document is public; the sandboxed docs page (origin "null") reads it cross-origin. */
export async function allowAnyOrigin(c: Context, next: () => Promise<void>): Promise<void> {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
}

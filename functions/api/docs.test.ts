import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { docsPage, SWAGGER_UI_VERSION } from './docs';

describe('the API docs page', () => {
  const { html, csp } = docsPage('/api/openapi.json');

  it('allows its one inline start-up script by hash, and no other inline script', () => {
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    const hash = createHash('sha256').update(inline[0]!).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('loads Swagger UI from one pinned version only', () => {
    const urls = [...html.matchAll(/(?:src|href)="(https:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBe(2);
    for (const url of urls) expect(url).toContain(`swagger-ui-dist@${SWAGGER_UI_VERSION}/`);
  });
});

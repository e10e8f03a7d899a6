import { describe, expect, it } from 'vitest';
import { refuseTokens } from '../../test/support/fixtures';
import type { Store } from '../data/client';
import { createApp } from './app';
import { ORIGIN_SECRET_HEADER, originSecretsFrom } from './origin-secret';

// The store is never reached: every request here is answered by the docs or refused at the edge.
const app = createApp({
  store: {} as Store,
  auth: refuseTokens,
  now: () => new Date(),
  originSecrets: originSecretsFrom({ ORIGIN_SECRET: 'new-secret', ORIGIN_SECRET_PREVIOUS: 'old-secret' }),
});
// The docs page, not the OpenAPI document: a fixed HTML page, where the document is generated anew
// on each request (seconds of this file's run on a loaded machine, and nothing to do with the secret).
const get = (headers: Record<string, string> = {}) => app.request('/api/docs', { headers });

describe('the origin secret (cloud only)', () => {
  it('refuses a request without the header CloudFront adds, as problem+json with a code', async () => {
    const res = await get();
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'request.not_via_site' });
  });

  it('refuses a wrong value, Open311 included', async () => {
    expect((await get({ [ORIGIN_SECRET_HEADER]: 'guess' })).status).toBe(403);
    const open311 = await app.request('/open311/v2/services.json', {
      headers: { [ORIGIN_SECRET_HEADER]: 'new' },
    });
    expect(open311.status).toBe(403);
  });

  it('accepts the current and the previous value, so a rotation refuses nobody', async () => {
    expect((await get({ [ORIGIN_SECRET_HEADER]: 'new-secret' })).status).toBe(200);
    expect((await get({ [ORIGIN_SECRET_HEADER]: 'old-secret' })).status).toBe(200);
  });

  it('is off where no secret is configured (local runs and tests)', async () => {
    const local = createApp({ store: {} as Store, auth: refuseTokens, now: () => new Date() });
    expect((await local.request('/api/docs')).status).toBe(200);
    expect(originSecretsFrom({})).toEqual([]);
  });
});

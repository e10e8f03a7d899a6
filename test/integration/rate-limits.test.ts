/**
 * The rate-limit policy table: a citizen raises at most 5 questions an hour (each starts a legal
 * clock at a body) and an Open311 client is limited per API key; the refusal is a 429
 * problem+json naming the policy, with Retry-After. Open311 bodies have a size limit (413).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, OPEN311_MAX_BODY_BYTES } from '../../functions/api/app';
import { createRoutes } from '../../functions/api/idempotency';
import { RATE_POLICY } from '../../functions/api/rate-policy';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const NOW = new Date('2026-07-01T07:10:00Z');
const KEY = 'rate-test-key';
const item = sampleItem();
let store: Store;
let auth: TestAuth;
beforeAll(async () => {
  store = await createTestStore('rates');
  auth = await testAuth();
  await putBody(store, { id: item.body.id, name: { en: 'A body' } });
  await putItem(store, item);
});
afterAll(() => store.raw.destroy());

const app = (over: Parameters<typeof createApp>[0]['rateLimits'] = {}) =>
  createApp({ store, auth: auth.verifier, now: () => NOW, open311ApiKeys: [KEY], rateLimits: over });

describe('questions', () => {
  it('a sixth question within the hour is a 429 with Retry-After and the policy named', async () => {
    const asker = user('citizen', { sub: 'rate-asker' });
    const headers = { ...(await auth.bearer(asker)), 'Content-Type': 'application/json' };
    const raise = (n: number) =>
      // Each question is a create with its own Idempotency-Key, so the throttle, not a missing key, answers.
      keyed(app()).request(`/api/items/${item.id}/questions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: `Question number ${n} about this road repair?` }),
      });
    for (let n = 1; n <= 5; n++) expect((await raise(n)).status).toBe(201);
    const res = await raise(6);
    expect(res.status).toBe(429);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    // The hour window started at 07:00; 50 minutes remain.
    expect(res.headers.get('Retry-After')).toBe(String(50 * 60));
    expect(await res.json()).toMatchObject({
      code: 'rate.limited',
      params: { policy: 'question_hour', limit: 5, windowSeconds: 3600, retryAfterSeconds: 3000 },
    });
  });
});

describe('Open311', () => {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const valid = {
    api_key: KEY,
    service_code: item.body.id,
    'attribute[item_id]': item.id,
    description: 'A flood on the road after the rain',
  };

  it('submissions are limited per API key: 429 with Retry-After once the key is used up', async () => {
    const limited = app({ open311: { limit: 2, windowSeconds: 3600 } });
    for (let n = 0; n < 2; n++)
      expect((await limited.request('/open311/v2/requests.json', form(valid))).status).toBe(201);
    const res = await limited.request('/open311/v2/requests.json', form(valid));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('a body over the Open311 limit is a 413', async () => {
    const res = await app().request(
      '/open311/v2/requests.json',
      form({ ...valid, description: 'x'.repeat(OPEN311_MAX_BODY_BYTES) }),
    );
    expect(res.status).toBe(413);
  });
});

describe('every create', () => {
  it('has a row in the rate policy (a new create without one fails here)', () => {
    app(); // registers every route, and with it every create
    expect(createRoutes.size).toBeGreaterThan(10);
    const without = [...createRoutes].filter((route) => !(route in RATE_POLICY));
    expect(without).toEqual([]);
  });

  it('a club create past its allowance is a 429 naming club_edit', async () => {
    const limited = app({ club_edit: { limit: 1, windowSeconds: 3600 } });
    const headers = {
      ...(await auth.bearer(user('club_secretary', { sub: 'rate-secretary' }))),
      'Content-Type': 'application/json',
    };
    const create = () =>
      keyed(limited).request('/api/sessions', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title: 'Session on road repairs',
          startsAt: '2026-09-10T15:00',
          durationMinutes: 120,
          venue: 'Antikor centre, Taraz',
          format: 'in_person',
        }),
      });
    expect((await create()).status).toBe(201);
    const res = await create();
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'rate.limited', params: { policy: 'club_edit' } });
  });
});

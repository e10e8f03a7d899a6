import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createStore, type Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

let store: Store;
beforeAll(async () => {
  store = await createTestStore('items');
});
afterAll(() => store.raw.destroy());

const appFor = (s: Store) =>
  createApp({ store: s, auth: refuseTokens, now: () => new Date('2026-07-01T06:00:00Z') });

describe('GET /api/items/:id', () => {
  it('returns a stored item with amounts as exact KZT strings and derived execution', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const res = await appFor(store).request(`/api/items/${item.id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.amounts).toEqual(item.amounts);
    expect(body.execution).toEqual({ percent: 50, state: 'on_track' });
  });

  it('answers an unknown id with 404 problem+json', async () => {
    const res = await appFor(store).request('/api/items/01HZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a malformed id with 400 naming the field', async () => {
    const res = await appFor(store).request('/api/items/not-a-ulid');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0]).toMatchObject({ in: 'param', field: 'id' });
  });

  it('answers 503 with Retry-After within seconds when storage is unreachable', async () => {
    const dead = createStore({
      endpoint: 'http://127.0.0.1:9',
      table: 'x-dead',
      timeoutMs: 500,
      maxAttempts: 1,
    });
    const started = Date.now();
    const res = await appFor(dead).request('/api/items/01HZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await res.text()).not.toContain('at ');
  });

  it('answers 503 within seconds when storage accepts connections but never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const hung = createStore({
      endpoint: `http://127.0.0.1:${port}`,
      table: 'x-hung',
      timeoutMs: 500,
      maxAttempts: 2,
    });
    const started = Date.now();
    const res = await appFor(hung).request('/api/items/01HZZZZZZZZZZZZZZZZZZZZZZZ');
    silent.close();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

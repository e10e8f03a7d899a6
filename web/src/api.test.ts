import { afterEach, describe, expect, it, vi } from 'vitest';
import { send } from './api';

const seen: Request[] = [];

function answer(...statuses: number[]) {
  const queue = [...statuses];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      seen.push(req);
      return new Response('{}', { status: queue.shift() ?? 200 });
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  seen.length = 0;
});

const create = () =>
  new Request('http://localhost/api/items/x/comments', { method: 'POST', body: '{"text":"a"}' });

describe('send', () => {
  it('gives every create an Idempotency-Key that is a UUID', async () => {
    answer(201);
    await send(create());
    expect(seen[0]!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a 5xx of a create once, with the same key and body', async () => {
    answer(503, 201);
    const res = await send(create());
    expect(res.status).toBe(201);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.headers.get('Idempotency-Key')).toBe(seen[0]!.headers.get('Idempotency-Key'));
    expect(await seen[1]!.text()).toBe('{"text":"a"}');
  });

  it('gives up after one retry', async () => {
    answer(500, 500, 201);
    expect((await send(create())).status).toBe(500);
    expect(seen).toHaveLength(2);
  });

  it('does not retry a 4xx', async () => {
    answer(409, 201);
    expect((await send(create())).status).toBe(409);
    expect(seen).toHaveLength(1);
  });

  it('sends no key with a read', async () => {
    answer(200);
    await send(new Request('http://localhost/api/items'));
    expect(seen[0]!.headers.has('Idempotency-Key')).toBe(false);
  });
});

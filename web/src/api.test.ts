import { afterEach, describe, expect, it, vi } from 'vitest';
import { send } from './api';

const seen: Request[] = [];

const IN_PROGRESS = 'in-progress';

/** Answers each call with the next status; IN_PROGRESS is a 409 `idempotency.in_progress` (Retry-After 0). */
function answer(...statuses: (number | typeof IN_PROGRESS)[]) {
  const queue = [...statuses];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      seen.push(req);
      const next = queue.shift() ?? 200;
      if (next === IN_PROGRESS)
        return new Response(JSON.stringify({ status: 409, code: 'idempotency.in_progress' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '0' },
        });
      return new Response('{}', { status: next });
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

  it('waits out a 409 idempotency.in_progress and asks again with the same key', async () => {
    answer(503, IN_PROGRESS, IN_PROGRESS, 201);
    const res = await send(create());
    expect(res.status).toBe(201);
    expect(new Set(seen.map((r) => r.headers.get('Idempotency-Key'))).size).toBe(1);
  });

  it('stops waiting for a running first attempt after four tries', async () => {
    answer(IN_PROGRESS, IN_PROGRESS, IN_PROGRESS, IN_PROGRESS, IN_PROGRESS, 201);
    expect((await send(create())).status).toBe(409);
    expect(seen).toHaveLength(5);
  });

  it('sends no key with a read', async () => {
    answer(200);
    await send(new Request('http://localhost/api/items'));
    expect(seen[0]!.headers.has('Idempotency-Key')).toBe(false);
  });
});

/**
 * Tests about something other than idempotency still create things; every create must carry an
 * Idempotency-Key. `keyed(app)` adds a fresh one to each POST/PUT that has none, so those tests keep
 * saying what they test. Tests of idempotency itself send their keys explicitly.
 */
import { randomUUID } from 'node:crypto';

type Requester = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

export function keyed<A extends Requester>(app: A): A {
  const request = app.request.bind(app);
  return new Proxy(app, {
    get(target, prop, receiver) {
      if (prop !== 'request') return Reflect.get(target, prop, receiver);
      return (input: string, init: RequestInit = {}) => {
        const method = (init.method ?? 'GET').toUpperCase();
        const headers = new Headers(init.headers);
        if ((method === 'POST' || method === 'PUT') && !headers.has('Idempotency-Key'))
          headers.set('Idempotency-Key', randomUUID());
        return request(input, { ...init, headers });
      };
    },
  });
}

/**
 * One JSON request to an in-process app as a signed-in user (or anonymously), the way API tests speak:
 *
 *   const call = caller(app, () => auth);
 *   const res = await call('POST', '/api/items/1/visits', citizen, { verdict: 'matches' });
 */
import type { Principal } from '../../shared/users';
import type { TestAuth } from './auth';

interface InProcessApp {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/** `auth` is read at each call, so a test file may set it up in `beforeAll`. */
export function caller(app: () => InProcessApp, auth: () => TestAuth) {
  return async (method: string, path: string, who?: Principal, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = who ? await auth().bearer(who) : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return app().request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { setDisplayName } from '../../functions/data/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
const admin = user('admin', { sub: 'admin-1', name: 'Admin One' });
const roadsName = { kk: 'Жолдар басқармасы', ru: 'Управление дорог', en: 'Roads department' };

beforeAll(async () => {
  store = await createTestStore('auth-admin');
  auth = await testAuth();
  app = keyed(createApp({ store, auth: auth.verifier, now: () => new Date() }));
  await putBody(store, { id: 'zha-roads', name: roadsName });
});
afterAll(() => store.raw.destroy());

async function call(
  method: string,
  path: string,
  who: Parameters<TestAuth['tokenFor']>[0] | null,
  body?: unknown,
) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app.request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

describe('GET /api/me', () => {
  it('names the body on an official badge', async () => {
    const res = await call('GET', '/api/me', user('official', { sub: 'off-1', bodies: ['zha-roads'] }));
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me.badges).toContainEqual({ role: 'official', body: { id: 'zha-roads', name: roadsName } });
    expect(me.badges).toContainEqual({ role: 'citizen' });
  });

  it('answers an anonymous caller with 401 problem+json', async () => {
    const res = await call('GET', '/api/me', null);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('administration', () => {
  it('grants a role and records who granted it and when', async () => {
    const res = await call('PUT', '/api/admin/users/u-42/roles/moderator', admin);
    expect(res.status).toBe(200);
    expect((await res.json()).roles).toContain('moderator');
    const detail = await (await call('GET', '/api/admin/users/u-42', admin)).json();
    expect(detail.changes[0]).toMatchObject({
      kind: 'role.grant',
      actor: { sub: 'admin-1', name: 'Admin One' },
      subject: { type: 'user', id: 'u-42' },
      detail: { role: 'moderator' },
    });
    expect(Date.parse(detail.changes[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('revokes a role and the revocation is in the change log, newest first', async () => {
    await call('PUT', '/api/admin/users/u-43/roles/club_member', admin);
    const res = await call('DELETE', '/api/admin/users/u-43/roles/club_member', admin);
    expect((await res.json()).roles).not.toContain('club_member');
    const page = await (await call('GET', '/api/admin/changes?limit=2', admin)).json();
    expect(page.changes.map((c: { kind: string }) => c.kind)).toEqual(['role.revoke', 'role.grant']);
  });

  it('binds an official to an existing body only', async () => {
    expect((await call('PUT', '/api/admin/users/u-44/bodies/zha-roads', admin)).status).toBe(200);
    expect((await call('PUT', '/api/admin/users/u-44/bodies/no-such-body', admin)).status).toBe(404);
  });

  it('creates a body once, then refuses the same id with 409', async () => {
    const body = { id: 'akimat-test', name: { en: 'Test Akimat' }, area: 'taraz', parentId: 'zha-roads' };
    expect((await call('POST', '/api/admin/bodies', admin, body)).status).toBe(201);
    expect((await call('POST', '/api/admin/bodies', admin, body)).status).toBe(409);
    expect(await (await call('GET', '/api/bodies/akimat-test', null)).json()).toEqual(body);
  });

  it('updates a body and records its fields before and after', async () => {
    await call('POST', '/api/admin/bodies', admin, { id: 'b-upd', name: { en: 'Old' } });
    const res = await call('PATCH', '/api/admin/bodies/b-upd', admin, { name: { en: 'New', kk: 'Жаңа' } });
    expect(res.status).toBe(200);
    const page = await (await call('GET', '/api/admin/changes?limit=1', admin)).json();
    expect(page.changes[0]).toMatchObject({
      kind: 'body.update',
      detail: { before: { name: { en: 'Old' } }, after: { name: { en: 'New', kk: 'Жаңа' } } },
    });
  });

  it('binds a body to its BIN, refusing one with a wrong control digit', async () => {
    await call('POST', '/api/admin/bodies', admin, { id: 'b-bin', name: { en: 'Binned' } });
    expect((await call('PATCH', '/api/admin/bodies/b-bin', admin, { bin: '060240012349' })).status).toBe(400);
    const res = await call('PATCH', '/api/admin/bodies/b-bin', admin, { bin: '060240012348' });
    expect(res.status).toBe(200);
    expect(await (await call('GET', '/api/bodies/b-bin', null)).json()).toMatchObject({
      bin: '060240012348',
    });
  });

  it('refuses a parent that would make a cycle', async () => {
    await call('POST', '/api/admin/bodies', admin, { id: 'b-top', name: { en: 'Top' } });
    await call('POST', '/api/admin/bodies', admin, { id: 'b-low', name: { en: 'Low' }, parentId: 'b-top' });
    const res = await call('PATCH', '/api/admin/bodies/b-top', admin, { parentId: 'b-low' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe('parentId');
  });

  it('answers a non-admin with 403 whether or not the target user exists', async () => {
    const moderator = user('moderator');
    const known = await call('GET', '/api/admin/users/u-42', moderator);
    const unknown = await call('GET', '/api/admin/users/nobody-here', moderator);
    expect([known.status, unknown.status]).toEqual([403, 403]);
    expect(await known.text()).toBe((await unknown.text()).replace('nobody-here', 'u-42'));
  });

  it('refuses an admin revoking their own admin role', async () => {
    expect((await call('DELETE', '/api/admin/users/admin-1/roles/admin', admin)).status).toBe(409);
  });

  it('refuses revoking the last admin the hub knows with 409 admin.last_admin, and allows it once there is another', async () => {
    // admin-1 is an admin by token only (no profile role), as a local or not-yet-mirrored admin is.
    expect((await call('PUT', '/api/admin/users/sole-admin/roles/admin', admin)).status).toBe(200);
    const refused = await call('DELETE', '/api/admin/users/sole-admin/roles/admin', admin);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'admin.last_admin' });
    expect((await call('PUT', '/api/admin/users/second-admin/roles/admin', admin)).status).toBe(200);
    expect((await call('DELETE', '/api/admin/users/sole-admin/roles/admin', admin)).status).toBe(200);
  });
});

describe('finding users (bounded pages)', () => {
  it('pages through users in account-id order and finds one by part of the name, any first-letter case', async () => {
    const people: [string, string][] = [
      ['page-a', 'Айгерім Сапарова'],
      ['page-b', 'Бауыржан Омаров'],
      ['page-c', 'Сәуле Бекова'],
    ];
    for (const [sub, name] of people) await setDisplayName(store, sub, name, new Date());
    const first = await (await call('GET', '/api/admin/users?limit=2', admin)).json();
    expect(first.users).toHaveLength(2);
    const second = await (await call('GET', `/api/admin/users?limit=2&cursor=${first.next}`, admin)).json();
    expect(second.users.map((u: { sub: string }) => u.sub)).not.toContain(first.users[0].sub);
    const found = await (
      await call('GET', `/api/admin/users?q=${encodeURIComponent('бауыр')}`, admin)
    ).json();
    expect(found.users.map((u: { sub: string }) => u.sub)).toEqual(['page-b']);
  });
});

describe('PATCH /api/me', () => {
  it('changes the display name shown by /api/me but not the roles', async () => {
    const citizen = user('citizen', { sub: 'renamer' });
    const res = await call('PATCH', '/api/me', citizen, { name: '  Жаңа Есім  ' });
    expect(res.status).toBe(200);
    const me = await (await call('GET', '/api/me', citizen)).json();
    expect([me.name, me.roles]).toEqual(['Жаңа Есім', ['citizen']]);
  });

  it('refuses a name with extra fields such as roles', async () => {
    const res = await call('PATCH', '/api/me', user('citizen'), { name: 'Ok Name', roles: ['admin'] });
    expect(res.status).toBe(400);
  });
});

/**
 * The officials' desk through the real API on DynamoDB Local (issue 20, item 4): templates per body,
 * handing a question to a named colleague, internal notes that never leave the body, and the
 * eOtinish registration that makes a question a registered appeal. One store for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { verifyFull } from '../../functions/audit/verify';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { applyGrant } from '../../functions/services/grants';
import { answerDueDate } from '../../shared/deadlines';
import type { AnswerTemplate, Assignment, BodyOfficial, InternalNote } from '../../shared/inbox';
import type { QuestionView } from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const CITY = 'akimat-taraz';
const asker = user('citizen', { sub: 'desk-asker', name: 'Aigerim Desk' });
const roadsOfficial = user('official', { sub: 'desk-roads-1', name: 'Roads Official', bodies: [ROADS] });
const roadsDeputy = user('official', { sub: 'desk-roads-2', name: 'Roads Deputy', bodies: [ROADS] });
const cityOfficial = user('official', { sub: 'desk-city-1', name: 'City Official', bodies: [CITY] });
const admin = user('admin', { sub: 'desk-admin', name: 'Desk Admin' });

/** A working Monday, Almaty noon. */
const NOW = new Date('2026-04-06T07:00:00Z');
const NOTE = 'Called the contractor: crew returns Monday (internal desk note)';

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await createTestStore('inbox');
  auth = await testAuth();
  app = keyed(createApp({ store, auth: auth.verifier, now: () => NOW, rateLimits: GENEROUS_RATE_LIMITS }));
  await putBody(store, { id: ROADS, name: { en: 'Roads' } });
  await putBody(store, { id: CITY, name: { en: 'Taraz City Akimat' } });
});
afterAll(() => store.raw.destroy());

async function call(who: Principal | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app.request(`/api${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}
async function raise(): Promise<QuestionView> {
  const item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } });
  await putItem(store, item);
  return ok(
    await call(asker, 'POST', `/items/${item.id}/questions`, { text: 'When does the repair resume?' }),
    201,
  );
}
const qPath = (q: QuestionView) => `/items/${q.itemId}/questions/${q.id}`;

describe('answer templates', () => {
  it("are the body's own: saved, changed and removed by its officials, unseen by another body's", async () => {
    const made = await ok<AnswerTemplate>(
      await call(roadsOfficial, 'POST', `/bodies/${ROADS}/templates`, {
        title: 'Repair scheduled',
        text: {
          kk: 'Құрметті {asker}, жөндеу {dueOn} дейін.',
          ru: 'Уважаемый(ая) {asker}, ремонт до {dueOn}.',
        },
      }),
      201,
    );
    const changed = await ok<AnswerTemplate>(
      await call(roadsDeputy, 'PUT', `/bodies/${ROADS}/templates/${made.id}`, {
        title: 'Repair scheduled',
        text: { kk: 'Құрметті {asker}!' },
      }),
    );
    expect(changed).toMatchObject({
      version: 2,
      updatedByName: 'Roads Deputy',
      text: { kk: 'Құрметті {asker}!' },
    });
    expect((await call(cityOfficial, 'GET', `/bodies/${ROADS}/templates`)).status).toBe(403);
    await ok(await call(roadsOfficial, 'DELETE', `/bodies/${ROADS}/templates/${made.id}`), 204);
    const left = await ok<{ templates: AnswerTemplate[] }>(
      await call(roadsDeputy, 'GET', `/bodies/${ROADS}/templates`),
    );
    expect(left.templates.map((t) => t.id)).not.toContain(made.id);
  });

  it('refuses a template with neither a kk nor a ru text', async () => {
    const res = await call(roadsOfficial, 'POST', `/bodies/${ROADS}/templates`, { title: 'Empty', text: {} });
    expect(res.status).toBe(400);
  });
});

describe('assignment', () => {
  it('hands a question to a colleague on the roster and keeps who did it', async () => {
    const q = await raise();
    // The deputy opens their desk once: that puts them on the body's roster.
    await ok(await call(roadsDeputy, 'GET', `/bodies/${ROADS}/officials`));
    const roster = await ok<{ officials: BodyOfficial[] }>(
      await call(roadsOfficial, 'GET', `/bodies/${ROADS}/officials`),
    );
    expect(roster.officials.map((o) => o.sub)).toEqual(
      expect.arrayContaining([roadsDeputy.sub, roadsOfficial.sub]),
    );
    const a = await ok<Assignment>(
      await call(roadsOfficial, 'PUT', `${qPath(q)}/assignment`, { assigneeSub: roadsDeputy.sub }),
    );
    expect(a).toMatchObject({
      assignee: { sub: roadsDeputy.sub, name: 'Roads Deputy' },
      by: { sub: roadsOfficial.sub },
    });
    const listed = await ok<{ assignments: Assignment[] }>(
      await call(roadsDeputy, 'GET', `/bodies/${ROADS}/assignments?questionIds=${q.id}`),
    );
    expect(listed.assignments.map((x) => x.assignee?.sub)).toEqual([roadsDeputy.sub]);
  });

  it("refuses handing a question to someone who is not the body's official", async () => {
    const q = await raise();
    const res = await call(roadsOfficial, 'PUT', `${qPath(q)}/assignment`, { assigneeSub: cityOfficial.sub });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].code).toBe('inbox.not_an_official');
  });

  it('puts an official bound to the body by an admin on its roster, and takes them off on unbinding', async () => {
    const deps = { store, now: () => NOW };
    await applyGrant(deps, admin, 'desk-new-official', { bodyId: ROADS }, false);
    const subs = async () =>
      (
        await ok<{ officials: BodyOfficial[] }>(
          await call(roadsOfficial, 'GET', `/bodies/${ROADS}/officials`),
        )
      ).officials.map((o) => o.sub);
    expect(await subs()).toContain('desk-new-official');
    await applyGrant(deps, admin, 'desk-new-official', { bodyId: ROADS }, true);
    expect(await subs()).not.toContain('desk-new-official');
  });
});

describe('the roster and data rights', () => {
  it("takes an official who erases their account off the body's roster", async () => {
    const leaver = user('official', { sub: 'desk-leaver', name: 'Leaving Official', bodies: [ROADS] });
    await ok(await call(leaver, 'GET', `/bodies/${ROADS}/officials`));
    await ok(await call(leaver, 'DELETE', '/me'));
    const roster = await ok<{ officials: BodyOfficial[] }>(
      await call(roadsOfficial, 'GET', `/bodies/${ROADS}/officials`),
    );
    expect(roster.officials.map((o) => o.name)).not.toContain('Leaving Official');
  });
});

describe('internal notes', () => {
  it("are seen by the body's officials and by nobody else, not in any public answer or the chain", async () => {
    const q = await raise();
    await ok<InternalNote>(await call(roadsOfficial, 'POST', `${qPath(q)}/notes`, { text: NOTE }), 201);
    await ok(await call(roadsOfficial, 'PUT', `${qPath(q)}/assignment`, { assigneeSub: roadsOfficial.sub }));
    const seen = await ok<{ notes: InternalNote[] }>(await call(roadsDeputy, 'GET', `${qPath(q)}/notes`));
    expect(seen.notes.map((n) => [n.text, n.by.name])).toEqual([[NOTE, 'Roads Official']]);
    expect((await call(cityOfficial, 'GET', `${qPath(q)}/notes`)).status).toBe(403);
    expect((await call(asker, 'GET', `${qPath(q)}/notes`)).status).toBe(403);
    const publicTexts = await Promise.all(
      [
        call(null, 'GET', qPath(q)),
        call(null, 'GET', `/items/${q.itemId}/questions`),
        call(asker, 'GET', '/questions/mine'),
        call(asker, 'GET', '/me/export'),
        call(roadsOfficial, 'GET', '/me/export'),
        call(null, 'GET', '/audit/entries?limit=500'),
      ].map(async (r) => (await r).text()),
    );
    for (const text of publicTexts) {
      expect(text).not.toContain('internal desk note');
      expect(text).not.toContain('"assignee"');
    }
  });

  it('stay with the body after a redirect: the new body starts with a clean desk', async () => {
    const q = await raise();
    await ok(await call(roadsOfficial, 'POST', `${qPath(q)}/notes`, { text: NOTE }), 201);
    await ok(
      await call(roadsOfficial, 'POST', `${qPath(q)}/redirect`, {
        toBodyId: CITY,
        reason: 'The city akimat maintains this street',
      }),
    );
    const atCity = await ok<{ notes: InternalNote[] }>(await call(cityOfficial, 'GET', `${qPath(q)}/notes`));
    expect(atCity.notes).toEqual([]);
    expect((await call(roadsOfficial, 'GET', `${qPath(q)}/notes`)).status).toBe(403);
  });
});

describe('eOtinish registration', () => {
  it('makes the question a registered appeal whose registration day governs, on the audit chain', async () => {
    const q = await raise();
    const registered = await ok<QuestionView>(
      await call(roadsOfficial, 'PUT', `${qPath(q)}/eotinish`, {
        number: 'ЖТ-2026-000123',
        registeredOn: '2026-04-06',
      }),
    );
    expect(registered.eotinish).toEqual({
      number: 'ЖТ-2026-000123',
      registeredOn: '2026-04-06',
      recordedOn: '2026-04-06',
    });
    expect(registered.dueOn).toBe(answerDueDate('2026-04-06'));
    const publicView = await ok<QuestionView>(await call(null, 'GET', qPath(q)));
    expect(publicView.eotinish?.number).toBe('ЖТ-2026-000123');
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  });

  it('refuses a registration day before the body received the question', async () => {
    const q = await raise();
    const res = await call(roadsOfficial, 'PUT', `${qPath(q)}/eotinish`, {
      number: 'ЖТ-2026-000124',
      registeredOn: '2026-04-01',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].code).toBe('date.out_of_range');
  });
});

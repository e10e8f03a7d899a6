/**
 * No account id in any public response about questions: askers appear by name only when they chose
 * to, otherwise by a per-item pseudonym; officials by display name; "mine" instead of ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { QuestionView } from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const CITY = 'akimat-taraz';
const SUBS = ['private-asker-7f3a', 'named-asker-19bc', 'roads-official-88de'];
const shy = user('citizen', { sub: SUBS[0]!, name: 'Shy Citizen' });
const named = user('citizen', { sub: SUBS[1]!, name: 'Aigerim Named' });
const official = user('official', { sub: SUBS[2]!, name: 'Roads Official', bodies: [ROADS] });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
const clock = new Date('2026-03-20T07:00:00Z');

beforeAll(async () => {
  store = await createTestStore('privacy');
  auth = await testAuth();
  // Raising a question is a create: keyed() gives each one its Idempotency-Key.
  app = keyed(createApp({ store, auth: auth.verifier, now: () => clock }));
  await putBody(store, { id: ROADS, name: { en: 'Roads' } });
  await putBody(store, { id: CITY, name: { en: 'City' } });
});
afterAll(() => store.raw.destroy());

async function call(who: Principal | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(`/api${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return text;
}

describe('public question responses', () => {
  it('carry no account id anywhere, for any caller', async () => {
    const item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } });
    await putItem(store, item);
    const text = 'Why did the repair of this road stop in March?';
    const a = JSON.parse(await call(shy, 'POST', `/items/${item.id}/questions`, { text })) as QuestionView;
    const b = JSON.parse(
      await call(named, 'POST', `/items/${item.id}/questions`, { text, showName: true }),
    ) as QuestionView;
    await call(official, 'POST', `/items/${item.id}/questions/${a.id}/answer`, {
      text: 'Resumes on 1 April.',
    });
    await call(official, 'POST', `/items/${item.id}/questions/${b.id}/extend`, {
      reason: 'We need the contractor report.',
      newDueOn: '2026-05-15',
    });

    const bodies = [
      await call(null, 'GET', `/items/${item.id}/questions`),
      await call(null, 'GET', `/items/${item.id}/questions/${a.id}`),
      await call(shy, 'GET', `/items/${item.id}/questions`),
      await call(shy, 'GET', '/questions/mine'),
      await call(official, 'GET', `/bodies/${ROADS}/questions`),
      await call(null, 'GET', '/responsiveness'),
      await call(null, 'GET', '/audit/entries'),
    ];
    for (const body of bodies) for (const sub of SUBS) expect(body).not.toContain(sub);
  });

  it('show the name only when the asker chose it, else a per-item pseudonym, and "mine" to the asker', async () => {
    const first = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } });
    const second = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } });
    await putItem(store, first);
    await putItem(store, second);
    const text = 'Why did the repair of this road stop in March?';
    await call(shy, 'POST', `/items/${first.id}/questions`, { text });
    await call(shy, 'POST', `/items/${second.id}/questions`, { text });
    await call(named, 'POST', `/items/${first.id}/questions`, { text, showName: true });

    const list = async (itemId: string, who: Principal | null) =>
      (JSON.parse(await call(who, 'GET', `/items/${itemId}/questions`)) as { questions: QuestionView[] })
        .questions;
    // Raised in the same millisecond: their order is not defined, so pick each by what it shows.
    const onFirst = await list(first.id, null);
    const shyOnFirst = onFirst.find((q) => q.askerPseudonymous);
    const namedOnFirst = onFirst.find((q) => !q.askerPseudonymous);
    const [shyOnSecond] = await list(second.id, null);
    expect(namedOnFirst).toMatchObject({ askerName: 'Aigerim Named', askerPseudonymous: false, mine: false });
    expect(shyOnFirst!.askerPseudonymous).toBe(true);
    expect(shyOnFirst!.askerName).toMatch(/^#[0-9A-F]{6}$/);
    expect(shyOnFirst!.askerName).not.toBe(shyOnSecond!.askerName);
    expect(JSON.stringify(await list(first.id, null))).not.toContain('Shy Citizen');
    const mine = (await list(first.id, shy)).map((q) => [q.askerPseudonymous, q.mine]);
    expect(mine.sort()).toEqual([
      [false, false],
      [true, true],
    ]);
  });
});

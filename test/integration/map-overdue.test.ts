/**
 * `GET /api/map/overdue` on DynamoDB Local with an injected clock: the map's overdue badge lists an
 * item whose question is past its legal due date in Almaty, and not one whose question was answered
 * or is not yet due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { answerQuestion, raiseQuestion } from '../../functions/services/questions';
import { addDays } from '../../shared/deadlines';
import type { Item } from '../../shared/item';
import { testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const asker = user('citizen', { sub: 'asker-1', name: 'Aigerim' });
const official = user('official', { sub: 'roads-1', name: 'Roads Official', bodies: [ROADS] });
/** Almaty noon of a date, so the Almaty calendar date is that date. */
const noonOf = (date: string) => new Date(`${date}T07:00:00Z`);

let store: Store;
let clock = noonOf('2026-01-05');
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await createTestStore('map-overdue');
  app = keyed(createApp({ store, auth: (await testAuth()).verifier, now: () => clock }));
});
afterAll(() => store.raw.destroy());

async function newItem(): Promise<Item> {
  const item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } });
  await putItem(store, item);
  return item;
}
const ask = (item: Item) =>
  raiseQuestion(store, item, asker, { text: 'When will the work resume?' }, { now: clock });

describe('GET /api/map/overdue', () => {
  it('lists an item with an overdue question and not the answered or not-yet-due ones', async () => {
    const late = await newItem();
    const answered = await newItem();
    const fresh = await newItem();
    clock = noonOf('2026-01-05');
    const q = await ask(late);
    const a = await ask(answered);
    await answerQuestion(store, a, official, 'Work resumes on 1 February.', { now: clock });
    clock = noonOf(addDays(q.dueOn, 1));
    await ask(fresh);

    const res = await app.request('/api/map/overdue');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toMatch(/max-age=60\b/);
    const { ids } = (await res.json()) as { ids: string[] };
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(answered.id);
    expect(ids).not.toContain(fresh.id);
  });

  it('does not list a question on its due date itself, only from the day after', async () => {
    const item = await newItem();
    clock = noonOf('2026-02-02');
    const q = await ask(item);
    clock = noonOf(q.dueOn);
    const onDue = (await (await app.request('/api/map/overdue')).json()) as { ids: string[] };
    expect(onDue.ids).not.toContain(item.id);
    clock = noonOf(addDays(q.dueOn, 1));
    const after = (await (await app.request('/api/map/overdue')).json()) as { ids: string[] };
    expect(after.ids).toContain(item.id);
  });
});

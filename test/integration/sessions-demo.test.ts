/** The demo club reproduces the origin's figures: 5 sessions held, 15 questions considered. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { listSessions, recommendationStatsByBody } from '../../functions/data/sessions';
import { seedDemoSessions } from '../../functions/demo/sessions';
import type { Item } from '../../shared/item';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const NOW = new Date('2026-11-28T06:00:00Z');
let store: Store;
let items: Item[];

beforeAll(async () => {
  store = await createTestStore('sessions-demo');
  items = Array.from({ length: 20 }, (_, i) =>
    sampleItem({ body: { id: i % 2 ? 'zha-roads' : 'zha-education', name: { en: 'Body' } } }),
  );
  for (const i of items) await putItem(store, i);
  await seedDemoSessions(store, items, NOW);
});
afterAll(() => store.raw.destroy());

describe('demo sessions', () => {
  it('shows 5 sessions held and 15 questions considered in the club stats', async () => {
    const app = createApp({ store, auth: refuseTokens, now: () => NOW });
    const stats = await (await app.request('/api/club/stats')).json();
    expect(stats).toMatchObject({ sessionsHeld: 5, questionsConsidered: 15, upcoming: 1 });
    expect(stats.recommendations.total).toBe(15);
    expect(stats.recommendations.done).toBeGreaterThan(0);
    expect(stats.recommendations.overdue).toBeGreaterThan(0);
  });

  it('lists one upcoming session with a published agenda', async () => {
    const app = createApp({ store, auth: refuseTokens, now: () => NOW });
    const { sessions } = await (await app.request('/api/sessions?when=upcoming')).json();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].status).toBe('agenda_published');
    expect(sessions[0].entries).toHaveLength(3);
    // Slots follow from the order inside the 15:00–17:00 window; no "15:60".
    expect(sessions[0].entries.map((e: { slot: { start: string } }) => e.slot.start)).toEqual([
      '15:00',
      '15:25',
      '15:50',
    ]);
  });

  it('writes titles, decisions and minutes in kk and ru, with varied decisions and named participants', async () => {
    const held = (await listSessions(store)).filter((s) => s.status === 'minutes_published');
    expect(held).toHaveLength(5);
    const decisions = new Set<string>();
    for (const s of held) {
      expect(s.title).toMatchObject({ kk: expect.any(String), ru: expect.any(String) });
      expect(s.minutes?.text).toMatchObject({ kk: expect.any(String), ru: expect.any(String) });
      for (const e of s.entries) {
        const d = e.outcome?.decision as { kk: string; ru: string };
        expect(d.kk).not.toBe(d.ru);
        decisions.add(d.ru);
      }
      expect(s.participants.filter((p) => p.kind === 'member').map((p) => p.name)).toContain(
        'Айгерім Сәрсенова (демо)',
      );
    }
    expect(decisions.size).toBe(3);
  });

  it('writes the same records when seeded again (deterministic and idempotent)', async () => {
    const before = (await listSessions(store)).map((s) => s.id);
    await seedDemoSessions(store, items, NOW);
    expect((await listSessions(store)).map((s) => s.id)).toEqual(before);
  });

  it('counts the follow-up of recommendations per body for the responsiveness page', async () => {
    const stats = await recommendationStatsByBody(store, '2026-11-28');
    expect(stats.map((s) => s.bodyId)).toEqual(['zha-education', 'zha-roads']);
    expect(stats.reduce((n, s) => n + s.total, 0)).toBe(15);
    for (const s of stats) expect(s.done + s.open + s.overdue).toBe(s.total);
  });
});

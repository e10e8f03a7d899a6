/** The demo questions: the promised mix on the legal clock, deterministic, and fully audited. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyFull } from '../../functions/audit/verify';
import { DEMO_USERS } from '../../functions/auth/demo-users';
import type { Store } from '../../functions/data/client';
import { listAllQuestions, overdueItemIds } from '../../functions/data/questions';
import { generateDemoItems } from '../../functions/demo/generate';
import { seedDemoQuestions } from '../../functions/demo/questions';
import { responsivenessOf } from '../../functions/services/questions';
import { isOverdue, type Question } from '../../shared/questions';
import { openDemoTemplate } from '../support/demo-template';
import { plainDemoTemplate } from '../support/e2e-ready';
import { createTestStore } from '../support/store';

const items = generateDemoItems({ count: 300 });
const itemById = new Map(items.map((i) => [i.id, i]));
const stores: Store[] = [];
/** The store holding the demo questions under test (read only when it is the run's template). */
let demo: Store;
let questions: Question[];
/** The Almaty date the questions were seeded for. */
let TODAY = '2026-11-20';

// Seeding the questions is ~40 questions of a few audited transactions each (up to a minute on a
// loaded 2-core machine), and the run's global setup has already seeded them, as `npm start` does,
// into the demo template (test/support/demo-template.ts). These tests read that table (waiting for the
// setup to finish seeding it) and seed only once more themselves, for the determinism check. Without
// a template of today (a run without the browser tests' setup) they seed twice, for a fixed day.
const byId = (a: Question, b: Question) => a.id.localeCompare(b.id);
beforeAll(async () => {
  const templates = await plainDemoTemplate();
  const template = openDemoTemplate('plain', templates, inject('ddbEndpoint'));
  if (template && templates) {
    stores.push(template);
    demo = template;
    TODAY = templates.day;
    questions = (await listAllQuestions(template)).sort(byId);
    return;
  }
  demo = await createTestStore('qdemo');
  stores.push(demo);
  questions = (await seedDemoQuestions(demo, items, { today: TODAY })).sort(byId);
}, 300_000);
afterAll(() => {
  for (const s of stores) s.raw.destroy();
});

describe('demo questions', () => {
  it('mix answered on time, answered late, overdue, extended, redirected and reopened', () => {
    expect(questions.some((q) => q.answeredLate === false)).toBe(true);
    expect(questions.some((q) => q.answeredLate === true)).toBe(true);
    expect(questions.some((q) => isOverdue(q, TODAY))).toBe(true);
    expect(questions.some((q) => q.status === 'extended' && !isOverdue(q, TODAY))).toBe(true);
    expect(questions.some((q) => q.status === 'redirected')).toBe(true);
    expect(questions.some((q) => q.status === 'reopened')).toBe(true);
    expect(questions.some((q) => q.status === 'closed' && q.rating)).toBe(true);
  });

  it('give at least one body enough questions for its on-time rate to show', () => {
    const bodies = new Set(questions.map((q) => q.bodyId));
    const rates = [...bodies].map((b) =>
      responsivenessOf(
        b,
        questions.filter((q) => q.bodyId === b),
        TODAY,
      ),
    );
    expect(rates.some((r) => r.onTimeRate !== null)).toBe(true);
  });

  it('are the same records on every run (ids and dates)', async () => {
    const again = await createTestStore('qdemo');
    stores.push(again);
    const second = (await seedDemoQuestions(again, items, { today: TODAY })).sort(byId);
    const key = (q: Question) => [q.id, q.itemId, q.bodyId, q.status, q.receivedOn, q.dueOn].join('|');
    expect(second.map(key)).toEqual(questions.map(key));
  }, 300_000);

  it('mark their overdue items for the map and leave a verifiable audit chain', async () => {
    const overdue = await overdueItemIds(demo, TODAY);
    expect([...overdue].sort()).toEqual(
      [...new Set(questions.filter((q) => isOverdue(q, TODAY)).map((q) => q.itemId))].sort(),
    );
    expect(await verifyFull(demo, null, new Date())).toMatchObject({ ok: true, chain: null });
    // The template's chain holds the whole demo (the sessions too): every record it names is read back.
  }, 120_000);

  it('are asked by the sign-in demo citizens and answered by the body’s own sign-in official', () => {
    const citizens = new Set(DEMO_USERS.filter((u) => !u.roles.includes('official')).map((u) => u.sub));
    const names = new Map(DEMO_USERS.map((u) => [u.sub, u.name]));
    for (const q of questions) {
      expect(citizens.has(q.askerSub)).toBe(true);
      expect(q.askerName).toBe(names.get(q.askerSub));
      for (const a of q.answers) {
        expect(a.bySub).toBe(`demo-official-${a.bodyId}`);
        expect(a.byName).toBe(names.get(a.bySub));
      }
    }
    expect(new Set(questions.map((q) => q.askerSub)).size).toBeGreaterThanOrEqual(4);
  });

  it('are written in Kazakh and Russian only, and fit their item’s state', () => {
    const kazakhLetters = /[әғқңөұүһі]/i;
    expect(questions.some((q) => kazakhLetters.test(q.text))).toBe(true);
    expect(questions.some((q) => !kazakhLetters.test(q.text))).toBe(true);
    for (const q of questions) {
      for (const text of [q.text, ...q.answers.map((a) => a.text)]) expect(text).not.toMatch(/[A-Za-z]{3,}/);
      const item = itemById.get(q.itemId)!;
      if (item.status === 'completed') expect(q.text).toMatch(/пайдалануға берілді|сдан/);
      if (item.status === 'planned' || item.status === 'procurement')
        expect(q.text).toMatch(/сатып алу|закупки/);
    }
  });

  it('give bodies, akimats among them, responsiveness that differs', () => {
    const bodies = [...new Set(questions.map((q) => q.bodyId))];
    const figures = bodies.map((b) => {
      const r = responsivenessOf(
        b,
        questions.filter((q) => q.bodyId === b),
        TODAY,
      );
      return { b, key: JSON.stringify([r.onTimeRate, r.answeredLate, r.overdueNow, r.received]) };
    });
    expect(new Set(figures.map((f) => f.key)).size).toBeGreaterThanOrEqual(5);
    const akimats = figures.filter((f) => f.b.startsWith('akimat-'));
    expect(new Set(akimats.map((f) => f.key)).size).toBeGreaterThanOrEqual(3);
  });
});

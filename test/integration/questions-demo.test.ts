/** The demo questions: the promised mix on the legal clock, deterministic, and fully audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyFull } from '../../functions/audit/verify';
import type { Store } from '../../functions/data/client';
import { overdueItemIds, responsivenessOf } from '../../functions/data/questions';
import { generateDemoItems } from '../../functions/demo/generate';
import { seedDemoQuestions } from '../../functions/demo/questions';
import { isOverdue, type Question } from '../../shared/questions';
import { createTestStore } from '../support/store';

const TODAY = '2026-11-20';
const items = generateDemoItems({ count: 120 });
const stores: Store[] = [];
let questions: Question[];

beforeAll(async () => {
  const store = await createTestStore('qdemo');
  stores.push(store);
  questions = await seedDemoQuestions(store, items, { today: TODAY });
});
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
    const second = await seedDemoQuestions(again, items, { today: TODAY });
    const key = (q: Question) => [q.id, q.itemId, q.bodyId, q.status, q.receivedOn, q.dueOn].join('|');
    expect(second.map(key)).toEqual(questions.map(key));
  });

  it('mark their overdue items for the map and leave a verifiable audit chain', async () => {
    const store = stores[0]!;
    const overdue = await overdueItemIds(store, TODAY);
    expect([...overdue].sort()).toEqual(
      [...new Set(questions.filter((q) => isOverdue(q, TODAY)).map((q) => q.itemId))].sort(),
    );
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  });
});

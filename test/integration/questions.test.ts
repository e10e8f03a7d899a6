/**
 * Questions to bodies through the real API on DynamoDB Local, with real tokens and a fixed clock:
 * the legal clock, the inbox, the status machine's refusals, answers on the thread, redirects,
 * extensions, responsiveness, overdue items for the map, and two officials answering at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { verifyFull } from '../../functions/audit/verify';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { overdueItemIds } from '../../functions/data/questions';
import { addDays, answerDueDate, extensionCap } from '../../shared/deadlines';
import type { Item } from '../../shared/item';
import type { QuestionView } from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const CITY = 'akimat-taraz';
const asker = user('citizen', { sub: 'asker-1', name: 'Aigerim' });
const stranger = user('citizen', { sub: 'stranger-1', name: 'Someone Else' });
const roadsOfficial = user('official', { sub: 'roads-1', name: 'Roads Official', bodies: [ROADS] });
const roadsDeputy = user('official', { sub: 'roads-2', name: 'Roads Deputy', bodies: [ROADS] });
const cityOfficial = user('official', { sub: 'city-1', name: 'City Official', bodies: [CITY] });

/** Almaty noon of a date, so the Almaty calendar date is that date. */
const noonOf = (date: string) => new Date(`${date}T07:00:00Z`);
const FRIDAY_BEFORE_NAURYZ = '2026-03-20';

let store: Store;
let auth: TestAuth;
let clock = noonOf(FRIDAY_BEFORE_NAURYZ);
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await createTestStore('questions');
  auth = await testAuth();
  app = keyed(createApp({ store, auth: auth.verifier, now: () => clock, rateLimits: GENEROUS_RATE_LIMITS }));
  await putBody(store, { id: ROADS, name: { en: 'Department of Passenger Transport and Roads' } });
  await putBody(store, { id: CITY, name: { en: 'Taraz City Akimat' } });
});
afterAll(() => store.raw.destroy());
beforeEach(() => {
  clock = noonOf(FRIDAY_BEFORE_NAURYZ);
});

async function call(who: Principal | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app.request(`/api${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
async function ok<T = QuestionView>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function newItem(over: Partial<Item> = {}): Promise<Item> {
  const item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } }, ...over });
  await putItem(store, item);
  return item;
}
async function raise(item: Item, text = 'Why did the repair of this road stop in March?') {
  return ok(await call(asker, 'POST', `/items/${item.id}/questions`, { text }), 201);
}
const qPath = (q: QuestionView) => `/items/${q.itemId}/questions/${q.id}`;
const answer = (
  q: QuestionView,
  who: Principal = roadsOfficial,
  text = 'The contractor resumes on 1 April.',
) => call(who, 'POST', `${qPath(q)}/answer`, { text });

describe('raising a question', () => {
  it('a question raised on the Friday before Nauryz 2026 is due on 15 April', async () => {
    const q = await raise(await newItem());
    expect(q).toMatchObject({ status: 'received', receivedOn: FRIDAY_BEFORE_NAURYZ, dueOn: '2026-04-15' });
  });

  it('arriving on Friday evening before Nauryz, it is registered on 26 March and due on 16 April (APPK art. 64(3))', async () => {
    clock = new Date(`${FRIDAY_BEFORE_NAURYZ}T19:00:00+05:00`);
    const q = await raise(await newItem());
    expect(q).toMatchObject({
      receivedOn: FRIDAY_BEFORE_NAURYZ,
      registeredOn: '2026-03-26',
      dueOn: '2026-04-16',
    });
    expect(q.dueBasis?.rules.map((r) => r.cite)).toEqual(['APPK art. 64(3)', 'APPK art. 76(1)']);
  });

  it("goes to the item's responsible body and the asker's list", async () => {
    const item = await newItem();
    const q = await raise(item);
    expect(q.bodyId).toBe(ROADS);
    const mine = await ok<{ questions: QuestionView[] }>(await call(asker, 'GET', '/questions/mine'));
    expect(mine.questions.map((x) => x.id)).toContain(q.id);
    const others = await ok<{ questions: QuestionView[] }>(await call(stranger, 'GET', '/questions/mine'));
    expect(others.questions.map((x) => x.id)).not.toContain(q.id);
  });

  it('is public on the item for anyone, signed in or not', async () => {
    const item = await newItem();
    const q = await raise(item);
    const list = await ok<{ questions: QuestionView[] }>(
      await call(null, 'GET', `/items/${item.id}/questions`),
    );
    expect(list.questions.map((x) => x.id)).toEqual([q.id]);
  });

  it('refuses a question about an unknown item with 404', async () => {
    const res = await call(asker, 'POST', '/items/01HZZZZZZZZZZZZZZZZZZZZZZZ/questions', {
      text: 'Where is this item?',
    });
    expect(res.status).toBe(404);
  });

  it('refuses promoting a comment that is not on the item, naming fromCommentId', async () => {
    const item = await newItem();
    const res = await call(asker, 'POST', `/items/${item.id}/questions`, {
      text: 'Promoted from the thread',
      fromCommentId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe('fromCommentId');
  });
});

describe('the official inbox', () => {
  it('lists open questions by due date with overdue and due-soon flags and counts', async () => {
    const item = await newItem();
    clock = noonOf('2026-02-02');
    const early = await raise(item);
    clock = noonOf('2026-02-20');
    const late = await raise(item);
    clock = noonOf(addDays(early.dueOn, 1));
    const inbox = await ok<{ questions: QuestionView[]; counts: Record<string, number> }>(
      await call(roadsOfficial, 'GET', `/bodies/${ROADS}/questions`),
    );
    const ours = inbox.questions.filter((q) => q.itemId === item.id);
    expect(ours.map((q) => q.id)).toEqual([early.id, late.id]);
    expect(ours[0]).toMatchObject({ overdue: true, dueSoon: false });
    expect(ours[1]).toMatchObject({ overdue: false });
    expect(inbox.counts.overdue).toBeGreaterThanOrEqual(1);
  });

  it('filters to overdue questions only', async () => {
    const item = await newItem();
    clock = noonOf('2026-02-02');
    const early = await raise(item);
    clock = noonOf(addDays(early.dueOn, 1));
    const fresh = await raise(item);
    const inbox = await ok<{ questions: QuestionView[] }>(
      await call(roadsOfficial, 'GET', `/bodies/${ROADS}/questions?due=overdue`),
    );
    const ids = inbox.questions.map((q) => q.id);
    expect(ids).toContain(early.id);
    expect(ids).not.toContain(fresh.id);
  });

  it('is closed to officials of another body', async () => {
    expect((await call(cityOfficial, 'GET', `/bodies/${ROADS}/questions`)).status).toBe(403);
  });
});

describe('answering', () => {
  it('publishes the answer on the item thread with the official badge', async () => {
    const item = await newItem();
    const q = await raise(item);
    const answered = await ok(await answer(q));
    expect(answered).toMatchObject({
      status: 'answered',
      answeredOn: FRIDAY_BEFORE_NAURYZ,
      answeredLate: false,
    });
    const thread = await ok<{ comments: { body: string; author: { official?: { bodyId: string } } }[] }>(
      await call(null, 'GET', `/items/${item.id}/comments`),
    );
    expect(thread.comments).toContainEqual(
      expect.objectContaining({
        body: 'The contractor resumes on 1 April.',
        author: expect.objectContaining({ official: expect.objectContaining({ bodyId: ROADS }) }),
      }),
    );
  });

  it('marks an answer after the due date as late', async () => {
    const q = await raise(await newItem());
    clock = noonOf(addDays(q.dueOn, 1));
    expect(await ok(await answer(q))).toMatchObject({ answeredLate: true });
  });

  it('keeps every version when an answer is edited', async () => {
    const q = await raise(await newItem());
    await ok(await answer(q, roadsOfficial, 'First text.'));
    const edited = await ok(
      await call(roadsOfficial, 'PUT', `${qPath(q)}/answer`, { text: 'Corrected text.' }),
    );
    expect(edited.answers.map((a) => [a.version, a.kind, a.text])).toEqual([
      [1, 'answer', 'First text.'],
      [2, 'edit', 'Corrected text.'],
    ]);
  });

  it('two officials answering at once: one wins, the other gets 409, nothing is lost', async () => {
    const q = await raise(await newItem());
    const results = await Promise.all([
      answer(q, roadsOfficial, 'Answer by the head of department.'),
      answer(q, roadsDeputy, 'Answer by the deputy.'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = (await results.find((r) => r.status === 200)!.json()) as QuestionView;
    const stored = await ok(await call(null, 'GET', qPath(q)));
    expect(stored.answers).toHaveLength(1);
    expect(stored.answers[0]!.text).toBe(winner.answers[0]!.text);
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  });
});

describe('illegal transitions answer 409', () => {
  it('the asker cannot accept a question that has no answer', async () => {
    const q = await raise(await newItem());
    expect((await call(asker, 'POST', `${qPath(q)}/accept`, {})).status).toBe(409);
  });

  it('a closed question cannot be answered again', async () => {
    const q = await raise(await newItem());
    await ok(await answer(q));
    await ok(await call(asker, 'POST', `${qPath(q)}/accept`, {}));
    expect((await answer(q)).status).toBe(409);
  });

  it('an answer cannot be disputed after 30 days', async () => {
    const q = await raise(await newItem());
    await ok(await answer(q));
    clock = noonOf(addDays(FRIDAY_BEFORE_NAURYZ, 31));
    const res = await call(asker, 'POST', `${qPath(q)}/dispute`, { reason: 'Nothing has changed on site.' });
    expect(res.status).toBe(409);
  });

  it('an expired term cannot be extended', async () => {
    const q = await raise(await newItem());
    clock = noonOf('2026-04-16');
    const res = await call(roadsOfficial, 'POST', `${qPath(q)}/extend`, {
      reason: 'A site inspection is needed.',
      newDueOn: '2026-05-06',
    });
    expect(res.status).toBe(409);
  });

  it('a question cannot be redirected after 3 working days', async () => {
    const q = await raise(await newItem());
    clock = noonOf('2026-03-31');
    const res = await call(roadsOfficial, 'POST', `${qPath(q)}/redirect`, {
      toBodyId: CITY,
      reason: 'The street belongs to the city.',
    });
    expect(res.status).toBe(409);
  });
});

describe('the language of an answer (Law on Languages art. 11)', () => {
  const raiseIn = async (lang: string) =>
    ok(
      await call(asker, 'POST', `/items/${(await newItem()).id}/questions`, {
        text: 'Why did the repair of this road stop in March?',
        lang,
      }),
      201,
    );

  it("answers in the question's language by default and records both", async () => {
    const q = await raiseIn('ru');
    const done = await ok(await answer(q));
    expect(done.lang).toBe('ru');
    expect(done.answers.at(-1)?.lang).toBe('ru');
  });

  it('takes an answer in Kazakh, the state language, to a question in Russian', async () => {
    const q = await raiseIn('ru');
    const res = await call(roadsOfficial, 'POST', `${qPath(q)}/answer`, {
      text: 'Жөндеу сәуірде жалғасады.',
      lang: 'kk',
    });
    expect(res.status).toBe(200);
  });

  it('warns with 409 before an answer in neither kk nor the question language, and takes it once confirmed', async () => {
    const q = await raiseIn('ru');
    const body = { text: 'The contractor resumes on 1 April.', lang: 'en' };
    expect((await call(roadsOfficial, 'POST', `${qPath(q)}/answer`, body)).status).toBe(409);
    const confirmed = await ok(
      await call(roadsOfficial, 'POST', `${qPath(q)}/answer`, { ...body, confirmLanguage: true }),
    );
    expect(confirmed.answers.at(-1)?.lang).toBe('en');
  });
});

describe('extension and redirect', () => {
  it('extends to the two-month cap and moves the due date', async () => {
    const q = await raise(await newItem());
    const cap = extensionCap(FRIDAY_BEFORE_NAURYZ);
    const extended = await ok(
      await call(roadsOfficial, 'POST', `${qPath(q)}/extend`, {
        reason: 'A site inspection is needed.',
        newDueOn: cap,
      }),
    );
    expect(extended).toMatchObject({
      status: 'extended',
      dueOn: cap,
      extension: { previousDueOn: '2026-04-15' },
    });
  });

  it('a second extension inside the cap keeps both, each with its own notice date (APPK art. 76(2))', async () => {
    const q = await raise(await newItem());
    const reason = 'A site inspection is needed.';
    clock = noonOf('2026-04-01');
    await ok(await call(roadsOfficial, 'POST', `${qPath(q)}/extend`, { reason, newDueOn: '2026-04-30' }));
    clock = noonOf('2026-04-20');
    const twice = await ok(
      await call(roadsOfficial, 'POST', `${qPath(q)}/extend`, { reason, newDueOn: '2026-05-20' }),
    );
    expect(twice).toMatchObject({ status: 'extended', dueOn: '2026-05-20', extension: { on: '2026-04-20' } });
    expect(twice.extensions?.map((e) => [e.newDueOn, e.noticeDueOn])).toEqual([
      ['2026-04-30', '2026-04-06'],
      ['2026-05-20', '2026-04-23'],
    ]);
  });

  it('refuses an extension past two months after registration, naming newDueOn', async () => {
    const q = await raise(await newItem());
    const res = await call(roadsOfficial, 'POST', `${qPath(q)}/extend`, {
      reason: 'A site inspection is needed.',
      newDueOn: addDays(extensionCap(FRIDAY_BEFORE_NAURYZ), 1),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe('newDueOn');
  });

  it('redirects within 3 working days: the new body gets it with a restarted clock, the old one loses it', async () => {
    const q = await raise(await newItem());
    clock = noonOf('2026-03-30');
    const moved = await ok(
      await call(roadsOfficial, 'POST', `${qPath(q)}/redirect`, {
        toBodyId: CITY,
        reason: 'The street belongs to the city.',
      }),
    );
    expect(moved).toMatchObject({
      status: 'redirected',
      bodyId: CITY,
      receivedOn: '2026-03-30',
      dueOn: answerDueDate('2026-03-30'),
    });
    const cityInbox = await ok<{ questions: QuestionView[] }>(
      await call(cityOfficial, 'GET', `/bodies/${CITY}/questions`),
    );
    expect(cityInbox.questions.map((x) => x.id)).toContain(q.id);
    expect((await answer(q, roadsOfficial)).status).toBe(403);
    expect((await answer(q, cityOfficial)).status).toBe(200);
  });
});

describe('the asker closes the loop', () => {
  it('disputes with a reason: the question reopens with a new term, and a new answer follows', async () => {
    const q = await raise(await newItem());
    await ok(await answer(q));
    clock = noonOf('2026-04-01');
    const reopened = await ok(
      await call(asker, 'POST', `${qPath(q)}/dispute`, { reason: 'Nothing has changed on site.' }),
    );
    expect(reopened).toMatchObject({ status: 'reopened', dueOn: answerDueDate('2026-04-01') });
    const again = await ok(await answer(q, roadsOfficial, 'Work started today; photos attached.'));
    expect(again.answers).toHaveLength(2);
  });

  it('only the asker rates, from 1 to 5', async () => {
    const q = await raise(await newItem());
    await ok(await answer(q));
    expect((await call(stranger, 'POST', `${qPath(q)}/rate`, { rating: 5 })).status).toBe(403);
    expect((await call(asker, 'POST', `${qPath(q)}/rate`, { rating: 6 })).status).toBe(400);
    expect(await ok(await call(asker, 'POST', `${qPath(q)}/rate`, { rating: 4 }))).toMatchObject({
      rating: 4,
    });
  });
});

describe('responsiveness and the map', () => {
  it('shows the on-time rate only from 5 questions, and it moves with answers', async () => {
    const s = await createTestStore('responsiveness');
    const localApp = keyed(
      createApp({ store: s, auth: auth.verifier, now: () => clock, rateLimits: GENEROUS_RATE_LIMITS }),
    );
    await putBody(s, { id: 'zha-health', name: { en: 'Health' } });
    const item = sampleItem({ body: { id: 'zha-health', name: { en: 'Health' } } });
    await putItem(s, item);
    const health = user('official', { sub: 'health-1', bodies: ['zha-health'] });
    const req = async (who: Principal | null, method: string, path: string, body?: unknown) =>
      localApp.request(`/api${path}`, {
        method,
        headers: { ...(who ? await auth.bearer(who) : {}), 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const row = async () =>
      (
        (await (await req(null, 'GET', '/responsiveness')).json()) as { bodies: { bodyId: string }[] }
      ).bodies.find((b) => b.bodyId === 'zha-health');
    const qs: QuestionView[] = [];
    for (let i = 0; i < 5; i++)
      qs.push(
        await ok(
          await req(asker, 'POST', `/items/${item.id}/questions`, { text: `Question number ${i}` }),
          201,
        ),
      );
    for (const q of qs.slice(0, 3))
      await ok(await req(health, 'POST', `${qPath(q)}/answer`, { text: 'Answered.' }));
    expect(await row()).toMatchObject({ received: 5, answeredOnTime: 3, onTimeRate: 100 });
    clock = noonOf(addDays(qs[3]!.dueOn, 2));
    await ok(await req(health, 'POST', `${qPath(qs[3]!)}/answer`, { text: 'Late answer.' }));
    expect(await row()).toMatchObject({ answeredOnTime: 3, answeredLate: 1, overdueNow: 1, onTimeRate: 75 });
    // Law on Languages art. 11: a confirmed answer in neither kk nor the question's language is counted.
    expect(await row()).toMatchObject({ answeredInOtherLanguage: 0 });
    await ok(
      await req(health, 'POST', `${qPath(qs[4]!)}/answer`, {
        text: 'In English.',
        lang: 'en',
        confirmLanguage: true,
      }),
    );
    expect(await row()).toMatchObject({ answeredInOtherLanguage: 1 });
    s.raw.destroy();
  });

  it('hides the on-time rate under 5 questions', async () => {
    const s = await createTestStore('responsiveness-small');
    const localApp = keyed(
      createApp({ store: s, auth: auth.verifier, now: () => clock, rateLimits: GENEROUS_RATE_LIMITS }),
    );
    await putBody(s, { id: 'zha-land', name: { en: 'Land' } });
    const res = await localApp.request('/api/responsiveness');
    expect((await res.json()).bodies[0]).toMatchObject({
      received: 0,
      onTimeRate: null,
      averageRating: null,
    });
    s.raw.destroy();
  });

  it('overdueItemIds names items with a question past its due date and no others', async () => {
    const late = await newItem();
    const fine = await newItem();
    clock = noonOf('2026-01-05');
    const q = await raise(late);
    clock = noonOf(addDays(q.dueOn, 1));
    await raise(fine);
    const ids = await overdueItemIds(store, addDays(q.dueOn, 1));
    expect(ids.has(late.id)).toBe(true);
    expect(ids.has(fine.id)).toBe(false);
    await ok(await answer(q));
    expect((await overdueItemIds(store, addDays(q.dueOn, 1))).has(late.id)).toBe(false);
  });
});

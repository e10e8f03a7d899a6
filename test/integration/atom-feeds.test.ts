/**
 * Atom feeds, read back with a real feed parser (@rowanmanning/feed-parser): the item, area, body,
 * contractor and answers feeds carry answers, the item's state and public comments; hidden comments,
 * hidden questions and answers, account ids and contact details never appear; conditional GET answers 304.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { putTelegramLink } from '../../functions/data/telegram';
import { postComment } from '../../functions/services/comments';
import { decide, decideContent } from '../../functions/services/moderation';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const BIN = '080540001238';
const ASKER = user('citizen', { sub: 'feed-asker-5c1d', name: 'Feed Asker' });
const OFFICIAL = user('official', { sub: 'feed-official-77aa', name: 'Roads Official', bodies: [ROADS] });
const CHAT_ID = '5550001234';
const HIDDEN_TEXT = 'This comment was hidden by a moderator';
const ANSWER_TEXT = 'Works resume on <1 April> & finish in May.';
// A question and an answer a moderator hid: their text leaves every feed, the other part stays.
const HIDDEN_QUESTION = 'A question hidden by a moderator';
const ANSWER_TO_HIDDEN_QUESTION = 'The answer to a hidden question stays public';
const HIDDEN_ANSWER = 'An answer hidden by a moderator';

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
const clock = new Date('2026-03-20T07:00:00Z');
const item = sampleItem({
  area: 'taraz',
  body: { id: ROADS, name: { en: 'Roads' } },
  contractor: { name: 'ТОО «Жол»', bin: BIN },
});

async function call(who: Principal, method: string, path: string, body?: unknown) {
  const res = await app.request(`/api${path}`, {
    method,
    headers: { ...(await auth.bearer(who)), 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return JSON.parse(text) as { id: string };
}

beforeAll(async () => {
  store = await createTestStore('feeds');
  auth = await testAuth();
  app = keyed(createApp({ store, auth: auth.verifier, now: () => clock, rateLimits: GENEROUS_RATE_LIMITS }));
  await putBody(store, { id: ROADS, name: { en: 'Roads', kk: 'Жолдар' }, area: 'taraz' });
  await putItem(store, item);
  const q = await call(ASKER, 'POST', `/items/${item.id}/questions`, { text: 'When do works resume?' });
  await call(OFFICIAL, 'POST', `/items/${item.id}/questions/${q.id}/answer`, { text: ANSWER_TEXT });
  await postComment(
    store,
    {
      itemId: item.id,
      author: { sub: ASKER.sub, name: ASKER.name },
      body: 'Visible <b>comment</b>',
      attachments: [],
    },
    clock,
  );
  const hidden = await postComment(
    store,
    { itemId: item.id, author: { sub: ASKER.sub, name: ASKER.name }, body: HIDDEN_TEXT, attachments: [] },
    clock,
  );
  await decide(
    store,
    hidden,
    { action: 'hide', reason: 'spam', note: 'test' },
    { sub: 'mod', name: 'Mod' },
    clock,
  );
  const mod = { sub: 'mod', name: 'Mod' };
  const hide = { action: 'hide', reason: 'personal_data', note: 'test' } as const;
  const hq = await call(ASKER, 'POST', `/items/${item.id}/questions`, { text: HIDDEN_QUESTION });
  await call(OFFICIAL, 'POST', `/items/${item.id}/questions/${hq.id}/answer`, {
    text: ANSWER_TO_HIDDEN_QUESTION,
  });
  await decideContent(store, { kind: 'question', id: `${item.id}_${hq.id}` }, hide, mod, clock);
  const ha = await call(ASKER, 'POST', `/items/${item.id}/questions`, {
    text: 'A public question whose answer was hidden',
  });
  await call(OFFICIAL, 'POST', `/items/${item.id}/questions/${ha.id}/answer`, { text: HIDDEN_ANSWER });
  await decideContent(store, { kind: 'answer', id: `${item.id}_${ha.id}_1` }, hide, mod, clock);
  // A private contact detail in the same table: no feed may ever carry it.
  await putTelegramLink(store, ASKER.sub, { chatId: CHAT_ID, linkedAt: clock.toISOString() });
});
afterAll(() => store.raw.destroy());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await app.request(`http://hub.example/api${path}`, { headers });
  return { res, text: await res.text() };
}

/** Account ids, the chat id, hidden text; answers speak for the body, never naming the official. */
function expectPrivate(text: string) {
  for (const secret of [
    ASKER.sub,
    OFFICIAL.sub,
    CHAT_ID,
    HIDDEN_TEXT,
    HIDDEN_QUESTION,
    // A hidden answer is hidden on its copy in the item's thread too.
    HIDDEN_ANSWER,
    'Roads Official',
  ])
    expect(text).not.toContain(secret);
  // The answer to a hidden question is still public: only the question's text left.
  expect(text).toContain(ANSWER_TO_HIDDEN_QUESTION);
}

describe('Atom feeds', () => {
  it("an item's feed is valid Atom with its answer, its state and its public comments only", async () => {
    const { res, text } = await get(`/feeds/items/${item.id}?lang=en`);
    expect(res.status, text).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('ETag')).toMatch(/^"/);
    expect(res.headers.get('Last-Modified')).toBeTruthy();
    expect(res.headers.get('Cache-Control')).toMatch(/max-age=\d+/);
    const feed = parseFeed(text);
    expect(feed.meta.type).toBe('atom');
    expect(feed.self).toBe(`http://hub.example/api/feeds/items/${item.id}?lang=en`);
    expect(feed.url).toBe(`http://hub.example/items/${item.id}`);
    expect(feed.updated).toBeInstanceOf(Date);
    const answer = feed.items.find((e) => e.content?.includes('Works resume'));
    expect(answer?.content).toContain(ANSWER_TEXT);
    expect(answer?.id).toMatch(/^tag:hub\.example,2026:question\/[0-9A-Z]{26}\/answer\/1$/);
    expect(answer?.url).toMatch(new RegExp(`^http://hub.example/items/${item.id}#question-`));
    expect(feed.items.some((e) => e.content === 'Visible <b>comment</b>')).toBe(true);
    expect(feed.items.some((e) => e.title?.includes('Status and amounts'))).toBe(true);
    for (const e of feed.items) expect(e.updated).toBeInstanceOf(Date);
    expectPrivate(text);
  });

  it('entry ids are stable across requests', async () => {
    const ids = async () => parseFeed((await get(`/feeds/items/${item.id}`)).text).items.map((e) => e.id);
    expect(await ids()).toEqual(await ids());
  });

  it('answers 304 to a reader that has the current version', async () => {
    const first = await get(`/feeds/items/${item.id}`);
    const again = await get(`/feeds/items/${item.id}`, { 'If-None-Match': first.res.headers.get('ETag')! });
    expect(again.res.status).toBe(304);
    const since = await get(`/feeds/items/${item.id}`, {
      'If-Modified-Since': first.res.headers.get('Last-Modified')!,
    });
    expect(since.res.status).toBe(304);
  });

  it.each([
    ['area', '/feeds/areas/taraz'],
    ['body', `/feeds/bodies/${ROADS}`],
    ['answers', '/feeds/answers'],
  ])('the %s feed carries the answer and nothing private', async (_, path) => {
    const { res, text } = await get(path);
    expect(res.status, text).toBe(200);
    const feed = parseFeed(text);
    expect(feed.items.some((e) => e.content?.includes(ANSWER_TEXT))).toBe(true);
    expectPrivate(text);
  });

  it("a contractor's feed lists its items", async () => {
    const { res, text } = await get(`/feeds/contractors/${BIN}?lang=en`);
    expect(res.status, text).toBe(200);
    const feed = parseFeed(text);
    expect(feed.title).toContain('ТОО «Жол»');
    expect(feed.items.map((e) => e.url)).toContain(`http://hub.example/items/${item.id}`);
  });

  it.each([
    '/feeds/items/01HZZZZZZZZZZZZZZZZZZZZZZZ',
    '/feeds/areas/atlantis',
    '/feeds/bodies/no-such-body',
    '/feeds/contractors/990140000007',
  ])('%s is a 404 problem', async (path) => {
    const { res } = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/problem\+json/);
  });
});

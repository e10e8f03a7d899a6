/**
 * Moderation of every kind of public content through the real API on DynamoDB Local: comments,
 * questions and answers are each flagged until hidden, found in the queue, restored from the hidden
 * list, with their history; a file on an answer is hidden on its own; bulk decisions; blocking and
 * unblocking a user; all on the audit chain.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { verifyFull } from '../../functions/audit/verify';
import { createLocalBlobStore } from '../../functions/blobs/local';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { Attachment, CommentView, ThreadPage, UploadTicket } from '../../shared/comments';
import type { BlockView, HistoryEntry, ModeratedEntry } from '../../shared/moderation';
import type { QuestionView } from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const asker = user('citizen', { sub: 'mc-asker', name: 'Aigerim Asker' });
const official = user('official', { sub: 'mc-official', name: 'Roads Official', bodies: [ROADS] });
const mod = user('moderator', { sub: 'mc-mod', name: 'Moderator' });
const flagger = (i: number) => user('citizen', { sub: `mc-flagger-${i}` });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
let dir: string;

beforeAll(async () => {
  store = await createTestStore('moderation-content');
  auth = await testAuth();
  dir = await mkdtemp(join(tmpdir(), 'obm-mod-content-'));
  const blobs = createLocalBlobStore(dir);
  app = keyed(
    createApp({ store, auth: auth.verifier, now: () => new Date(), blobs, rateLimits: GENEROUS_RATE_LIMITS }),
  );
  await putBody(store, { id: ROADS, name: { en: 'Roads' } });
});
afterAll(async () => {
  store.raw.destroy();
  await rm(dir, { recursive: true, force: true });
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
async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function newItem() {
  const item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } } });
  await putItem(store, item);
  return item;
}

/** One piece of each kind, with a way to read what the public sees of it. */
async function contentOf(kind: 'comment' | 'question' | 'answer') {
  const item = await newItem();
  if (kind === 'comment') {
    const c = await ok<CommentView>(
      await call(asker, 'POST', `/items/${item.id}/comments`, { body: 'a comment text' }),
      201,
    );
    const shown = async () => {
      const page = await ok<ThreadPage>(await call(null, 'GET', `/items/${item.id}/comments`));
      return page.comments.find((x) => x.id === c.id)!.body;
    };
    return { id: c.id, text: 'a comment text', shown };
  }
  const q = await ok<QuestionView>(
    await call(asker, 'POST', `/items/${item.id}/questions`, { text: 'Why did the works stop?' }),
    201,
  );
  const read = async () => ok<QuestionView>(await call(null, 'GET', `/items/${item.id}/questions/${q.id}`));
  if (kind === 'question') {
    return {
      id: `${item.id}_${q.id}`,
      text: 'Why did the works stop?',
      shown: async () => (await read()).text,
    };
  }
  await ok(
    await call(official, 'POST', `/items/${item.id}/questions/${q.id}/answer`, {
      text: 'They resume in April.',
    }),
  );
  return {
    id: `${item.id}_${q.id}_1`,
    text: 'They resume in April.',
    shown: async () => (await read()).answers[0]!.text,
  };
}

const queue = async (status: 'flagged' | 'hidden') =>
  (await ok<{ entries: ModeratedEntry[] }>(await call(mod, 'GET', `/moderation/queue?status=${status}`)))
    .entries;

describe.each(['comment', 'question', 'answer'] as const)('a %s', (kind) => {
  it('is hidden by three flags, listed, restored from the hidden list, with its history and on the chain', {
    timeout: 120_000,
  }, async () => {
    const c = await contentOf(kind);
    for (const i of [1, 2]) {
      expect(
        await ok(await call(flagger(i), 'POST', `/content/${kind}/${c.id}/flags`, { reason: 'spam' }), 202),
      ).toEqual({
        hidden: false,
      });
    }
    expect(await c.shown()).toBe(c.text);
    expect(
      await ok(await call(flagger(3), 'POST', `/content/${kind}/${c.id}/flags`, { reason: 'spam' }), 202),
    ).toEqual({ hidden: true });
    expect(await c.shown()).not.toBe(c.text);
    expect((await queue('flagged')).find((e) => e.id === c.id)).toMatchObject({
      kind,
      text: c.text,
      visibility: 'pending',
      flagCount: 3,
    });

    await ok(
      await call(mod, 'POST', `/moderation/content/${kind}/${c.id}/hide`, {
        reason: 'spam',
        note: 'confirmed',
      }),
    );
    expect((await queue('flagged')).some((e) => e.id === c.id)).toBe(false);
    expect((await queue('hidden')).find((e) => e.id === c.id)).toMatchObject({
      visibility: 'hidden',
      text: c.text,
    });

    await ok(
      await call(mod, 'POST', `/moderation/content/${kind}/${c.id}/restore`, {
        reason: 'other',
        note: 'a mistake',
      }),
    );
    expect(await c.shown()).toBe(c.text);
    expect((await queue('hidden')).some((e) => e.id === c.id)).toBe(false);

    const state = await ok<{ visibility: string; history: HistoryEntry[] }>(
      await call(mod, 'GET', `/moderation/content/${kind}/${c.id}`),
    );
    expect(state.visibility).toBe('visible');
    expect(state.history.map((h) => [h.action, h.actor.sub, h.note])).toEqual([
      ['restore', 'mc-mod', 'a mistake'],
      ['hide', 'mc-mod', 'confirmed'],
      ['flag_threshold_hide', 'system', '3 flags from different users'],
    ]);
    const key = kind === 'comment' ? `moderation/${c.id}` : `content/${kind}/${c.id}`;
    const check = await ok<{ ok: boolean }>(
      await call(null, 'GET', `/audit/verify?record=${encodeURIComponent(key)}`),
    );
    expect(check.ok).toBe(true);
  });
});

/** A finalized PDF of the official's, ready to attach to an answer. */
async function officialPdf(name: string): Promise<Attachment> {
  const doc = await PDFDocument.create();
  doc.addPage([100, 100]);
  const bytes = await doc.save();
  const ticket = await ok<UploadTicket>(
    await call(official, 'POST', '/uploads', {
      name,
      size: bytes.byteLength,
      contentType: 'application/pdf',
    }),
    201,
  );
  await app.request(ticket.url, {
    method: 'PUT',
    headers: { ...ticket.headers, 'Content-Length': String(bytes.byteLength) },
    body: new Uint8Array(bytes).buffer,
  });
  return ok<Attachment>(await call(official, 'POST', `/uploads/${ticket.id}/finalize`));
}

describe("an answer's file", () => {
  it('is hidden on its own (off the answer, download 404, text kept), previewed by the moderator, restored, on the chain', {
    timeout: 120_000,
  }, async () => {
    const item = await newItem();
    const q = await ok<QuestionView>(
      await call(asker, 'POST', `/items/${item.id}/questions`, { text: 'Where is the act of acceptance?' }),
      201,
    );
    const [act, plates] = [await officialPdf('act.pdf'), await officialPdf('plates.pdf')];
    await ok(
      await call(official, 'POST', `/items/${item.id}/questions/${q.id}/answer`, {
        text: 'The act is attached.',
        attachments: [act.id, plates.id],
      }),
    );
    const answer = async () =>
      (await ok<QuestionView>(await call(null, 'GET', `/items/${item.id}/questions/${q.id}`))).answers[0]!;
    const download = async () => (await call(null, 'GET', `/attachments/${plates.id}`)).status;

    await ok(
      await call(flagger(1), 'POST', `/content/answer_file/${plates.id}/flags`, { reason: 'personal_data' }),
      202,
    );
    expect((await queue('flagged')).find((e) => e.id === plates.id)).toMatchObject({
      kind: 'answer_file',
      itemId: item.id,
      text: 'plates.pdf',
    });
    await ok(
      await call(mod, 'POST', `/moderation/content/answer_file/${plates.id}/hide`, {
        reason: 'personal_data',
        note: 'a number plate',
      }),
    );
    const hidden = await answer();
    expect(hidden.text).toBe('The act is attached.');
    expect(hidden.attachments?.map((f) => f.id)).toEqual([act.id]);
    expect(await download()).toBe(404);
    expect((await call(null, 'GET', `/attachments/${act.id}`)).status).toBe(302);
    const preview = await call(mod, 'GET', `/moderation/files/${plates.id}`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    expect(preview.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await preview.text()).startsWith('%PDF')).toBe(true);

    await ok(
      await call(mod, 'POST', `/moderation/content/answer_file/${plates.id}/restore`, {
        reason: 'other',
        note: 'the plate is unreadable',
      }),
    );
    expect((await answer()).attachments?.map((f) => f.id)).toEqual([act.id, plates.id]);
    expect(await download()).toBe(302);
    const state = await ok<{ history: HistoryEntry[] }>(
      await call(mod, 'GET', `/moderation/content/answer_file/${plates.id}`),
    );
    expect(state.history.map((h) => h.action)).toEqual(['restore', 'hide']);
    const check = await ok<{ ok: boolean }>(
      await call(
        null,
        'GET',
        `/audit/verify?record=${encodeURIComponent(`content/answer_file/${plates.id}`)}`,
      ),
    );
    expect(check.ok).toBe(true);
  });
});

describe('moderation routes', () => {
  it('refuses a second flag from the same user with 409 content.already_flagged', async () => {
    const c = await contentOf('question');
    await ok(await call(flagger(1), 'POST', `/content/question/${c.id}/flags`, { reason: 'abuse' }), 202);
    const res = await call(flagger(1), 'POST', `/content/question/${c.id}/flags`, { reason: 'abuse' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('content.already_flagged');
  });

  it('answers 404 for content of an unknown kind or id', async () => {
    expect((await call(flagger(1), 'POST', '/content/photo/abc/flags', { reason: 'spam' })).status).toBe(404);
    const body = { reason: 'spam', note: 'x' };
    expect((await call(mod, 'POST', '/moderation/content/question/nope_nope/hide', body)).status).toBe(404);
  });

  it('hides and restores several kinds at once, reporting content it cannot find', async () => {
    const a = await contentOf('comment');
    const b = await contentOf('question');
    const items = [
      { kind: 'comment', id: a.id },
      { kind: 'question', id: b.id },
      { kind: 'comment', id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    ];
    const hid = await ok<{ results: { outcome: string }[] }>(
      await call(mod, 'POST', '/moderation/bulk', { action: 'hide', reason: 'spam', note: 'wave', items }),
    );
    expect(hid.results.map((r) => r.outcome)).toEqual(['done', 'done', 'not_found']);
    expect(await a.shown()).toBeNull();
    expect(await b.shown()).toBe('');
    await ok(
      await call(mod, 'POST', '/moderation/bulk', {
        action: 'restore',
        reason: 'other',
        note: 'undo',
        items: items.slice(0, 2),
      }),
    );
    expect(await a.shown()).toBe(a.text);
    expect(await b.shown()).toBe(b.text);
  });

  it('lets only moderators decide (403 for citizens, 401 anonymous)', async () => {
    const c = await contentOf('answer');
    const body = { reason: 'spam', note: 'x' };
    expect((await call(flagger(1), 'POST', `/moderation/content/answer/${c.id}/hide`, body)).status).toBe(
      403,
    );
    expect((await call(null, 'POST', `/moderation/content/answer/${c.id}/hide`, body)).status).toBe(401);
    expect((await call(flagger(1), 'GET', '/moderation/queue?status=hidden')).status).toBe(403);
  });
});

describe('blocking a user', () => {
  it("refuses the blocked user's creates with user.blocked, tells them, and lets them create again once lifted", async () => {
    const troll = user('citizen', { sub: 'mc-troll', name: 'Troll' });
    const item = await newItem();
    const block = await ok<BlockView>(
      await call(mod, 'POST', '/moderation/users/mc-troll/block', { reason: 'repeated abuse', days: 7 }),
    );
    expect(block).toMatchObject({ blocked: true, reason: 'repeated abuse' });
    const refused = await call(troll, 'POST', `/items/${item.id}/comments`, { body: 'again' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'user.blocked', params: { until: block.until } });
    expect(await ok<BlockView>(await call(troll, 'GET', '/me/block'))).toMatchObject({
      blocked: true,
      reason: 'repeated abuse',
      until: block.until,
    });

    await ok(await call(mod, 'POST', '/moderation/users/mc-troll/unblock', { reason: 'served' }));
    expect(await ok<BlockView>(await call(troll, 'GET', '/me/block'))).toEqual({ blocked: false });
    await ok(await call(troll, 'POST', `/items/${item.id}/comments`, { body: 'sorry' }), 201);
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  });

  it('lets only moderators block', async () => {
    expect((await call(flagger(1), 'POST', '/moderation/users/mc-x/block', { reason: 'x' })).status).toBe(
      403,
    );
    expect((await call(mod, 'POST', '/moderation/users/mc-mod/block', { reason: 'x' })).status).toBe(409);
  });
});

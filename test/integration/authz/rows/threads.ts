/**
 * Discussion threads, attachments, follows and moderation (issue 5). Each row's setup makes real
 * data (an item, a comment by the matrix citizen) so every caller gets an exact status.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalBlobStore } from '../../../../functions/blobs/local';
import type { Store } from '../../../../functions/data/client';
import { putItem } from '../../../../functions/data/items';
import { postComment } from '../../../../functions/services/comments';
import { sampleItem } from '../../../support/fixtures';
import { everyone, type MatrixContext, type MatrixRow, only, PRINCIPALS, signedIn } from '../matrix';

const moderators = ['moderator', 'admin'] as const;
const UNKNOWN = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

async function newItem(store: Store): Promise<string> {
  const item = sampleItem();
  await putItem(store, item);
  return item.id;
}

/** A comment by the matrix citizen on a fresh item (written directly: no rate limit in setup). */
async function citizensComment(ctx: MatrixContext): Promise<{ itemId: string; commentId: string }> {
  const itemId = await newItem(ctx.store);
  const c = await postComment(
    ctx.store,
    { itemId, author: PRINCIPALS.citizen, body: 'matrix comment', attachments: [] },
    ctx.now(),
  );
  return { itemId, commentId: c.id };
}

export const deps = () => ({ blobs: createLocalBlobStore(mkdtempSync(join(tmpdir(), 'obm-matrix-blobs-'))) });

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/items/{id}/comments',
    setup: async (ctx) => ({ path: `/api/items/${await newItem(ctx.store)}/comments` }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/items/{id}/comments',
    setup: async (ctx) => ({ path: `/api/items/${await newItem(ctx.store)}/comments` }),
    body: { body: 'matrix' },
    expect: signedIn(201),
  },
  {
    route: 'PATCH /api/comments/{commentId}',
    setup: async (ctx) => ({ path: `/api/comments/${(await citizensComment(ctx)).commentId}` }),
    body: { body: 'edited' },
    expect: only(['citizen'], 200),
  },
  {
    route: 'DELETE /api/comments/{commentId}',
    setup: async (ctx) => ({ path: `/api/comments/${(await citizensComment(ctx)).commentId}` }),
    expect: only(['citizen'], 204),
  },
  {
    route: 'GET /api/comments/{commentId}/revisions',
    setup: async (ctx) => ({ path: `/api/comments/${(await citizensComment(ctx)).commentId}/revisions` }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/comments/{commentId}/flags',
    setup: async (ctx) => ({ path: `/api/comments/${(await citizensComment(ctx)).commentId}/flags` }),
    body: { reason: 'spam' },
    expect: signedIn(202),
  },
  {
    route: 'POST /api/comments/{commentId}/support',
    setup: async (ctx) => ({ path: `/api/comments/${(await citizensComment(ctx)).commentId}/support` }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/items/{id}/follow',
    setup: async (ctx) => ({ path: `/api/items/${await newItem(ctx.store)}/follow` }),
    expect: signedIn(200),
  },
  {
    route: 'PUT /api/items/{id}/follow',
    setup: async (ctx) => ({ path: `/api/items/${await newItem(ctx.store)}/follow` }),
    expect: signedIn(204),
  },
  {
    route: 'DELETE /api/items/{id}/follow',
    setup: async (ctx) => ({ path: `/api/items/${await newItem(ctx.store)}/follow` }),
    expect: signedIn(204),
  },
  { route: 'GET /api/me/feed', expect: signedIn(200) },
  { route: 'GET /api/attachments/{id}', path: `/api/attachments/${UNKNOWN}`, expect: everyone(404) },
  {
    route: 'GET /api/attachments/{id}/thumbnail',
    path: `/api/attachments/${UNKNOWN}/thumbnail`,
    expect: everyone(404),
  },
  {
    route: 'POST /api/uploads',
    body: { name: 'site-visit.jpg', contentType: 'image/jpeg', size: 1000 },
    expect: signedIn(201),
  },
  {
    route: 'POST /api/uploads/{id}/finalize',
    path: `/api/uploads/${UNKNOWN}/finalize`,
    expect: signedIn(404),
  },
  { route: 'GET /api/moderation/queue', expect: only(moderators, 200) },
  { route: 'GET /api/moderation/audit', expect: only(moderators, 200) },
  {
    route: 'POST /api/moderation/comments/{commentId}/hide',
    setup: async (ctx) => ({
      path: `/api/moderation/comments/${(await citizensComment(ctx)).commentId}/hide`,
    }),
    body: { reason: 'spam', note: 'matrix' },
    expect: only(moderators, 200),
  },
  {
    route: 'POST /api/moderation/comments/{commentId}/restore',
    setup: async (ctx) => ({
      path: `/api/moderation/comments/${(await citizensComment(ctx)).commentId}/restore`,
    }),
    body: { reason: 'other', note: 'matrix' },
    expect: only(moderators, 200),
  },
];

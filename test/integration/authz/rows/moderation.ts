/**
 * Moderation of every kind of content and blocks on users (issue 20). Each row's setup makes a
 * fresh comment by the matrix citizen, so every caller gets an exact status.
 */

import { putItem } from '../../../../functions/data/items';
import { postComment } from '../../../../functions/services/comments';
import { sampleItem } from '../../../support/fixtures';
import { type MatrixContext, type MatrixRow, only, PRINCIPALS, signedIn } from '../matrix';

const moderators = ['moderator', 'admin'] as const;

async function citizensComment(ctx: MatrixContext): Promise<string> {
  const item = sampleItem();
  await putItem(ctx.store, item);
  const c = await postComment(
    ctx.store,
    { itemId: item.id, author: PRINCIPALS.citizen, body: 'matrix comment', attachments: [] },
    ctx.now(),
  );
  return c.id;
}

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/content/{kind}/{id}/flags',
    setup: async (ctx) => ({ path: `/api/content/comment/${await citizensComment(ctx)}/flags` }),
    body: { reason: 'spam' },
    expect: signedIn(202),
  },
  {
    route: 'POST /api/moderation/content/{kind}/{id}/hide',
    setup: async (ctx) => ({ path: `/api/moderation/content/comment/${await citizensComment(ctx)}/hide` }),
    body: { reason: 'spam', note: 'matrix' },
    expect: only(moderators, 200),
  },
  {
    route: 'POST /api/moderation/content/{kind}/{id}/restore',
    setup: async (ctx) => ({ path: `/api/moderation/content/comment/${await citizensComment(ctx)}/restore` }),
    body: { reason: 'other', note: 'matrix' },
    expect: only(moderators, 200),
  },
  {
    route: 'GET /api/moderation/content/{kind}/{id}',
    setup: async (ctx) => ({ path: `/api/moderation/content/comment/${await citizensComment(ctx)}` }),
    expect: only(moderators, 200),
  },
  {
    route: 'POST /api/moderation/bulk',
    setup: async (ctx) => ({
      body: {
        action: 'hide',
        reason: 'spam',
        note: 'matrix',
        items: [{ kind: 'comment', id: await citizensComment(ctx) }],
      },
    }),
    expect: only(moderators, 200),
  },
  {
    route: 'POST /api/moderation/users/{sub}/block',
    path: '/api/moderation/users/mx-someone-else/block',
    body: { reason: 'matrix', days: 1 },
    expect: only(moderators, 200),
  },
  {
    route: 'POST /api/moderation/users/{sub}/unblock',
    path: '/api/moderation/users/mx-someone-else/unblock',
    body: { reason: 'matrix' },
    expect: only(moderators, 200),
  },
  {
    route: 'GET /api/moderation/users/{sub}/block',
    path: '/api/moderation/users/mx-someone-else/block',
    expect: only(moderators, 200),
  },
  { route: 'GET /api/me/block', expect: signedIn(200) },
];

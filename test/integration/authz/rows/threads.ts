/**
 * Discussion threads, attachments and moderation (issue 5). Sample ids do not exist, so callers who
 * pass authorization get the handler's own answer (PASSES); resource checks on own comments are
 * proven in test/integration/threads.test.ts.
 */
import { everyone, type MatrixRow, only, PASSES, signedIn } from '../matrix';

const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const COMMENT = '01HYYYYYYYYYYYYYYYYYYYYYYY';
const moderators = ['moderator', 'admin'] as const;

export const rows: MatrixRow[] = [
  { route: 'GET /api/items/{id}/comments', path: `/api/items/${ITEM}/comments`, expect: everyone(PASSES) },
  {
    route: 'POST /api/items/{id}/comments',
    path: `/api/items/${ITEM}/comments`,
    body: { body: 'matrix' },
    expect: signedIn(PASSES),
  },
  {
    route: 'PATCH /api/comments/{commentId}',
    path: `/api/comments/${COMMENT}`,
    body: {},
    expect: signedIn(PASSES),
  },
  { route: 'DELETE /api/comments/{commentId}', path: `/api/comments/${COMMENT}`, expect: signedIn(PASSES) },
  {
    route: 'GET /api/comments/{commentId}/revisions',
    path: `/api/comments/${COMMENT}/revisions`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/comments/{commentId}/flags',
    path: `/api/comments/${COMMENT}/flags`,
    body: { reason: 'spam' },
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/comments/{commentId}/support',
    path: `/api/comments/${COMMENT}/support`,
    expect: signedIn(PASSES),
  },
  { route: 'GET /api/items/{id}/follow', path: `/api/items/${ITEM}/follow`, expect: signedIn(PASSES) },
  { route: 'PUT /api/items/{id}/follow', path: `/api/items/${ITEM}/follow`, expect: signedIn(PASSES) },
  { route: 'DELETE /api/items/{id}/follow', path: `/api/items/${ITEM}/follow`, expect: signedIn(PASSES) },
  { route: 'GET /api/me/feed', expect: signedIn(PASSES) },
  { route: 'GET /api/attachments/{id}', path: `/api/attachments/${COMMENT}`, expect: everyone(PASSES) },
  {
    route: 'GET /api/attachments/{id}/thumbnail',
    path: `/api/attachments/${COMMENT}/thumbnail`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/uploads',
    body: { contentType: 'image/png', size: 10 },
    expect: signedIn(PASSES),
  },
  {
    route: 'POST /api/uploads/{id}/finalize',
    path: `/api/uploads/${COMMENT}/finalize`,
    expect: signedIn(PASSES),
  },
  { route: 'GET /api/moderation/queue', expect: only(moderators, PASSES) },
  { route: 'GET /api/moderation/audit', expect: only(moderators, PASSES) },
  {
    route: 'POST /api/moderation/comments/{commentId}/hide',
    path: `/api/moderation/comments/${COMMENT}/hide`,
    body: { reason: 'matrix' },
    expect: only(moderators, PASSES),
  },
  {
    route: 'POST /api/moderation/comments/{commentId}/restore',
    path: `/api/moderation/comments/${COMMENT}/restore`,
    body: { reason: 'matrix' },
    expect: only(moderators, PASSES),
  },
];

/**
 * A body's contacts (issue 20, item 3): an admin or the body's own official sets and reads its
 * mailbox (not another body's official, not a moderator); following the mailed link and reading
 * whether notifications work need no account.
 */
import { putBody } from '../../../../functions/data/bodies';
import { BODY, everyone, type MatrixContext, type MatrixRow, only } from '../matrix';

let body: Promise<void> | undefined;
const bodyExists = async (ctx: MatrixContext) => {
  body ??= putBody(ctx.store, { id: BODY, name: { en: 'Roads' } });
  await body;
  return undefined;
};

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/bodies/{bodyId}/contacts',
    path: `/api/bodies/${BODY}/contacts`,
    setup: bodyExists,
    expect: only(['official', 'admin'], 200),
  },
  {
    route: 'PUT /api/bodies/{bodyId}/mailbox',
    path: `/api/bodies/${BODY}/mailbox`,
    body: { address: 'matrix-mailbox@roads.example.kz' },
    setup: bodyExists,
    expect: only(['official', 'admin'], 200),
  },
  // A wrong token is refused the same way for everyone, signed in or not.
  {
    route: 'POST /api/bodies/{bodyId}/mailbox/verify',
    path: `/api/bodies/${BODY}/mailbox/verify`,
    body: { token: 'not-a-token' },
    setup: bodyExists,
    expect: everyone(400),
  },
  {
    route: 'GET /api/bodies/{bodyId}/notifications-status',
    path: `/api/bodies/${BODY}/notifications-status`,
    setup: bodyExists,
    expect: everyone(200),
  },
];

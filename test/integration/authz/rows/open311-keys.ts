/** Open311 API keys (issue 22): only admins issue, list and revoke them. */
import { issueOpen311Key } from '../../../../functions/services/open311-keys';
import { type MatrixRow, only, PRINCIPALS } from '../matrix';

export const rows: MatrixRow[] = [
  { route: 'GET /api/admin/open311-keys', expect: only(['admin'], 200) },
  {
    route: 'POST /api/admin/open311-keys',
    body: { name: 'Matrix client' },
    expect: only(['admin'], 201),
  },
  {
    route: 'DELETE /api/admin/open311-keys/{id}',
    // A fresh key for each caller that gets through; refused callers leave it for the next.
    setup: async (ctx) => {
      const key = await issueOpen311Key(ctx.store, PRINCIPALS.admin, 'Matrix revoke', ctx.now());
      return { path: `/api/admin/open311-keys/${key.id}` };
    },
    expect: only(['admin'], 200),
  },
];

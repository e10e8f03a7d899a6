/**
 * Officials' progress updates (issue 19): anyone reads an item's updates; only an official of the
 * item's body posts one (the official of another body may not). Each caller gets a fresh item of BODY
 * so one caller's update does not change what the next one reports.
 */
import { putItem } from '../../../../functions/data/items';
import { sampleItem } from '../../../support/fixtures';
import { BODY, everyone, type MatrixRow, only, PASSES } from '../matrix';

const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/items/{itemId}/progress-updates',
    path: `/api/items/${ITEM}/progress-updates`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/progress-updates',
    setup: async (ctx) => {
      const it = sampleItem({ body: { id: BODY, name: { en: 'Roads' } } });
      await putItem(ctx.store, it);
      return {
        path: `/api/items/${it.id}/progress-updates`,
        body: { status: 'suspended' },
      };
    },
    expect: only(['official'], 201),
  },
];

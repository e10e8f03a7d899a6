/**
 * Site visits (issue 19): anyone reads an item's visits; anyone signed in records one. A visit is
 * never edited after it is recorded (there is no edit route), so nobody edits another's.
 */
import { putItem } from '../../../../functions/data/items';
import { sampleItem } from '../../../support/fixtures';
import { everyone, type MatrixContext, type MatrixRow, PASSES, signedIn } from '../matrix';

let item: Promise<ReturnType<typeof sampleItem>> | undefined;
function roadItem(ctx: MatrixContext) {
  item ??= (async () => {
    const it = sampleItem();
    await putItem(ctx.store, it);
    return it;
  })();
  return item;
}

const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/items/{itemId}/visits',
    path: `/api/items/${ITEM}/visits`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/visits',
    setup: async (ctx) => ({
      path: `/api/items/${(await roadItem(ctx)).id}/visits`,
      body: {
        visitedOn: '2026-05-14',
        checks: [{ point: 'signboard', result: 'ok' }],
        verdict: 'matches',
      },
    }),
    expect: signedIn(201),
  },
];

/**
 * Officials' explanations of risk flags (issue 18): anyone reads them; only an official of the
 * item's body explains a flag on it (a single-bid item of zha-roads, so the flag is there).
 */
import { putItem } from '../../../../functions/data/items';
import { sampleItem } from '../../../support/fixtures';
import { BODY, everyone, type MatrixContext, type MatrixRow, only, PASSES } from '../matrix';

let item: Promise<ReturnType<typeof sampleItem>> | undefined;
function singleBidItem(ctx: MatrixContext) {
  item ??= (async () => {
    const it = sampleItem({ body: { id: BODY, name: { en: 'Roads' } }, tender: { numberOfTenderers: 1 } });
    await putItem(ctx.store, it);
    return it;
  })();
  return item;
}

const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/items/{itemId}/flag-explanations',
    path: `/api/items/${ITEM}/flag-explanations`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/flags/{code}/explanations',
    setup: async (ctx) => ({
      path: `/api/items/${(await singleBidItem(ctx)).id}/flags/R-SINGLE-BID/explanations`,
      body: { text: 'The second bid arrived after the deadline (matrix).', lang: 'en' },
    }),
    expect: only(['official'], 201),
  },
];

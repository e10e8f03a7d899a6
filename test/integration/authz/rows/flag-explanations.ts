/**
 * Officials' explanations of risk flags (issue 18): anyone reads them; only an official of the
 * item's body explains a flag on it (a single-bid item of zha-roads, so the flag is there), and
 * only an official of that body edits or withdraws the explanation (a fresh one per caller).
 */
import { putItem } from '../../../../functions/data/items';
import { explainFlag } from '../../../../functions/services/flags-explanations';
import { sampleItem } from '../../../support/fixtures';
import { BODY, everyone, type MatrixContext, type MatrixRow, only, PASSES, PRINCIPALS } from '../matrix';

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

/** A new explanation of zha-roads' flag, written directly: its path. */
async function explanationPath(ctx: MatrixContext) {
  const it = await singleBidItem(ctx);
  const made = await explainFlag(
    ctx.store,
    it.id,
    'R-SINGLE-BID',
    { text: 'Written for the matrix.', lang: 'en' },
    PRINCIPALS.official,
    ctx.now(),
  );
  return `/api/items/${it.id}/flag-explanations/${made!.id}`;
}

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
  {
    route: 'PATCH /api/items/{itemId}/flag-explanations/{explanationId}',
    setup: async (ctx) => ({
      path: await explanationPath(ctx),
      body: { text: 'Edited for the matrix.', lang: 'en' },
    }),
    expect: only(['official'], 200),
  },
  {
    route: 'DELETE /api/items/{itemId}/flag-explanations/{explanationId}',
    setup: async (ctx) => ({ path: await explanationPath(ctx) }),
    expect: only(['official'], 204),
  },
];

/**
 * Questions to government bodies (issue 6). The inbox is body-scoped: only an official of that body
 * gets in. For work on a question, each caller gets a fresh question raised by the `citizen` caller
 * about an item of BODY: only BODY's official may review, answer, extend or redirect it (the
 * official of another body may not), and only the asker may accept, dispute or rate the answer.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { uploadKey } from '../../../../functions/blobs/uploads';
import { putItem } from '../../../../functions/data/items';
import { raiseQuestion } from '../../../../functions/services/questions';
import { sampleItem } from '../../../support/fixtures';
import {
  BODY,
  everyone,
  type MatrixContext,
  type MatrixRow,
  only,
  PASSES,
  PRINCIPALS,
  type Prepared,
  signedIn,
} from '../matrix';

let item: Promise<ReturnType<typeof sampleItem>> | undefined;
function itemOfBody(ctx: MatrixContext) {
  item ??= (async () => {
    const it = sampleItem({ body: { id: BODY, name: { en: 'Roads' } } });
    await putItem(ctx.store, it);
    return it;
  })();
  return item;
}

/** A new question by the citizen caller; the row's request goes to `tail` under it. */
const onFreshQuestion =
  (tail: string) =>
  async (ctx: MatrixContext): Promise<Prepared> => {
    const it = await itemOfBody(ctx);
    const q = await raiseQuestion(
      ctx.store,
      it,
      PRINCIPALS.citizen,
      { text: 'Why is the road repair late? (matrix)' },
      { now: ctx.now() },
    );
    return { path: `/api/items/${it.id}/questions/${q.id}${tail}` };
  };

/**
 * A new question, answered with a file the body's official uploaded (a finalized upload record of
 * theirs): only that official attaches documents to the answer; everyone else is refused by the
 * policy before any file is looked at (the runner sends the next caller to the same resource).
 */
const answerWithFile = async (ctx: MatrixContext): Promise<Prepared> => {
  const prepared = await onFreshQuestion('/answer')(ctx);
  const id = ulid();
  const ownerSub = PRINCIPALS.official.sub;
  await ctx.store.doc.send(
    new PutCommand({
      TableName: ctx.store.table,
      Item: {
        ...uploadKey(id),
        entity: 'upload',
        id,
        ownerSub,
        name: 'act.pdf',
        declaredType: 'application/pdf',
        declaredSize: 100,
        status: 'ready',
        type: 'application/pdf',
        size: 100,
        createdAt: ctx.now().toISOString(),
      },
    }),
  );
  return { ...prepared, body: { text: 'The act of acceptance is attached (matrix)', attachments: [id] } };
};

const roadsOfficialOnly = only(['official'], PASSES);
const askerOnly = only(['citizen'], PASSES);

const ITEM = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
const Q = '01HXXXXXXXXXXXXXXXXXXXXXXX';
const question = (tail = '') => `/api/items/${ITEM}/questions/${Q}${tail}`;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/items/{itemId}/questions',
    path: `/api/items/${ITEM}/questions`,
    expect: everyone(PASSES),
  },
  {
    route: 'POST /api/items/{itemId}/questions',
    path: `/api/items/${ITEM}/questions`,
    body: {},
    expect: signedIn(PASSES),
  },
  { route: 'GET /api/items/{itemId}/questions/{id}', path: question(), expect: everyone(PASSES) },
  { route: 'GET /api/questions/mine', expect: signedIn(200) },
  {
    route: 'GET /api/bodies/{bodyId}/questions',
    path: `/api/bodies/${BODY}/questions`,
    expect: only(['official'], 200),
  },
  {
    route: 'PUT /api/items/{itemId}/questions/{id}/answer',
    setup: onFreshQuestion('/answer'),
    body: { text: 'Edited answer (matrix)' },
    expect: roadsOfficialOnly,
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/answer',
    // Issue 19: the answer carries the caller's own file; only the body's official gets it through.
    setup: answerWithFile,
    expect: only(['official'], 200),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/extend',
    setup: onFreshQuestion('/extend'),
    body: {
      reason: 'A site survey is needed first (matrix)',
      newDueOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    },
    expect: roadsOfficialOnly,
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/redirect',
    setup: onFreshQuestion('/redirect'),
    body: { toBodyId: 'akimat-taraz', reason: 'The city akimat maintains this street (matrix)' },
    expect: roadsOfficialOnly,
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/review',
    setup: onFreshQuestion('/review'),
    body: {},
    expect: only(['official'], 200),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/accept',
    setup: onFreshQuestion('/accept'),
    expect: askerOnly,
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/dispute',
    setup: onFreshQuestion('/dispute'),
    body: { reason: 'The answer ignores the photos (matrix)' },
    expect: askerOnly,
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/rate',
    setup: onFreshQuestion('/rate'),
    body: { rating: 4 },
    expect: askerOnly,
  },
  { route: 'GET /api/responsiveness', expect: everyone(PASSES) },
  { route: 'GET /api/audit/verify', expect: everyone(PASSES) },
  { route: 'GET /api/audit/entries', expect: everyone(200) },
];

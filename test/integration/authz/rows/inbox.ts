/**
 * The officials' desk (issue 20): templates, roster, assignments and internal notes are internal to
 * the body, so only BODY's official gets in — not the official of another body, not a moderator or
 * an admin. Recording the eOtinish number is the body's too. Each question row works on a fresh
 * question raised by the citizen about an item of BODY.
 */
import { putItem } from '../../../../functions/data/items';
import { createTemplate } from '../../../../functions/services/inbox';
import { raiseQuestion } from '../../../../functions/services/questions';
import { almatyDate } from '../../../../shared/dates';
import { sampleItem } from '../../../support/fixtures';
import { BODY, type MatrixContext, type MatrixRow, only, PRINCIPALS, type Prepared } from '../matrix';

let item: Promise<ReturnType<typeof sampleItem>> | undefined;
function itemOfBody(ctx: MatrixContext) {
  item ??= (async () => {
    const it = sampleItem({ body: { id: BODY, name: { en: 'Roads' } } });
    await putItem(ctx.store, it);
    return it;
  })();
  return item;
}

const onFreshQuestion =
  (tail: string) =>
  async (ctx: MatrixContext): Promise<Prepared> => {
    const it = await itemOfBody(ctx);
    const q = await raiseQuestion(
      ctx.store,
      it,
      PRINCIPALS.citizen,
      { text: 'Who handles this repair? (matrix desk)' },
      { now: ctx.now() },
    );
    return { path: `/api/items/${it.id}/questions/${q.id}${tail}` };
  };

const onFreshTemplate = async (ctx: MatrixContext): Promise<Prepared> => {
  const t = await createTemplate(
    ctx.store,
    BODY,
    { title: 'Matrix template', text: { kk: 'Құрметті {asker}' } },
    PRINCIPALS.official,
    ctx.now(),
  );
  return { path: `/api/bodies/${BODY}/templates/${t.id}` };
};

const bodyOnly = (ok: number) => only(['official'], ok);
const TEMPLATE = { title: 'Repair scheduled', text: { kk: 'Жөндеу {dueOn} дейін', ru: 'Ремонт до {dueOn}' } };
const Q = '01HXXXXXXXXXXXXXXXXXXXXXXX';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/bodies/{bodyId}/templates',
    path: `/api/bodies/${BODY}/templates`,
    expect: bodyOnly(200),
  },
  {
    route: 'POST /api/bodies/{bodyId}/templates',
    path: `/api/bodies/${BODY}/templates`,
    body: TEMPLATE,
    expect: bodyOnly(201),
  },
  {
    route: 'PUT /api/bodies/{bodyId}/templates/{id}',
    setup: onFreshTemplate,
    body: TEMPLATE,
    expect: bodyOnly(200),
  },
  { route: 'DELETE /api/bodies/{bodyId}/templates/{id}', setup: onFreshTemplate, expect: bodyOnly(204) },
  {
    route: 'GET /api/bodies/{bodyId}/officials',
    path: `/api/bodies/${BODY}/officials`,
    expect: bodyOnly(200),
  },
  {
    route: 'GET /api/bodies/{bodyId}/assignments',
    path: `/api/bodies/${BODY}/assignments?questionIds=${Q}`,
    expect: bodyOnly(200),
  },
  {
    route: 'PUT /api/items/{itemId}/questions/{id}/assignment',
    setup: onFreshQuestion('/assignment'),
    body: { assigneeSub: null },
    expect: bodyOnly(200),
  },
  {
    route: 'GET /api/items/{itemId}/questions/{id}/notes',
    setup: onFreshQuestion('/notes'),
    expect: bodyOnly(200),
  },
  {
    route: 'POST /api/items/{itemId}/questions/{id}/notes',
    setup: onFreshQuestion('/notes'),
    body: { text: 'Called the contractor (matrix)' },
    expect: bodyOnly(201),
  },
  {
    route: 'PUT /api/items/{itemId}/questions/{id}/eotinish',
    setup: async (ctx) => ({
      ...(await onFreshQuestion('/eotinish')(ctx)),
      body: { number: 'ЖТ-2026-000123', registeredOn: almatyDate(ctx.now()) },
    }),
    expect: bodyOnly(200),
  },
];

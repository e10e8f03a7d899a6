/**
 * Government bodies (regional departments, akimats) that items and questions are addressed to.
 *   body            pk BODY#<id>   sk BODY                      (the `body` entity, data/schema.ts)
 *   all bodies      byKind gsi7pk KIND#BODY  gsi7sk <id>
 *   its changes     pk BODY#<id>   sk CHANGE#<ulid>   (see users.ts: who changed it, when)
 *   its BIN's guard pk BODYBIN#<bin> sk BODYBIN  { bodyId }  (one BIN, one body: procurement contracts
 *                   name their customer by BIN, so two bodies on one BIN would split its contracts;
 *                   the `bodyBin` entity, data/entities/body-bins.ts)
 */

import type { AreaCode } from '../../shared/areas';
import type { Localized } from '../../shared/i18n-text';
import type { Store } from './client';
import { bodyBinEntitiesOf } from './entities/body-bins';
import { queryEntityAll } from './query-all';
import { entitiesOf, go, kindIs, OWN } from './schema';
import type { TransactOp } from './transaction';

type TransactPut = NonNullable<TransactOp['Put']>;

export interface Body {
  id: string;
  name: Localized;
  area?: AreaCode;
  parentId?: string;
  /** The body's BIN, bound by an admin: how procurement contracts (customerBin) find their body. */
  bin?: string;
}

export const bodyKeys = {
  pk: (id: string) => `BODY#${id}`,
  sk: 'BODY',
  kind: 'KIND#BODY',
};

export function bodyRecord(body: Body): Record<string, unknown> {
  return {
    ...toBody(body as unknown as Record<string, unknown>),
    pk: bodyKeys.pk(body.id),
    sk: bodyKeys.sk,
    entity: 'body',
    gsi7pk: bodyKeys.kind,
    gsi7sk: body.id,
  };
}

/** The entity's attributes of a body (optional fields only when set, as the records always had them). */
const attributesOf = (body: Body) => toBody(body as unknown as Record<string, unknown>);

export async function putBody(store: Store, body: Body): Promise<void> {
  await go(entitiesOf(store).body.put(attributesOf(body)).go());
  // Seeds and tests: the guard follows the body unconditionally (an admin's bind checks it).
  if (body.bin)
    await go(
      bodyBinEntitiesOf(store).bodyBin.put({ bin: body.bin, bodyId: body.id }).go({ response: 'none' }),
    );
}

/**
 * The guard writes of a body whose BIN goes from `before` to `after`: the new BIN's guard must be
 * free or this body's own; the old one is released (only if it is still this body's).
 */
export function binGuardOps(store: Store, id: string, before?: string, after?: string): TransactOp[] {
  const { bodyBin } = bodyBinEntitiesOf(store);
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's where callback is typed per entity.
  const mine = (a: any, o: any) => `attribute_not_exists(${o.field('pk')}) OR ${o.eq(a.bodyId, id)}`;
  return [
    ...(after ? [{ Put: bodyBin.put({ bin: after, bodyId: id }).where(mine).params() as TransactPut }] : []),
    ...(before && before !== after
      ? [
          {
            Delete: bodyBin.delete({ bin: before }).where(mine).params() as NonNullable<TransactOp['Delete']>,
          },
        ]
      : []),
  ];
}

/** The body that holds `bin` now (read after a refused guard write), or '' when none does. */
export async function binHolder(store: Store, bin: string): Promise<string> {
  const res = await go(
    bodyBinEntitiesOf(store)
      .bodyBin.get({ bin })
      .go({ ...OWN, consistent: true }),
  );
  return String(res.data?.bodyId ?? '');
}

export async function getBody(store: Store, id: string): Promise<Body | null> {
  const res = await go(entitiesOf(store).body.get({ id }).go(OWN));
  return res.data ? toBody(res.data) : null;
}

/** Every body (a few hundred in a region: small by nature, read whole under the paginator's cap). */
export async function listBodies(store: Store): Promise<Body[]> {
  const records = await queryEntityAll(entitiesOf(store).body.query.all({}).where(kindIs('body')));
  return records.map((r) => toBody(r));
}

function toBody(record: object): Body {
  const { id, name, area, parentId, bin } = record as Body;
  return { id, name, ...(area ? { area } : {}), ...(parentId ? { parentId } : {}), ...(bin ? { bin } : {}) };
}

/** The put that creates a body: refused if the id is taken (ElectroDB's create: the key must not exist). */
export function bodyCreatePut(store: Store, body: Body): TransactOp {
  return { Put: entitiesOf(store).body.create(attributesOf(body)).params() as TransactPut };
}

/** The put that replaces a body with `after`; the record must exist. */
export function bodyReplacePut(store: Store, after: Body): TransactOp {
  return {
    Put: entitiesOf(store)
      .body.put(attributesOf(after))
      .where((a, o) => o.exists(a.id))
      .params() as TransactPut,
  };
}

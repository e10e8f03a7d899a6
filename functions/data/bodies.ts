/**
 * Government bodies (regional departments, akimats) that items and questions are addressed to.
 *   body            pk BODY#<id>   sk BODY                      (the `body` entity, data/schema.ts)
 *   all bodies      byKind gsi7pk KIND#BODY  gsi7sk <id>
 *   its changes     pk BODY#<id>   sk CHANGE#<ulid>   (see users.ts: who changed it, when)
 *   its BIN's guard pk BODYBIN#<bin> sk BODYBIN  { bodyId }  (one BIN, one body: procurement contracts
 *                   name their customer by BIN, so two bodies on one BIN would split its contracts)
 */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AreaCode } from '../../shared/areas';
import type { Localized } from '../../shared/i18n-text';
import { appendAuditEntry, StaleWriteError } from '../audit/chain';
import { bodyAuditRecord } from '../audit/records';
import type { Store } from './client';
import { queryEntityAll } from './query-all';
import { entitiesOf, go, kindIs, OWN } from './schema';
import type { TransactOp } from './transaction';
import { type Actor, changeRecord } from './users';

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
    await store.doc.send(
      new PutCommand({ TableName: store.table, Item: { ...binGuardKey(body.bin), bodyId: body.id } }),
    );
}

export const binGuardKey = (bin: string) => ({ pk: `BODYBIN#${bin}`, sk: 'BODYBIN' });

/** A BIN an admin tried to bind is bound to another body already. */
export class BinTakenError extends Error {
  constructor(
    readonly bin: string,
    readonly bodyId: string,
  ) {
    super(`BIN ${bin} is bound to body ${bodyId}.`);
    this.name = 'BinTakenError';
  }
}

/**
 * The guard writes of a body whose BIN goes from `before` to `after`: the new BIN's guard must be
 * free or this body's own; the old one is released (only if it is still this body's).
 */
function binGuardOps(store: Store, id: string, before?: string, after?: string): TransactOp[] {
  const mine = {
    ConditionExpression: 'attribute_not_exists(pk) OR bodyId = :id',
    ExpressionAttributeValues: { ':id': id },
  };
  return [
    ...(after
      ? [{ Put: { TableName: store.table, Item: { ...binGuardKey(after), bodyId: id }, ...mine } }]
      : []),
    ...(before && before !== after
      ? [{ Delete: { TableName: store.table, Key: binGuardKey(before), ...mine } }]
      : []),
  ];
}

/** Maps a refused guard put (op `index`, the first guard op) to who holds the BIN. */
async function refusedBin(store: Store, err: unknown, guardIndex: number, bin?: string): Promise<never> {
  if (err instanceof StaleWriteError && err.index === guardIndex && bin) {
    const res = await store.doc.send(
      new GetCommand({ TableName: store.table, Key: binGuardKey(bin), ConsistentRead: true }),
    );
    throw new BinTakenError(bin, String(res.Item?.bodyId ?? ''));
  }
  throw err;
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

/** Creates a body (refused if the id is taken) and records who did it, in one transaction. */
export async function createBody(store: Store, body: Body, actor: Actor, at: Date): Promise<void> {
  const record = changeRecord(store, { type: 'body', id: body.id }, 'body.create', actor, at, {
    after: body,
  });
  await appendAuditEntry(
    store,
    {
      actorSub: actor.sub,
      action: 'body.create',
      at: record.change.at,
      record: bodyAuditRecord({ ...bodyRecord(body), id: body.id }),
    },
    [
      // Refused if the id is taken (ElectroDB's create: the key must not exist).
      { Put: entitiesOf(store).body.create(attributesOf(body)).params() as TransactPut },
      record.item,
      ...binGuardOps(store, body.id, undefined, body.bin),
    ],
  ).catch((err: unknown) => refusedBin(store, err, 2, body.bin));
}

/** Replaces a body with `after` (it must exist) and records before and after, in one transaction. */
export async function updateBody(
  store: Store,
  before: Body,
  after: Body,
  actor: Actor,
  at: Date,
): Promise<void> {
  const record = changeRecord(store, { type: 'body', id: after.id }, 'body.update', actor, at, {
    before,
    after,
  });
  await appendAuditEntry(
    store,
    {
      actorSub: actor.sub,
      action: 'body.update',
      at: record.change.at,
      record: bodyAuditRecord({ ...bodyRecord(after), id: after.id }),
    },
    [
      // Replaces the record, which must exist.
      {
        Put: entitiesOf(store)
          .body.put(attributesOf(after))
          .where((a, o) => o.exists(a.id))
          .params() as TransactPut,
      },
      record.item,
      ...binGuardOps(store, after.id, before.bin, after.bin),
    ],
  ).catch((err: unknown) => refusedBin(store, err, 2, after.bin));
}

/**
 * Government bodies (regional departments, akimats) that items and questions are addressed to.
 *   body            pk BODY#<id>   sk BODY
 *   all bodies      byKind gsi7pk KIND#BODY  gsi7sk <id>
 *   its changes     pk BODY#<id>   sk CHANGE#<ulid>   (see users.ts: who changed it, when)
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AreaCode } from '../../shared/areas';
import type { Localized } from '../../shared/i18n-text';
import { appendAuditEntry } from '../audit/chain';
import { bodyAuditRecord } from '../audit/records';
import type { Store } from './client';
import { queryAll } from './query-all';
import { type Actor, changeRecord } from './users';

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

export async function putBody(store: Store, body: Body): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.table, Item: bodyRecord(body) }));
}

export async function getBody(store: Store, id: string): Promise<Body | null> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.table, Key: { pk: bodyKeys.pk(id), sk: bodyKeys.sk } }),
  );
  return res.Item ? toBody(res.Item) : null;
}

export async function listBodies(store: Store): Promise<Body[]> {
  const records = await queryAll(store, {
    IndexName: 'byKind',
    KeyConditionExpression: 'gsi7pk = :k',
    ExpressionAttributeValues: { ':k': bodyKeys.kind },
  });
  return records.map(toBody);
}

function toBody(record: Record<string, unknown>): Body {
  const { id, name, area, parentId, bin } = record as unknown as Body;
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
      {
        Put: {
          TableName: store.table,
          Item: bodyRecord(body),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      record.item,
    ],
  );
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
      {
        Put: { TableName: store.table, Item: bodyRecord(after), ConditionExpression: 'attribute_exists(pk)' },
      },
      record.item,
    ],
  );
}

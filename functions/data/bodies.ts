/**
 * Government bodies (regional departments, akimats) that items and questions are addressed to.
 *   body            pk BODY#<id>   sk BODY                      (the `body` entity, data/schema.ts)
 *   all bodies      byKind gsi7pk KIND#BODY  gsi7sk <id>
 *   its changes     pk BODY#<id>   sk CHANGE#<ulid>   (see users.ts: who changed it, when)
 */
import type { AreaCode } from '../../shared/areas';
import type { Localized } from '../../shared/i18n-text';
import { appendAuditEntry } from '../audit/chain';
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
      // Replaces the record, which must exist.
      {
        Put: entitiesOf(store)
          .body.put(attributesOf(after))
          .where((a, o) => o.exists(a.id))
          .params() as TransactPut,
      },
      record.item,
    ],
  );
}

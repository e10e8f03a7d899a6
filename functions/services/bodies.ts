/**
 * The government bodies workflow (issue 16): an admin creates a body or changes it (name, area,
 * parent, BIN). Its rules: a parent exists and makes no cycle (`body.cycle`, `reference.not_found`),
 * one id one body (`body.exists`), one BIN one body (`body.bin_taken`, naming the holder). The body,
 * its change record (who, when, before and after), its BIN guards and the audit-chain entry are
 * written in one transaction; `data/bodies.ts` keeps the record, the ops and the reads.
 */
import type { z } from '@hono/zod-openapi';
import { ConflictError, NotFoundError, ValidationError } from '../api/problems';
import type { BodyUpdate } from '../api/schemas/identity';
import { appendAuditEntry, StaleWriteError, type TransactOp } from '../audit/chain';
import { bodyAuditRecord } from '../audit/records';
import {
  type Body,
  binGuardOps,
  binHolder,
  bodyCreatePut,
  bodyRecord,
  bodyReplacePut,
  getBody,
} from '../data/bodies';
import type { Store } from '../data/client';
import { type Actor, changeRecord } from '../data/users';

/** A parent must exist and must not be the body itself or one of its descendants. */
async function checkParent(store: Store, id: string, parentId: string | undefined): Promise<void> {
  let at = parentId;
  for (let depth = 0; at !== undefined; depth++) {
    if (at === id || depth > 20)
      throw new ValidationError([
        { in: 'json', field: 'parentId', message: 'would make a cycle', code: 'body.cycle' },
      ]);
    const parent = await getBody(store, at);
    if (!parent)
      throw new ValidationError([
        { in: 'json', field: 'parentId', message: 'no such body', code: 'reference.not_found' },
      ]);
    at = parent.parentId;
  }
}

/**
 * Writes a body change: `bodyPut`, its change record and its BIN guards, with the chain entry. The
 * chain reports a refused write of the caller's own as StaleWriteError with its position: 2 is the
 * new BIN's guard, so the refusal names the body that holds that BIN (409 `body.bin_taken`).
 */
async function commit(
  store: Store,
  action: 'body.create' | 'body.update',
  before: Body | undefined,
  after: Body,
  bodyPut: TransactOp,
  actor: Actor,
  at: Date,
): Promise<void> {
  const record = changeRecord(store, { type: 'body', id: after.id }, action, actor, at, {
    ...(before ? { before } : {}),
    after,
  });
  try {
    await appendAuditEntry(
      store,
      {
        actorSub: actor.sub,
        action,
        at: record.change.at,
        record: bodyAuditRecord({ ...bodyRecord(after), id: after.id }),
      },
      [bodyPut, record.item, ...binGuardOps(store, after.id, before?.bin, after.bin)],
    );
  } catch (err) {
    if (err instanceof StaleWriteError && err.index === 2 && after.bin) {
      const holder = await binHolder(store, after.bin);
      throw new ConflictError(`BIN ${after.bin} is bound to body ${holder}.`, {
        code: 'body.bin_taken',
        params: { bin: after.bin, bodyId: holder },
      });
    }
    throw err;
  }
}

/** Creates a body (409 `body.exists` if the id is taken) and records who did it. */
export async function createBody(store: Store, body: Body, actor: Actor, at: Date): Promise<Body> {
  await checkParent(store, body.id, body.parentId);
  try {
    await commit(store, 'body.create', undefined, body, bodyCreatePut(store, body), actor, at);
  } catch (err) {
    // Op 0 is the body's put, whose only condition is that the id is free.
    if (err instanceof StaleWriteError && err.index === 0)
      throw new ConflictError(`A body with id ${body.id} exists.`, {
        code: 'body.exists',
        params: { id: body.id },
      });
    throw err;
  }
  return body;
}

/** Applies an admin's change to a body (null clears a field) and records before and after. */
export async function updateBody(
  store: Store,
  id: string,
  patch: z.infer<typeof BodyUpdate>,
  actor: Actor,
  at: Date,
): Promise<Body> {
  const before = await getBody(store, id);
  if (!before) throw new NotFoundError('No such body.');
  const after: Body = { ...before, ...(patch.name ? { name: patch.name } : {}) };
  if (patch.area === null) delete after.area;
  else if (patch.area) after.area = patch.area;
  if (patch.bin === null) delete after.bin;
  else if (patch.bin) after.bin = patch.bin;
  if (patch.parentId === null) delete after.parentId;
  else if (patch.parentId) {
    await checkParent(store, id, patch.parentId);
    after.parentId = patch.parentId;
  }
  await commit(store, 'body.update', before, after, bodyReplacePut(store, after), actor, at);
  return after;
}

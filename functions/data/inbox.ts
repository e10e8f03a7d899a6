/**
 * An official's desk for a body's questions: persistence only (the workflow and its rules are
 * functions/services/inbox.ts). Everything here lives in the body's own partition, so only a read
 * made for that body can find it, and nothing that reads questions (their views, the open data, a
 * data-rights export, the audit chain) ever sees it. After a redirect the new body starts with a
 * clean desk: the first body's notes stay with the first body.
 *
 * Keys (see functions/README.md):
 *   answer template     pk BODY#<bodyId>   sk TEMPLATE#<id>
 *   assignment          pk BODY#<bodyId>   sk QASSIGN#<questionId>
 *   internal note       pk BODY#<bodyId>   sk QNOTE#<questionId>#<noteId>
 *   roster entry        pk BODY#<bodyId>   sk ROSTER#<sub>   (not OFFICIAL#: notifications' opt-ins)
 */
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AnswerTemplate, Assignment, BodyOfficial, InternalNote } from '../../shared/inbox';
import type { Store } from './client';
import { queryAll } from './query-all';
import type { TransactOp } from './transaction';

export const deskKeys = {
  pk: (bodyId: string) => `BODY#${bodyId}`,
  template: (id: string) => `TEMPLATE#${id}`,
  assignment: (questionId: string) => `QASSIGN#${questionId}`,
  notes: (questionId: string) => `QNOTE#${questionId}#`,
  note: (questionId: string, id: string) => `QNOTE#${questionId}#${id}`,
  official: (sub: string) => `ROSTER#${sub}`,
};

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'createdBySub', 'updatedBySub']);
function strip<T>(record: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !KEY_ATTRIBUTES.has(k))) as T;
}

async function listUnder<T>(store: Store, bodyId: string, prefix: string): Promise<T[]> {
  const records = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':pk': deskKeys.pk(bodyId), ':s': prefix },
  });
  return records.map((r) => strip<T>(r));
}

// ── Templates ───────────────────────────────────────────────────────────────────────────────

/** The put of a template: a new one only where the id is free, a change only on the version read. */
export function templatePutOp(
  store: Store,
  t: AnswerTemplate,
  bySub: string,
  before: AnswerTemplate | null,
): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...t,
        pk: deskKeys.pk(t.bodyId),
        sk: deskKeys.template(t.id),
        entity: 'answer_template',
        updatedBySub: bySub,
      },
      ...(before
        ? {
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': before.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

export async function getTemplate(store: Store, bodyId: string, id: string): Promise<AnswerTemplate | null> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: deskKeys.pk(bodyId), sk: deskKeys.template(id) },
      ConsistentRead: true,
    }),
  );
  return res.Item ? strip<AnswerTemplate>(res.Item) : null;
}

/** A body's templates, oldest first (a body keeps a handful: read whole under the paginator's cap). */
export function listTemplates(store: Store, bodyId: string): Promise<AnswerTemplate[]> {
  return listUnder<AnswerTemplate>(store, bodyId, 'TEMPLATE#');
}

export async function deleteTemplate(store: Store, bodyId: string, id: string): Promise<boolean> {
  const res = await store.doc.send(
    new DeleteCommand({
      TableName: store.table,
      Key: { pk: deskKeys.pk(bodyId), sk: deskKeys.template(id) },
      ReturnValues: 'ALL_OLD',
    }),
  );
  return res.Attributes !== undefined;
}

// ── Assignments ─────────────────────────────────────────────────────────────────────────────

export async function getAssignment(
  store: Store,
  bodyId: string,
  questionId: string,
): Promise<Assignment | null> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: deskKeys.pk(bodyId), sk: deskKeys.assignment(questionId) },
      ConsistentRead: true,
    }),
  );
  return res.Item ? strip<Assignment>(res.Item) : null;
}

/** Writes an assignment on the one read (`before.at`), so two officials assigning at once cannot both win. */
export async function putAssignment(
  store: Store,
  next: Assignment,
  before: Assignment | null,
): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        ...next,
        pk: deskKeys.pk(next.bodyId),
        sk: deskKeys.assignment(next.questionId),
        entity: 'question_assignment',
      },
      ...(before
        ? {
            ConditionExpression: '#at = :at',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':at': before.at },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    }),
  );
}

/** The assignments of the given questions at a body (at most 100: one BatchGet, bounded by the ask). */
export async function getAssignments(
  store: Store,
  bodyId: string,
  questionIds: string[],
): Promise<Assignment[]> {
  if (questionIds.length === 0) return [];
  const res = await store.doc.send(
    new BatchGetCommand({
      RequestItems: {
        [store.table]: {
          Keys: questionIds
            .slice(0, 100)
            .map((id) => ({ pk: deskKeys.pk(bodyId), sk: deskKeys.assignment(id) })),
        },
      },
    }),
  );
  // A key DynamoDB left unprocessed reads as "not assigned"; the next load shows it.
  return (res.Responses?.[store.table] ?? []).map((r) => strip<Assignment>(r));
}

// ── Internal notes ──────────────────────────────────────────────────────────────────────────

/** A new note; created only where the id is free (notes are never overwritten). */
export function notePutOp(store: Store, note: InternalNote, bySub: string): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...note,
        pk: deskKeys.pk(note.bodyId),
        sk: deskKeys.note(note.questionId, note.id),
        entity: 'internal_note',
        createdBySub: bySub,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A question's notes at one body, oldest first. */
export function listNotes(store: Store, bodyId: string, questionId: string): Promise<InternalNote[]> {
  return listUnder<InternalNote>(store, bodyId, deskKeys.notes(questionId));
}

// ── The body's roster of officials ──────────────────────────────────────────────────────────

/** Puts (or refreshes the name of) an official on the body's roster. */
export async function putRosterEntry(store: Store, bodyId: string, official: BodyOfficial, at: Date) {
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        pk: deskKeys.pk(bodyId),
        sk: deskKeys.official(official.sub),
        entity: 'body_official',
        sub: official.sub,
        name: official.name,
        since: at.toISOString(),
      },
    }),
  );
}

export function rosterEntryOp(store: Store, bodyId: string, sub: string, remove: boolean): TransactOp {
  const Key = { pk: deskKeys.pk(bodyId), sk: deskKeys.official(sub) };
  return remove
    ? { Delete: { TableName: store.table, Key } }
    : {
        Update: {
          TableName: store.table,
          Key,
          UpdateExpression: 'SET entity = :e, #sub = :sub, #name = if_not_exists(#name, :sub)',
          ExpressionAttributeNames: { '#sub': 'sub', '#name': 'name' },
          ExpressionAttributeValues: { ':e': 'body_official', ':sub': sub },
        },
      };
}

/** Takes an official off a body's roster (their account was erased). */
export async function deleteRosterEntry(store: Store, bodyId: string, sub: string): Promise<void> {
  await store.doc.send(
    new DeleteCommand({
      TableName: store.table,
      Key: { pk: deskKeys.pk(bodyId), sk: deskKeys.official(sub) },
    }),
  );
}

export async function getRosterEntry(
  store: Store,
  bodyId: string,
  sub: string,
): Promise<BodyOfficial | null> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: { pk: deskKeys.pk(bodyId), sk: deskKeys.official(sub) },
      ConsistentRead: true,
    }),
  );
  return res.Item ? { sub: String(res.Item.sub), name: String(res.Item.name ?? res.Item.sub) } : null;
}

/** The body's officials on its roster, by account id. */
export async function listRoster(store: Store, bodyId: string): Promise<BodyOfficial[]> {
  const rows = await listUnder<{ sub: string; name?: string }>(store, bodyId, 'ROSTER#');
  return rows.map((r) => ({ sub: r.sub, name: r.name ?? r.sub }));
}

/** Display names of profiles (a roster entry made by a grant knows only the account id). */
export async function profileNames(store: Store, subs: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < subs.length; i += 100) {
    const res = await store.doc.send(
      new BatchGetCommand({
        RequestItems: {
          [store.table]: {
            Keys: subs.slice(i, i + 100).map((sub) => ({ pk: `USER#${sub}`, sk: 'PROFILE' })),
            ProjectionExpression: '#sub, #name',
            ExpressionAttributeNames: { '#sub': 'sub', '#name': 'name' },
          },
        },
      }),
    );
    for (const r of res.Responses?.[store.table] ?? []) names.set(String(r.sub), String(r.name ?? r.sub));
  }
  return names;
}

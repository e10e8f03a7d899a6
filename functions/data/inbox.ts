/**
 * An official's desk for a body's questions: persistence only (the workflow and its rules are
 * functions/services/inbox.ts). Everything here lives in the body's own partition, so only a read
 * made for that body can find it, and nothing that reads questions (their views, the open data, a
 * data-rights export, the audit chain) ever sees it. After a redirect the new body starts with a
 * clean desk: the first body's notes stay with the first body.
 *
 * The records are the entities of data/entities/desk.ts (keys in functions/README.md): reads,
 * deletes and the assignment's and roster's writes go through them; the answer templates' and notes'
 * puts are hand-built, keyed by the entities' own templates (`recordKey`), because they ride in the
 * audit transaction and keep attributes the models do not declare.
 */
import type { AnswerTemplate, Assignment, BodyOfficial, InternalNote } from '../../shared/inbox';
import type { Store } from './client';
import { answerTemplateModel, deskEntitiesOf, internalNoteModel } from './entities/desk';
import { queryEntityRecords } from './query-all';
import { entitiesOf, go, kindIs, OWN, recordKey } from './schema';
import type { TransactOp } from './transaction';

/** ElectroDB's identifiers (records written through an entity) are storage, not desk data. */
const KEY_ATTRIBUTES = new Set([
  'pk',
  'sk',
  'entity',
  'createdBySub',
  'updatedBySub',
  '__edb_e__',
  '__edb_v__',
]);
function strip<T>(record: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !KEY_ATTRIBUTES.has(k))) as T;
}

/** The stored record of a `get`, whole (`data: 'raw'`; records older than ElectroDB: OWN). */
async function readRaw(get: {
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's go options are typed per entity.
  go(options: any): Promise<{ data: unknown }>;
}): Promise<Record<string, unknown> | undefined> {
  const res = await go(get.go({ ...OWN, data: 'raw', consistent: true }));
  return (res.data as { Item?: Record<string, unknown> }).Item;
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
        ...recordKey(answerTemplateModel, { bodyId: t.bodyId, id: t.id }),
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
  const record = await readRaw(deskEntitiesOf(store).answerTemplate.get({ bodyId, id }));
  return record ? strip<AnswerTemplate>(record) : null;
}

/** A body's templates, oldest first (a body keeps a handful: read whole under the paginator's cap). */
export async function listTemplates(store: Store, bodyId: string): Promise<AnswerTemplate[]> {
  const records = await queryEntityRecords(
    deskEntitiesOf(store).answerTemplate.query.record({ bodyId }).where(kindIs('answer_template')),
  );
  return records.map((r) => strip<AnswerTemplate>(r));
}

export async function deleteTemplate(store: Store, bodyId: string, id: string): Promise<boolean> {
  const res = await go(
    deskEntitiesOf(store)
      .answerTemplate.delete({ bodyId, id })
      .go({ ...OWN, response: 'all_old', data: 'raw' }),
  );
  return (res.data as { Attributes?: object } | null)?.Attributes !== undefined;
}

// ── Assignments ─────────────────────────────────────────────────────────────────────────────

export async function getAssignment(
  store: Store,
  bodyId: string,
  questionId: string,
): Promise<Assignment | null> {
  const record = await readRaw(deskEntitiesOf(store).questionAssignment.get({ bodyId, questionId }));
  return record ? strip<Assignment>(record) : null;
}

/** Writes an assignment on the one read (`before.at`), so two officials assigning at once cannot both win. */
export async function putAssignment(
  store: Store,
  next: Assignment,
  before: Assignment | null,
): Promise<void> {
  await go(
    deskEntitiesOf(store)
      .questionAssignment.put(next)
      .where((a, o) => (before ? o.eq(a.at, before.at) : `attribute_not_exists(${o.field('pk')})`))
      .go({ response: 'none' }),
  );
}

/** The assignments of the given questions at a body (at most 100: one BatchGet, bounded by the ask). */
export async function getAssignments(
  store: Store,
  bodyId: string,
  questionIds: string[],
): Promise<Assignment[]> {
  if (questionIds.length === 0) return [];
  const res = await go(
    deskEntitiesOf(store)
      .questionAssignment.get(questionIds.slice(0, 100).map((questionId) => ({ bodyId, questionId })))
      .go({ ...OWN, data: 'raw' }),
  );
  // One BatchGetItem: a key DynamoDB left unprocessed reads as "not assigned"; the next load shows it.
  return (res.data as unknown as ({ Item?: Record<string, unknown> } | null)[]).flatMap((r) =>
    r?.Item ? [strip<Assignment>(r.Item)] : [],
  );
}

// ── Internal notes ──────────────────────────────────────────────────────────────────────────

/** A new note; created only where the id is free (notes are never overwritten). */
export function notePutOp(store: Store, note: InternalNote, bySub: string): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...note,
        ...recordKey(internalNoteModel, { bodyId: note.bodyId, questionId: note.questionId, id: note.id }),
        entity: 'internal_note',
        createdBySub: bySub,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A question's notes at one body, oldest first. */
export async function listNotes(store: Store, bodyId: string, questionId: string): Promise<InternalNote[]> {
  const records = await queryEntityRecords(
    deskEntitiesOf(store).internalNote.query.record({ bodyId, questionId }).where(kindIs('internal_note')),
  );
  return records.map((r) => strip<InternalNote>(r));
}

// ── The body's roster of officials ──────────────────────────────────────────────────────────

/** Puts (or refreshes the name of) an official on the body's roster. */
export async function putRosterEntry(store: Store, bodyId: string, official: BodyOfficial, at: Date) {
  await go(
    deskEntitiesOf(store)
      .rosterEntry.put({ bodyId, sub: official.sub, name: official.name, since: at.toISOString() })
      .go({ response: 'none' }),
  );
}

/** The grant's roster write: the entry removed, or put with the account id as its name until one is known. */
export function rosterEntryOp(store: Store, bodyId: string, sub: string, remove: boolean): TransactOp {
  const entries = deskEntitiesOf(store).rosterEntry;
  return remove
    ? { Delete: entries.delete({ bodyId, sub }).params() as NonNullable<TransactOp['Delete']> }
    : {
        Update: entries
          .update({ bodyId, sub })
          .ifNotExists({ name: sub })
          .set({ kind: 'body_official' })
          .params() as NonNullable<TransactOp['Update']>,
      };
}

/** Takes an official off a body's roster (their account was erased). */
export async function deleteRosterEntry(store: Store, bodyId: string, sub: string): Promise<void> {
  await go(
    deskEntitiesOf(store)
      .rosterEntry.delete({ bodyId, sub })
      .go({ ...OWN, response: 'none' }),
  );
}

export async function getRosterEntry(
  store: Store,
  bodyId: string,
  sub: string,
): Promise<BodyOfficial | null> {
  const record = await readRaw(deskEntitiesOf(store).rosterEntry.get({ bodyId, sub }));
  return record ? { sub: String(record.sub), name: String(record.name ?? record.sub) } : null;
}

/** The body's officials on its roster, by account id. */
export async function listRoster(store: Store, bodyId: string): Promise<BodyOfficial[]> {
  const rows = await queryEntityRecords(
    deskEntitiesOf(store).rosterEntry.query.record({ bodyId }).where(kindIs('body_official')),
  );
  return rows.map((r) => ({ sub: String(r.sub), name: String(r.name ?? r.sub) }));
}

/** Display names of profiles (a roster entry made by a grant knows only the account id). */
export async function profileNames(store: Store, subs: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (subs.length === 0) return names;
  // The profile entity's batch get (BatchGetItem, 100 keys a call), only the account id and name.
  const res = await go(
    entitiesOf(store)
      .profile.get(subs.map((sub) => ({ sub })))
      .go({ ...OWN, data: 'raw', attributes: ['sub', 'name'] }),
  );
  for (const r of res.data as unknown as ({ Item?: Record<string, unknown> } | null)[])
    if (r?.Item) names.set(String(r.Item.sub), String(r.Item.name ?? r.Item.sub));
  return names;
}

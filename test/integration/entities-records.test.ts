/**
 * The entity modules of functions/data/entities/ over the existing table: their keys are today's keys
 * (the puts the data layer sends are keyed by the same templates ElectroDB fills), they read records
 * written before ElectroDB, and a record of another kind in the same partition is never read as theirs.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHash } from '../../functions/audit/chain';
import { loadAuditRecord } from '../../functions/audit/records';
import type { Store } from '../../functions/data/client';
import { countComments, getComment, listRevisions, listThread } from '../../functions/data/comments';
import {
  consentKey,
  currentConsent,
  getConsent,
  listConsents,
  putConsent,
} from '../../functions/data/consents';
import { consentEntitiesOf } from '../../functions/data/entities/consents';
import { DESK_MODELS, deskEntitiesOf } from '../../functions/data/entities/desk';
import {
  getAssignments,
  getTemplate,
  listNotes,
  listRoster,
  listTemplates,
  notePutOp,
  profileNames,
  putAssignment,
  putRosterEntry,
  templatePutOp,
} from '../../functions/data/inbox';
import { putProfileIfMissing } from '../../functions/data/users';
import { editComment, postComment } from '../../functions/services/comments';
import '../../functions/services/content-kinds';
import {
  blockOf,
  blockUser,
  contentModeration,
  decideContent,
  flagContent,
  listModeration,
} from '../../functions/services/moderation';
import type { AnswerTemplate, Assignment, InternalNote } from '../../shared/inbox';
import { createTestStore } from '../support/store';

let store: Store;
beforeAll(async () => {
  store = await createTestStore('entity-records');
});
afterAll(() => store.raw.destroy());

const putItemOf = (op: { Put?: unknown }) => (op.Put as { Item: Record<string, unknown> }).Item;
const put = (Item: Record<string, unknown>) =>
  store.doc.send(new PutCommand({ TableName: store.table, Item }));

/** Each model's table key, as ElectroDB fills it, from sample facts. */
function entityKey(
  entities: Record<string, unknown>,
  name: string,
  facts: Record<string, string>,
): Record<string, unknown> {
  const entity = entities[name] as { get(f: object): { params(): { Key: Record<string, unknown> } } };
  return entity.get(facts).params().Key;
}

describe("an official's desk through its entities", () => {
  const bodyId = 'akimat-desk';
  const template: AnswerTemplate = {
    id: '01JT0000000000000000000001',
    bodyId,
    title: 'Repair',
    text: { ru: 'Ремонт запланирован.' },
    updatedByName: 'Official',
    createdAt: '2026-07-01T07:00:00.000Z',
    updatedAt: '2026-07-01T07:00:00.000Z',
    version: 1,
  };
  const official = { sub: 'u-desk', name: 'Aigerim' };
  const assignment: Assignment = {
    questionId: '01JQ0000000000000000000D01',
    itemId: '01JI0000000000000000000D01',
    bodyId,
    assignee: official,
    by: official,
    at: '2026-07-01T07:00:00.000Z',
    history: [],
  };
  const note: InternalNote = {
    id: '01JN0000000000000000000001',
    questionId: assignment.questionId,
    bodyId,
    text: 'Call the contractor.',
    by: official,
    at: '2026-07-01T07:00:00.000Z',
  };

  it('the puts of a template, a note and a roster entry are keyed as the entities key them (today’s keys)', () => {
    const e = deskEntitiesOf(store) as unknown as Record<string, unknown>;
    expect(putItemOf(templatePutOp(store, template, 'u-desk', null))).toMatchObject({
      ...entityKey(e, 'answerTemplate', { bodyId, id: template.id }),
      pk: `BODY#${bodyId}`,
      sk: `TEMPLATE#${template.id}`,
    });
    expect(putItemOf(notePutOp(store, note, 'u-desk'))).toMatchObject({
      ...entityKey(e, 'internalNote', { bodyId, questionId: note.questionId, id: note.id }),
      pk: `BODY#${bodyId}`,
      sk: `QNOTE#${note.questionId}#${note.id}`,
    });
    expect(entityKey(e, 'questionAssignment', { bodyId, questionId: 'q1' })).toEqual({
      pk: `BODY#${bodyId}`,
      sk: 'QASSIGN#q1',
    });
    expect(entityKey(e, 'rosterEntry', { bodyId, sub: 'u-1' })).toEqual({
      pk: `BODY#${bodyId}`,
      sk: 'ROSTER#u-1',
    });
    expect(Object.keys(DESK_MODELS)).toHaveLength(4);
  });

  it('records written before ElectroDB are read back whole; another kind under a desk prefix is not', async () => {
    await Promise.all([
      put(putItemOf(templatePutOp(store, template, 'u-desk', null))),
      put(putItemOf(notePutOp(store, note, 'u-desk'))),
      putAssignment(store, assignment, null),
      putRosterEntry(store, bodyId, official, new Date('2026-07-01T07:00:00Z')),
      putProfileIfMissing(store, { sub: official.sub, name: 'Aigerim S.', roles: [], bodies: [] }),
      // Strays: other kinds whose keys look like the desk's.
      put({ pk: `BODY#${bodyId}`, sk: 'TEMPLATE#STRAY', entity: 'other', id: 'STRAY' }),
      put({ pk: `BODY#${bodyId}`, sk: `QNOTE#${note.questionId}#STRAY`, entity: 'other', id: 'STRAY' }),
      put({ pk: `BODY#${bodyId}`, sk: 'ROSTER#u-stray', entity: 'other', sub: 'u-stray' }),
      put({ pk: `BODY#${bodyId}`, sk: 'OFFICIAL#u-optin', entity: 'official-optin', sub: 'u-optin' }),
    ]);
    expect(await getTemplate(store, bodyId, template.id)).toEqual(template);
    expect(await listTemplates(store, bodyId)).toEqual([template]);
    expect(await listNotes(store, bodyId, note.questionId)).toEqual([note]);
    expect(await getAssignments(store, bodyId, [assignment.questionId, 'q-none'])).toEqual([assignment]);
    expect(await listRoster(store, bodyId)).toEqual([official]);
    expect(await profileNames(store, [official.sub, 'u-nobody'])).toEqual(
      new Map([[official.sub, 'Aigerim S.']]),
    );
  });
});

describe('a thread’s records through their entities', () => {
  it('a comment and its reply keep today’s keys, and are read by id, in the page, counted with the older counter, and their edits listed', async () => {
    const itemId = '01JI0000000000000000000C01';
    const at = new Date('2026-07-01T07:00:00Z');
    const top = await postComment(
      store,
      { itemId, author: { sub: 'u-a', name: 'A' }, body: 'one', attachments: [] },
      at,
    );
    const reply = await postComment(
      store,
      { itemId, parentId: top.id, author: { sub: 'u-b', name: 'B' }, body: 'two', attachments: [] },
      at,
    );
    expect(top).toMatchObject({ pk: `ITEM#${itemId}`, sk: `COMMENT#${top.id}`, gsi3pk: `THREAD#${itemId}` });
    expect(reply).toMatchObject({
      pk: `ITEM#${itemId}`,
      sk: `REPLY#${top.id}#${reply.id}`,
      gsi3sk: reply.id,
      gsi6pk: 'USER#u-b',
      gsi6sk: `COMMENT#${reply.id}`,
    });
    // The unsharded counter of data older than the shards is still summed.
    await put({ pk: `ITEM#${itemId}`, sk: 'THREAD', commentCount: 5 });
    expect(await countComments(store, itemId)).toBe(7);
    expect((await getComment(store, reply.id))?.body).toBe('two');
    const page = await listThread(store, itemId, { order: 'oldest', limit: 10 });
    expect(page.comments.map((c) => [c.id, c.replies.map((r) => r.id)])).toEqual([[top.id, [reply.id]]]);
    await editComment(store, top, 'one, edited', new Date('2026-07-01T08:00:00Z'));
    expect(await listRevisions(store, top.id)).toEqual([{ body: 'one', at: top.createdAt }]);
  });
});

describe('moderation’s records through their entities', () => {
  it('three flags hide a comment pending review, the queue and history list it, a restore stands; a block is found by its pseudonym', async () => {
    const itemId = '01JI0000000000000000000M01';
    const at = new Date('2026-07-02T07:00:00Z');
    const c = await postComment(
      store,
      { itemId, author: { sub: 'u-a', name: 'A' }, body: 'spam?', attachments: [] },
      at,
    );
    const hidden = [];
    for (const n of [1, 2, 3])
      hidden.push(
        (await flagContent(store, { kind: 'comment', id: c.id }, { sub: `u-f${n}` }, 'spam', undefined, at))
          .hidden,
      );
    expect(hidden).toEqual([false, false, true]);
    expect(
      (await listModeration(store, 'flagged')).map((e) => [e.id, e.visibility, e.flagCount]),
    ).toContainEqual([c.id, 'pending', 3]);
    const actor = { sub: 'u-mod', name: 'Moderator' };
    await decideContent(
      store,
      { kind: 'comment', id: c.id },
      { action: 'restore', reason: 'other', note: 'fine' },
      actor,
      at,
    );
    const state = await contentModeration(store, { kind: 'comment', id: c.id });
    expect(state).toMatchObject({ visibility: 'visible', flagCount: 3 });
    expect(state.history.map((h) => h.action)).toEqual(['restore', 'flag_threshold_hide']);
    expect((await listModeration(store, 'flagged')).map((e) => e.id)).not.toContain(c.id);

    await blockUser(store, 'u-blocked', { reason: 'spam', days: 7 }, actor, at);
    expect(await blockOf(store, 'u-blocked', at)).toMatchObject({ blocked: true, reason: 'spam' });
    expect(await loadAuditRecord(store, `block/${actorHash('u-blocked')}`)).toMatchObject({ kind: 'block' });
  });
});

describe('consents through their entity', () => {
  it('a consent written before ElectroDB keeps today’s key and is read by purpose and listed; another kind under CONSENT# is not', async () => {
    expect(consentKey('u-cons', 'email')).toEqual({ pk: 'USER#u-cons', sk: 'CONSENT#email' });
    expect(consentKey('u-cons', 'email')).toEqual(
      entityKey(consentEntitiesOf(store), 'consent', { sub: 'u-cons', purpose: 'email' }),
    );
    const given = currentConsent('email', new Date('2026-07-01T06:00:00Z'));
    await putConsent(store, 'u-cons', given); // a plain put, as before: no ElectroDB identifiers
    await put({ pk: 'USER#u-cons', sk: 'CONSENT#zz-stray', entity: 'other', purpose: 'zz-stray' });
    expect(await getConsent(store, 'u-cons', 'email')).toEqual(given);
    expect(await getConsent(store, 'u-cons', 'telegram')).toBeNull();
    expect(await listConsents(store, 'u-cons')).toEqual([given]);
  });
});

/**
 * The ElectroDB entity definitions (functions/data/schema.ts) over the existing table: their keys are
 * today's keys byte for byte, they read records written before ElectroDB (no `__edb_*` identifiers),
 * and entities sharing an index never see each other's records.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAuditRecord, loadAuditRecord } from '../../functions/audit/records';
import { bodyRecord } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { type CommentRecord, commentKeys } from '../../functions/data/comments';
import { follow } from '../../functions/data/follows';
import { idempotencyKeys } from '../../functions/data/idempotency';
import { getImpact, impactForBody, listImpact, saveImpact } from '../../functions/data/impact';
import { toItemRecord } from '../../functions/data/items';
import { listAudit, moderationAuditPut } from '../../functions/data/moderation';
import {
  listOptedInOfficials,
  listSubscriberModes,
  listSubscriptions,
  setOfficialOptIn,
  subscribe,
} from '../../functions/data/notifications';
import {
  listAllQuestions,
  listBodyQuestions,
  listItemQuestions,
  listOpenQuestionsDueBetween,
  overdueItemIds,
  questionPutOp,
} from '../../functions/data/questions';
import {
  entitiesOf,
  getRecord,
  idempotencyHash,
  kindIs,
  MODELS,
  OWN,
  recordKey,
} from '../../functions/data/schema';
import {
  agendaVersionPut,
  clubSettingsPut,
  getAgendaVersion,
  getClubSettings,
  getMinutesVersion,
  getSession,
  listAgendaVersions,
  listSessions,
  minutesVersionPut,
  recommendationPut,
  recommendationsForBody,
  recommendationsForItem,
} from '../../functions/data/sessions';
import {
  changeRecord,
  countAdmins,
  getProfile,
  listChanges,
  listChangesOf,
  pageProfiles,
  putProfileIfMissing,
  setDisplayName,
} from '../../functions/data/users';
import { postComment } from '../../functions/services/comments';
import { createSession, saveSession } from '../../functions/services/sessions';
import type { ImpactEntry } from '../../shared/impact';
import type { Question } from '../../shared/questions';
import type { AgendaVersion, MinutesVersion, Recommendation, Session } from '../../shared/sessions';
import { sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

/** A question as the service stores it (only what keys and the round trip need is meaningful). */
function sampleQuestion(itemId: string, bodyId: string, status: Question['status']): Question {
  return {
    id: '01JQ0000000000000000000001',
    itemId,
    bodyId,
    askerSub: 'u-asker',
    askerName: 'Aigerim',
    text: 'When does the repair start?',
    status,
    receivedOn: '2026-07-01',
    dueOn: '2026-07-16',
    redirects: [],
    answers: [],
    createdAt: '2026-07-01T07:00:00.000Z',
    updatedAt: '2026-07-01T07:00:00.000Z',
    version: 1,
  };
}
const putItemOf = (op: { Put?: unknown }) => (op.Put as { Item: Record<string, unknown> }).Item;

const SESSION_ID = '01JS0000000000000000000001';
function sampleSession(): Session {
  return {
    id: SESSION_ID,
    title: { ru: 'Заседание' },
    startsAt: '2026-07-10T18:00',
    startUtc: '2026-07-10T13:00:00.000Z',
    durationMinutes: 90,
    venue: { ru: 'Центр' },
    format: 'in_person',
    participants: [],
    status: 'draft',
    version: 1,
    agendaVersion: 0,
    entries: [],
    updatedAt: '2026-07-01T07:00:00.000Z',
  };
}
function sampleRecommendation(itemId: string, bodyId: string): Recommendation {
  return {
    id: '01JR0000000000000000000001',
    sessionId: SESSION_ID,
    entryId: '01JE0000000000000000000001',
    itemId,
    bodyId,
    text: { ru: 'Отремонтировать' },
    due: '2026-09-01',
    status: 'open',
    sessionTitle: { ru: 'Заседание' },
    sessionStartsAt: '2026-07-10T18:00',
  };
}
const agendaOf = (s: Session, version: number): AgendaVersion => ({
  sessionId: s.id,
  version,
  changeNote: '',
  publishedAt: s.updatedAt,
  publishedBy: 'u-secretary',
  title: s.title,
  startsAt: s.startsAt,
  venue: s.venue,
  entries: s.entries,
});

const KEY_FIELDS = /^(pk|sk|gsi\d+(pk|sk))$/;
const keysOf = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => KEY_FIELDS.test(k)));
const withoutKeys = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => !KEY_FIELDS.test(k) && k !== 'entity'));

let store: Store;
beforeAll(async () => {
  store = await createTestStore('entities');
});
afterAll(() => store.raw.destroy());

describe('key templates equal today’s keys', () => {
  it('an item with a contractor: table key and all eight index keys', () => {
    const item = sampleItem({ contractor: { bin: '960640000091', name: 'Builder LLP' } });
    const legacy = toItemRecord(item) as unknown as Record<string, unknown>;
    const put = entitiesOf(store)
      .item.put(withoutKeys(legacy) as never)
      .params() as { Item: Record<string, unknown> };
    expect(keysOf(put.Item)).toEqual(keysOf(legacy));
  });

  it('an item without a contractor stays out of the contractor index', () => {
    const legacy = toItemRecord(sampleItem()) as unknown as Record<string, unknown>;
    const put = entitiesOf(store)
      .item.put(withoutKeys(legacy) as never)
      .params() as { Item: Record<string, unknown> };
    expect(keysOf(put.Item)).toEqual(keysOf(legacy));
    expect(put.Item.gsi8pk).toBeUndefined();
  });

  it('a body, a follow, a rate window and an idempotency record', () => {
    const e = entitiesOf(store);
    const body = bodyRecord({ id: 'akimat-taraz', name: { en: 'Akimat' } });
    expect(
      keysOf((e.body.put(withoutKeys(body) as never).params() as { Item: Record<string, unknown> }).Item),
    ).toEqual(keysOf(body));
    expect(e.follow.get({ sub: 'u-1', itemId: 'I1' }).params()).toMatchObject({
      Key: { pk: 'USER#u-1', sk: 'FOLLOW#I1' },
    });
    expect(
      e.rateWindow.get({ sub: 'u-1', action: 'comment', windowStart: '1780000000' }).params(),
    ).toMatchObject({
      Key: { pk: 'RATE#u-1#comment', sk: '1780000000' },
    });
    expect(e.idempotency.get({ keyHash: idempotencyHash('POST /x u-1', 'k-1') }).params()).toMatchObject({
      Key: { pk: idempotencyKeys.pk('POST /x u-1', 'k-1'), sk: idempotencyKeys.sk },
    });
  });

  it('recordKey, the key of the direct GetItem (getRecord), is ElectroDB’s table key for every entity', () => {
    const e = entitiesOf(store) as unknown as Record<
      string,
      { get(f: object): { params(): { Key: object } } }
    >;
    const keyed = Object.entries(MODELS).filter(([, m]) => 'record' in m.indexes);
    expect(keyed.length).toBeGreaterThan(5);
    for (const [name, model] of keyed) {
      const { pk, sk } = (model.indexes as unknown as Parameters<typeof recordKey>[0]['indexes']).record;
      const facts = Object.fromEntries([...pk.composite, ...sk.composite].map((a) => [a, `v-${a}`]));
      expect(recordKey(model as never, facts as never), name).toEqual(e[name]!.get(facts).params().Key);
    }
  });

  it('a user profile: table key and the profiles index', () => {
    const put = entitiesOf(store)
      .profile.create({ sub: 'u-9', name: 'Aigerim', roles: ['admin'] })
      .params() as { Item: Record<string, unknown> };
    expect(keysOf(put.Item)).toEqual({
      pk: 'USER#u-9',
      sk: 'PROFILE',
      gsi7pk: 'KIND#USER',
      gsi7sk: 'u-9',
    });
  });

  it('a question: table key, inbox and asker keys (the service writes them, the entity reads them)', () => {
    const record = putItemOf(
      questionPutOp(store, sampleQuestion('01JI0000000000000000000001', 'b-1', 'received'), null),
    );
    const e = entitiesOf(store).question;
    expect(e.get({ itemId: record.itemId as string, id: record.id as string }).params()).toMatchObject({
      Key: { pk: record.pk, sk: record.sk },
    });
    const inbox = e.query.inbox({ bodyId: 'b-1' }).begins({ inboxSort: 'Q#open#' }).params() as {
      ExpressionAttributeValues: Record<string, unknown>;
    };
    expect(Object.values(inbox.ExpressionAttributeValues)).toEqual(
      expect.arrayContaining([record.gsi4pk, 'Q#open#']),
    );
    expect(String(record.gsi4sk).startsWith('Q#open#')).toBe(true);
    const asker = e.query.ofAsker({ askerSub: 'u-asker', id: record.id as string }).params() as {
      ExpressionAttributeValues: Record<string, unknown>;
    };
    expect(Object.values(asker.ExpressionAttributeValues)).toEqual(
      expect.arrayContaining([record.gsi6pk, record.gsi6sk]),
    );
  });
  it('a session, its agenda and minutes versions, the club settings and a recommendation (the puts the services send)', () => {
    const e = entitiesOf(store);
    const session = sampleSession();
    const sessionPut = e.session.put(session as never).params() as { Item: Record<string, unknown> };
    expect(keysOf(sessionPut.Item)).toEqual({
      pk: `SESSION#${session.id}`,
      sk: 'SESSION',
      gsi7pk: 'KIND#SESSION',
      gsi7sk: `${session.startUtc}#${session.id}`,
    });
    const agenda = putItemOf(agendaVersionPut(store, agendaOf(session, 7)));
    expect(e.agendaVersion.get({ sessionId: session.id, agendaNo: '0007' }).params()).toMatchObject({
      Key: { pk: agenda.pk, sk: 'AGENDA#0007' },
    });
    const minutes = putItemOf(
      minutesVersionPut(store, { sessionId: session.id, version: 2 } as MinutesVersion),
    );
    expect(e.minutesVersion.get({ sessionId: session.id, minutesNo: '0002' }).params()).toMatchObject({
      Key: { pk: minutes.pk, sk: minutes.sk },
    });
    const settings = putItemOf(clubSettingsPut(store, { quorumRequired: 5 }));
    expect(e.clubSettings.get({}).params()).toMatchObject({ Key: { pk: settings.pk, sk: settings.sk } });
    const rec = putItemOf(
      recommendationPut(store, sampleRecommendation('01JI0000000000000000000001', 'b-1')),
    );
    const viaEntity = e.recommendation.put(withoutKeys(rec) as never).params() as {
      Item: Record<string, unknown>;
    };
    expect(keysOf(viaEntity.Item)).toEqual(keysOf(rec));
  });
});

describe('sessions through the entities', () => {
  it('a session and its agenda written as today (no identifiers) are read, listed and saved again', async () => {
    const session = sampleSession();
    await createSession(store, session);
    const stored = (await getRecord(store, MODELS.session, { id: session.id })) ?? {};
    expect(stored.__edb_e__).toBeUndefined();
    expect(keysOf(stored)).toEqual(
      keysOf(
        (
          entitiesOf(store)
            .session.put(session as never)
            .params() as { Item: Record<string, unknown> }
        ).Item,
      ),
    );
    expect(await getSession(store, session.id)).toEqual(session);
    const published = { ...session, status: 'agenda_published' as const, agendaVersion: 1 };
    const saved = await saveSession(store, session, 1, published, [
      agendaVersionPut(store, agendaOf(published, 1)),
    ]);
    expect((await listSessions(store)).find((s) => s.id === session.id)).toEqual(saved);
    expect((await listAgendaVersions(store, session.id)).map((v) => v.version)).toEqual([1]);
    expect(await getAgendaVersion(store, session.id, 1)).toEqual(agendaOf(published, 1));
    expect(await getMinutesVersion(store, session.id, 1)).toBeNull();
    expect(await getClubSettings(store)).toBeNull();
  });
});

describe('records written before ElectroDB', () => {
  it('are read (ignoreOwnership): an item put without identifiers comes back by id', async () => {
    const item = sampleItem();
    await store.doc.send(new PutCommand({ TableName: store.table, Item: toItemRecord(item) }));
    const e = entitiesOf(store);
    const strict = await e.item.get({ id: item.id }).go();
    expect(strict.data).toBeNull(); // what ownership checks would do to every existing record
    const read = await e.item.get({ id: item.id }).go(OWN);
    expect(read.data).toMatchObject({ id: item.id, fiscalYear: item.fiscalYear, category: item.category });
    expect(await getRecord(store, MODELS.item, { id: item.id })).toEqual(toItemRecord(item));
  });
});

describe('user profiles through the entity', () => {
  it('a profile written before ElectroDB is read, listed, counted, renamed with its roles kept, and not overwritten', async () => {
    await store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: {
          pk: 'USER#u-legacy',
          sk: 'PROFILE',
          entity: 'user',
          sub: 'u-legacy',
          name: 'Dias',
          roles: new Set(['admin', 'moderator']),
          gsi7pk: 'KIND#USER',
          gsi7sk: 'u-legacy',
        },
      }),
    );
    expect(await getProfile(store, 'u-legacy')).toMatchObject({
      name: 'Dias',
      roles: ['moderator', 'admin'],
    });
    expect(await countAdmins(store)).toBe(1);
    await setDisplayName(store, 'u-legacy', 'Dias Serikuly', new Date('2026-07-01T07:00:00Z'));
    expect(await putProfileIfMissing(store, { sub: 'u-legacy', name: 'Other', roles: [], bodies: [] })).toBe(
      false,
    );
    expect(await getProfile(store, 'u-legacy')).toMatchObject({
      name: 'Dias Serikuly',
      roles: ['moderator', 'admin'],
      updatedAt: '2026-07-01T07:00:00.000Z',
    });
    expect((await pageProfiles(store, { limit: 10, q: 'serik' })).users.map((u) => u.sub)).toEqual([
      'u-legacy',
    ]);
  });
});

describe('administrative change records through the entity', () => {
  it('a change put as the audit transaction puts it is listed by subject and newest first, keyed as the entity keys it', async () => {
    const actor = { sub: 'u-admin', name: 'Admin' };
    const first = changeRecord(
      store,
      { type: 'user', id: 'u-chg' },
      'role.grant',
      actor,
      new Date('2026-07-01T07:00:00Z'),
      {
        role: 'moderator',
      },
    );
    const second = changeRecord(
      store,
      { type: 'body', id: 'b-chg' },
      'body.update',
      actor,
      new Date('2026-07-01T08:00:00Z'),
      {
        name: 'new',
      },
    );
    const stored = [first, second].map((r) => putItemOf(r.item));
    // Strays the entity must not read: another kind in the user's partition under a CHANGE# key, and
    // in the changes' byKind partition; and the user's profile beside the change.
    const strays = [
      { pk: 'USER#u-chg', sk: 'CHANGE#00STRAY', entity: 'other', id: '00STRAY' },
      { pk: 'OTHER#x', sk: 'X', entity: 'other', id: 'x', gsi7pk: 'KIND#ADMIN_CHANGE', gsi7sk: '00STRAY' },
      { pk: 'USER#u-chg', sk: 'PROFILE', entity: 'user', sub: 'u-chg', name: 'Dias' },
    ];
    await Promise.all(
      [...stored, ...strays].map((Item) => store.doc.send(new PutCommand({ TableName: store.table, Item }))),
    );

    expect(await listChangesOf(store, { type: 'user', id: 'u-chg' })).toEqual([first.change]);
    expect(await listChangesOf(store, { type: 'body', id: 'b-chg' })).toEqual([second.change]);
    const page1 = await listChanges(store, { limit: 1 });
    expect(page1.changes).toEqual([second.change]);
    const [page2, proof] = await Promise.all([
      listChanges(store, { limit: 5, cursor: page1.next }),
      loadAuditRecord(store, `grant/${first.change.id}`),
    ]);
    expect(page2.changes).toEqual([first.change]);
    expect(proof).toEqual(grantAuditRecord(first.change));

    // Vice versa: the entity's put has the same keys (it declares only them: reads take records whole).
    const viaEntity = entitiesOf(store)
      .adminChange.put({ id: second.change.id, subjectKey: 'BODY#b-chg' } as never)
      .params() as { Item: Record<string, unknown> };
    expect(keysOf(viaEntity.Item)).toEqual(keysOf(stored[1]!));
  });
});

describe('moderation log entries through the entity', () => {
  it('entries put as the transaction puts them are listed newest first without other kinds, keyed as the entity keys them', async () => {
    const comment = {
      id: '01JE00000000000000000000C1',
      itemId: '01JE00000000000000000000I1',
    } as CommentRecord;
    const actor = { sub: 'u-mod', name: 'Moderator' };
    const hide = { at: '2026-07-01T07:00:00.000Z', action: 'hide' as const, actor, reason: 'spam' as const };
    const restore = { ...hide, at: '2026-07-01T08:00:00.000Z', action: 'restore' as const, note: 'not spam' };
    const stored = [
      putItemOf(moderationAuditPut(store, comment, hide, new Date(hide.at))),
      putItemOf(moderationAuditPut(store, comment, restore, new Date(restore.at))),
    ];
    // A stray of another kind in the log's byKind partition must not be read as an entry; a comment's
    // entry of the per-content history (written there too) is.
    const stray = { pk: 'OTHER#x', sk: 'X', entity: 'other', id: 'x', gsi7pk: 'KIND#MODLOG', gsi7sk: '01JF' };
    const history = {
      ...hide,
      pk: `MOD#comment#${comment.id}`,
      sk: 'HIST#01JE0000000000000000000000',
      entity: 'moderation-history',
      id: '01JE0000000000000000000000',
      commentId: comment.id,
      itemId: comment.itemId,
      action: 'flag_threshold_hide',
      gsi7pk: 'KIND#MODLOG',
      gsi7sk: '01JE0000000000000000000000',
    };
    await Promise.all(
      [...stored, stray, history].map((Item) =>
        store.doc.send(new PutCommand({ TableName: store.table, Item })),
      ),
    );

    expect(stored[0]).toMatchObject({ pk: `COMMENT#${comment.id}`, sk: `AUDIT#${stored[0]!.id}` });
    const entries = await listAudit(store, 10);
    expect(entries.map((e) => [e.action, e.commentId, e.itemId, e.note])).toEqual([
      ['restore', comment.id, comment.itemId, 'not spam'],
      ['hide', comment.id, comment.itemId, undefined],
      ['flag_threshold_hide', comment.id, comment.itemId, undefined],
    ]);
    const viaEntity = entitiesOf(store)
      .moderationEntry.put({ id: stored[1]!.id, commentId: comment.id } as never)
      .params() as { Item: Record<string, unknown> };
    expect(keysOf(viaEntity.Item)).toEqual(keysOf(stored[1]!));
  });
});

describe('questions by due date through the entity', () => {
  it('late items are those with an open question due before today; a window keeps its last day; closed ones stay apart', async () => {
    const q = (n: number, dueOn: string, status: Question['status']) => ({
      ...sampleQuestion(`01JI0000000000000000DUE00${n}`, 'b-due', status),
      id: `01JQ0000000000000000DUE00${n}`,
      dueOn,
    });
    const late = q(1, '2033-05-09', 'received');
    const dueToday = q(2, '2033-05-10', 'received');
    const closedLate = q(3, '2033-05-01', 'answered');
    for (const x of [late, dueToday, closedLate])
      await store.doc.send(
        new PutCommand({ TableName: store.table, Item: putItemOf(questionPutOp(store, x, null)) }),
      );

    const overdue = await overdueItemIds(store, '2033-05-10');
    expect([late, dueToday, closedLate].map((x) => overdue.has(x.itemId))).toEqual([true, false, false]);
    expect((await listOpenQuestionsDueBetween(store, '2033-05-09', '2033-05-10')).map((x) => x.id)).toEqual([
      late.id,
      dueToday.id,
    ]);
    const all = (await listAllQuestions(store)).map((x) => x.id);
    expect(all).toEqual(expect.arrayContaining([late.id, dueToday.id, closedLate.id]));
  });
});

describe('impact entries through the entity', () => {
  it('entries saved by their audit transaction are read by id, per body and within dates, keyed as the entity keys them', async () => {
    const entry = (id: string, on: string): ImpactEntry => ({
      id,
      subject: { kind: 'question', itemId: '01JE00000000000000000000M1', id: '01JE00000000000000000000Q1' },
      kind: 'defect_fixed',
      bodyId: 'zha-impact',
      description: { kk: 'Жөнделді', ru: 'Исправлено' },
      source: { title: 'Акт № 7' },
      on,
      recordedByName: 'Secretary',
      recordedAt: '2026-09-06T05:00:00.000Z',
      status: 'unconfirmed',
    });
    const audit = { action: 'impact.recorded', at: '2026-09-06T05:00:00.000Z', actorSub: 'u-secretary' };
    const [first, last] = [
      entry('01JE00000000000000000000M2', '2031-09-01'),
      entry('01JE00000000000000000000M3', '2031-09-30'),
    ];
    for (const e of [first, last]) await saveImpact(store, e, audit, 'create');
    // Another kind in the club-wide partition's date range is not an entry.
    const stray = { pk: 'OTHER#m', sk: 'X', entity: 'other', gsi7pk: 'KIND#IMPACT', gsi7sk: '2031-09-15#x' };
    await store.doc.send(new PutCommand({ TableName: store.table, Item: stray }));

    expect(await getImpact(store, first.subject.itemId, first.id)).toEqual(first);
    expect((await impactForBody(store, 'zha-impact')).map((e) => e.id)).toEqual([first.id, last.id]);
    // The range is inclusive: an entry dated on its last day is in it.
    expect((await listImpact(store, { from: '2031-09-01', to: '2031-09-30' })).map((e) => e.id)).toEqual([
      first.id,
      last.id,
    ]);
    expect((await listImpact(store, { from: '2031-09-02', to: '2031-09-29' })).map((e) => e.id)).toEqual([]);
    const stored = await store.doc.send(
      new GetCommand({
        TableName: store.table,
        Key: { pk: `ITEM#${first.subject.itemId}`, sk: `IMPACT#${first.id}` },
      }),
    );
    const viaEntity = entitiesOf(store)
      .impact.put({ id: first.id, itemId: first.subject.itemId, bodyId: first.bodyId, on: first.on })
      .params() as { Item: Record<string, unknown> };
    expect(keysOf(viaEntity.Item)).toEqual(keysOf(stored.Item!));
  });
});

describe('subscriptions and official opt-ins through the entities', () => {
  it('a subscription written before ElectroDB and one written now are listed alike, keyed as before', async () => {
    // What data/notifications.ts `subscribe` put by hand before the entity.
    const before = {
      pk: 'USER#u-sub-old',
      sk: 'SUB#area#zha-shu',
      entity: 'subscription',
      kind: 'area',
      id: 'zha-shu',
      at: '2026-07-01T07:00:00.000Z',
      mode: 'daily',
      gsi5pk: 'SUBSCRIBERS#area#zha-shu',
      gsi5sk: 'u-sub-old',
    };
    await store.doc.send(new PutCommand({ TableName: store.table, Item: before }));
    await subscribe(store, 'u-sub-new', 'area', 'zha-shu', new Date('2026-07-02T07:00:00Z'));
    const viaEntity = entitiesOf(store)
      .subscription.put({ sub: 'u-sub-old', topic: 'area', id: 'zha-shu', at: before.at })
      .params() as { Item: Record<string, unknown> };
    expect(keysOf(viaEntity.Item)).toEqual(keysOf(before));
    expect(await listSubscriptions(store, 'u-sub-old')).toEqual([
      { kind: 'area', id: 'zha-shu', mode: 'daily' },
    ]);
    expect(await listSubscriberModes(store, 'area', 'zha-shu')).toEqual([
      { sub: 'u-sub-new' },
      { sub: 'u-sub-old', mode: 'daily' },
    ]);
  });

  it("an item's subscribers are its subscriptions and its followers, never another kind in the partition", async () => {
    const itemId = '01JE00000000000000000000S1';
    await subscribe(store, 'u-sub-a', 'item', itemId, new Date('2026-07-02T07:00:00Z'), 'weekly');
    await follow(store, 'u-sub-b', itemId, new Date('2026-07-02T08:00:00Z'));
    const stray = {
      pk: 'OTHER#s',
      sk: 'X',
      entity: 'other',
      gsi5pk: `SUBSCRIBERS#item#${itemId}`,
      gsi5sk: 'u-stray',
    };
    await store.doc.send(new PutCommand({ TableName: store.table, Item: stray }));
    expect(await listSubscriberModes(store, 'item', itemId)).toEqual([
      { sub: 'u-sub-a', mode: 'weekly' },
      { sub: 'u-sub-b' },
    ]);
  });

  it("an official's opt-in written before ElectroDB is listed, and one switched off is gone", async () => {
    const before = {
      pk: 'BODY#akimat-shu',
      sk: 'OFFICIAL#u-off-old',
      entity: 'official-optin',
      sub: 'u-off-old',
    };
    await store.doc.send(new PutCommand({ TableName: store.table, Item: before }));
    await setOfficialOptIn(store, 'akimat-shu', 'u-off-new', true);
    await setOfficialOptIn(store, 'akimat-shu', 'u-off-gone', true);
    await setOfficialOptIn(store, 'akimat-shu', 'u-off-gone', false);
    expect(await listOptedInOfficials(store, 'akimat-shu')).toEqual(['u-off-new', 'u-off-old']);
  });
});

describe('a shared index never mixes entities', () => {
  it('items of a category and an item’s thread activity, both on byCategory, each see only their own', async () => {
    const item = sampleItem({ category: 'roads', fiscalYear: 2031 });
    await store.doc.send(new PutCommand({ TableName: store.table, Item: toItemRecord(item) }));
    const comment = await postComment(
      store,
      {
        itemId: item.id,
        author: { sub: 'u-comment', name: 'Aigerim' },
        body: 'When does the repair start?',
        attachments: [],
      },
      new Date('2026-07-01T07:00:00Z'),
    );
    const reply = await postComment(
      store,
      {
        itemId: item.id,
        parentId: comment.id,
        author: { sub: 'u-reply', name: 'Dias' },
        body: 'In May.',
        attachments: [],
      },
      new Date('2026-07-01T07:05:00Z'),
    );
    // Records of other kinds crafted into both partitions. In the items' partition ElectroDB's own
    // check (ignoreOwnership still parses the table key: pk ITEM#<id>, sk exactly ITEM) drops the
    // stray; in the thread's partition the sort key is open (COMMENT#…, REPLY#…), so only the kind
    // filter keeps a stray out.
    const stray = (pk: string, sk: string, gsi3pk: string, gsi3sk: string) =>
      store.doc.send(
        new PutCommand({
          TableName: store.table,
          Item: {
            pk,
            sk,
            entity: 'note',
            id: 'STRAY',
            itemId: item.id,
            authorSub: 'x',
            category: 'roads',
            fiscalYear: 2031,
            gsi3pk,
            gsi3sk,
          },
        }),
      );
    await stray('ITEM#STRAY', 'ITEM#NOTE', 'CAT#roads', '2031#ZZZ');
    await stray(`ITEM#${item.id}`, 'NOTE#1', `THREAD#${item.id}`, 'ZZZ');
    const e = entitiesOf(store);
    const items = await e.item.query
      .ofCategory({ category: 'roads', fiscalYear: 2031 })
      .where(kindIs('item'))
      .go(OWN);
    expect(items.data.map((i) => i.id)).toEqual([item.id]);
    const unfiltered = await e.threadActivity.query.activity({ itemId: item.id }).go(OWN);
    expect(unfiltered.data.map((a) => a.id)).toEqual([comment.id, reply.id, 'STRAY']);
    const activity = await e.threadActivity.query
      .activity({ itemId: item.id })
      .where(kindIs('comment'))
      .go(OWN);
    expect(activity.data.map((a) => a.id)).toEqual([comment.id, reply.id]);
    expect(commentKeys.activity(item.id)).toBe(`THREAD#${item.id}`);
  });

  it('a body’s items, its question inbox and its recommendations, all on byBody, each see only their own', async () => {
    const bodyId = 'akimat-shared-by-body';
    const item = sampleItem({ body: { id: bodyId, name: { en: 'Akimat' } } });
    await store.doc.send(new PutCommand({ TableName: store.table, Item: toItemRecord(item) }));
    const q = sampleQuestion(item.id, bodyId, 'received');
    await store.doc.send(
      new PutCommand({ TableName: store.table, Item: putItemOf(questionPutOp(store, q, null)) }),
    );
    // A record of another kind whose keys look like a question's in both the inbox and the item's
    // partition: only the kind filter keeps it out.
    await store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: {
          pk: `ITEM#${item.id}`,
          sk: 'QUESTION#STRAY',
          entity: 'recommendation',
          id: 'STRAY',
          gsi4pk: `BODY#${bodyId}`,
          gsi4sk: 'Q#open#2026-07-01#STRAY',
        },
      }),
    );
    expect((await listBodyQuestions(store, bodyId, 'all')).map((x) => x.id)).toEqual([q.id]);
    expect((await listItemQuestions(store, item.id)).map((x) => x.id)).toEqual([q.id]);
    const items = await entitiesOf(store)
      .item.query.addressedToBody({ bodyKey: `BODY#${bodyId}` } as never)
      .where(kindIs('item'))
      .go(OWN);
    expect(items.data.map((i) => i.id)).toEqual([item.id]);
    expect((await listItemQuestions(store, item.id))[0]).toMatchObject({ text: q.text, dueOn: q.dueOn });
    // A recommendation in the same item partition and body inbox; a look-alike of another kind at
    // `REC#…` in both: only the kind filter keeps it out of the recommendations.
    const rec = sampleRecommendation(item.id, bodyId);
    await store.doc.send(
      new PutCommand({ TableName: store.table, Item: putItemOf(recommendationPut(store, rec)) }),
    );
    await store.doc.send(
      new PutCommand({
        TableName: store.table,
        Item: {
          pk: `ITEM#${item.id}`,
          sk: 'REC#STRAY',
          entity: 'question',
          id: 'STRAY',
          gsi4pk: `BODY#${bodyId}`,
          gsi4sk: 'REC#2026-01-01#STRAY',
        },
      }),
    );
    expect(await recommendationsForBody(store, bodyId)).toEqual([rec]);
    expect(await recommendationsForItem(store, item.id)).toEqual([rec]);
    expect((await listBodyQuestions(store, bodyId, 'all')).map((x) => x.id)).toEqual([q.id]);
  });
});

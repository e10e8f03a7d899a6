/**
 * Questions to government bodies: persistence only (the workflow, its rules, transaction and audit
 * entry are functions/services/questions.ts). Stored in the item's partition so the item shows them
 * with its thread.
 *
 * Keys (see functions/README.md):
 *   question           pk ITEM#<itemId>     sk QUESTION#<id>
 *   body inbox         byBody gsi4pk BODY#<bodyId>              gsi4sk Q#<open|closed>#<due>#<id>
 *   asker's questions  byUser gsi6pk USER#<sub>                 gsi6sk QUESTION#<id>
 *   open / closed      byKind gsi7pk KIND#QUESTION#<open|closed> gsi7sk <due>#<id>
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isOpen, Question, type QuestionStatus } from '../api/schemas/questions';
import type { Store } from './client';
import { queryEntityRecords, queryPages } from './query-all';
import { entitiesOf, fill, go, kindIs, OWN, questionModel } from './schema';
import { INDEX } from './table';
import type { TransactOp } from './transaction';

/** A question's keys, filled from the `question` entity's templates (data/schema.ts). */
export const questionKeys = {
  pk: (itemId: string) => fill(questionModel.indexes.record.pk.template, { itemId }),
  sk: (id: string) => fill(questionModel.indexes.record.sk.template, { id }),
  body: (bodyId: string) => fill(questionModel.indexes.inbox.pk.template, { bodyId }),
  /** The inbox's sort key: the entity stores it whole (`inboxSort`), as the bucket follows the status. */
  bodySort: (bucket: Bucket, due: string, id: string) => `Q#${bucket}#${due}#${id}`,
  user: (askerSub: string) => fill(questionModel.indexes.ofAsker.pk.template, { askerSub }),
  userSort: (id: string) => fill(questionModel.indexes.ofAsker.sk.template, { id }),
  kind: (bucket: Bucket) => fill(questionModel.indexes.byDue.pk.template, { bucket }),
  kindSort: (dueOn: string, id: string) => fill(questionModel.indexes.byDue.sk.template, { dueOn, id }),
};
export type Bucket = 'open' | 'closed';
const bucketOf = (status: QuestionStatus): Bucket => (isOpen(status) ? 'open' : 'closed');

function toRecord(q: Question) {
  const bucket = bucketOf(q.status);
  return {
    ...q,
    pk: questionKeys.pk(q.itemId),
    sk: questionKeys.sk(q.id),
    entity: 'question',
    gsi4pk: questionKeys.body(q.bodyId),
    gsi4sk: questionKeys.bodySort(bucket, q.dueOn, q.id),
    gsi6pk: questionKeys.user(q.askerSub),
    gsi6sk: questionKeys.userSort(q.id),
    gsi7pk: questionKeys.kind(bucket),
    gsi7sk: questionKeys.kindSort(q.dueOn, q.id),
  };
}

function fromRecord(record: Record<string, unknown>): Question {
  const q: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k !== 'pk' && k !== 'sk' && k !== 'entity' && !/^gsi\d+(pk|sk)$/.test(k)) q[k] = v;
  }
  return q as Question;
}

export function questionPutOp(store: Store, next: Question, before: Question | null): TransactOp {
  return {
    Put: {
      TableName: store.table,
      Item: toRecord(next),
      ...(before
        ? {
            ConditionExpression: '#v = :v AND #s = :s',
            ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
            ExpressionAttributeValues: { ':v': before.version, ':s': before.status },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

export async function getQuestion(store: Store, itemId: string, id: string): Promise<Question | null> {
  const res = await go(
    entitiesOf(store)
      .question.get({ itemId, id })
      .go({ ...OWN, data: 'raw', consistent: true }),
  );
  const record = (res.data as { Item?: Record<string, unknown> }).Item;
  return record ? fromRecord(record) : null;
}

/** An item's questions, oldest first (the item's partition also holds the item and its thread). */
export async function listItemQuestions(store: Store, itemId: string): Promise<Question[]> {
  const records = await queryEntityRecords(
    entitiesOf(store).question.query.record({ itemId }).where(kindIs('question')),
  );
  return records.map(fromRecord);
}

/** The asker's questions, newest first (byUser also holds the asker's comments). */
export async function listAskerQuestions(store: Store, sub: string): Promise<Question[]> {
  const records = await queryEntityRecords(
    entitiesOf(store).question.query.ofAsker({ askerSub: sub }).where(kindIs('question')),
    { options: { order: 'desc' } },
  );
  return records.map(fromRecord);
}

/** A body's questions by due date, earliest first: open ones, closed ones, or all (open first). */
export async function listBodyQuestions(
  store: Store,
  bodyId: string,
  which: Bucket | 'all' = 'open',
): Promise<Question[]> {
  const buckets: Bucket[] = which === 'all' ? ['open', 'closed'] : [which];
  // byBody also holds the body's items (ITEM#…) and the club's recommendations (REC#…).
  const lists = await Promise.all(
    buckets.map((b) =>
      queryEntityRecords(
        entitiesOf(store)
          .question.query.inbox({ bodyId })
          .begins({ inboxSort: `Q#${b}#` })
          .where(kindIs('question')),
      ),
    ),
  );
  return lists.flat().map(fromRecord);
}

/** Every question, open and closed (the club's report counts the answers of a period). */
export async function listAllQuestions(store: Store): Promise<Question[]> {
  const lists = await Promise.all(
    (['open', 'closed'] as const).map((bucket) =>
      queryEntityRecords(entitiesOf(store).question.query.byDue({ bucket }).where(kindIs('question'))),
    ),
  );
  return lists.flat().map(fromRecord);
}

/**
 * Ids of items with at least one question past its due date on `today` (for the map feed's `o: 1`).
 * One query on the open questions ordered by due date, reading only what is already late.
 */
export async function overdueItemIds(store: Store, today: string): Promise<Set<string>> {
  const late = await queryEntityRecords(
    entitiesOf(store).question.query.byDue({ bucket: 'open' }).lt({ dueOn: today }).where(kindIs('question')),
    { options: { attributes: ['itemId'] } },
  );
  return new Set(late.map((r) => r.itemId as string));
}

/**
 * Open questions whose due date falls in [from, to] (Almaty dates), ordered by due date: one Query
 * on the open bucket, reading only the window (the timed notices' job: due soon, overdue).
 */
export async function listOpenQuestionsDueBetween(
  store: Store,
  from: string,
  to: string,
): Promise<Question[]> {
  // The end names an id past every ULID ('~'): ElectroDB cuts a sort key at the last composite
  // given, and `${to}` alone would leave out the questions due on `to` itself.
  const records = await queryEntityRecords(
    entitiesOf(store)
      .question.query.byDue({ bucket: 'open' })
      .between({ dueOn: from }, { dueOn: to, id: '~' })
      .where(kindIs('question')),
  );
  return records.map(fromRecord);
}

/**
 * Questions of one bucket whose due date falls in [from, to] (Almaty dates), a page at a time and
 * without the paginator's cap (Open311's request search: its caller bounds the window by dates);
 * records that do not read as a question are left out.
 */
export async function questionsOfBucketDueBetween(
  store: Store,
  bucket: Bucket,
  from: string,
  to: string,
): Promise<Question[]> {
  const out: Question[] = [];
  for await (const page of queryPages(store, {
    IndexName: INDEX.allOfKind.name,
    KeyConditionExpression: 'gsi7pk = :k AND gsi7sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':k': questionKeys.kind(bucket), ':from': from, ':to': `${to}#~` },
  })) {
    for (const r of page) {
      const q = Question.safeParse(r);
      if (q.success) out.push(q.data);
    }
  }
  return out;
}

/** Records the thread comment that carries the latest answer; not a change of substance, so no version bump. */
export async function setThreadComment(store: Store, q: Pick<Question, 'itemId' | 'id'>, commentId: string) {
  // Hand-built, as `questionHiddenPartsOp` below: ElectroDB's update would stamp its identifiers on the record.
  await store.doc.send(
    new UpdateCommand({
      TableName: store.table,
      Key: { pk: questionKeys.pk(q.itemId), sk: questionKeys.sk(q.id) },
      UpdateExpression: 'SET threadCommentId = :c',
      ExpressionAttributeValues: { ':c': commentId },
    }),
  );
}

/**
 * The newest `limit` questions of one bucket by due date, latest first: a body's (its inbox) or the
 * whole club's (the Atom feeds of answers).
 */
export async function latestQuestions(
  store: Store,
  bucket: Bucket,
  limit: number,
  bodyId?: string,
): Promise<Question[]> {
  const q = entitiesOf(store).question.query;
  const query = bodyId ? q.inbox({ bodyId }).begins({ inboxSort: `Q#${bucket}#` }) : q.byDue({ bucket });
  const records = await queryEntityRecords(query.where(kindIs('question')), {
    limit,
    options: { order: 'desc' },
  });
  return records.map(fromRecord);
}

/**
 * The question's hidden parts (the question, an answer version, an answer's file) replaced on the
 * version read, the version bumped. Hand-built, keyed by the question entity's templates: ElectroDB's
 * update would also stamp its identifiers (`__edb_e__`, `__edb_v__`) on the record, which `fromRecord`
 * would then carry into the question's views and its audit record.
 */
export function questionHiddenPartsOp(
  store: Store,
  itemId: string,
  questionId: string,
  hiddenParts: Record<string, unknown>,
  version: number,
): TransactOp {
  return {
    Update: {
      TableName: store.table,
      Key: { pk: questionKeys.pk(itemId), sk: questionKeys.sk(questionId) },
      UpdateExpression: 'SET hiddenParts = :parts, version = :next',
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':parts': hiddenParts, ':v': version, ':next': version + 1 },
    },
  };
}

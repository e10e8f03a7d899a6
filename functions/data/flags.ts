/**
 * The flag job's records (persistence only; the job, its rules and the summaries' meaning are
 * services/flags.ts): the entities of data/entities/flags.ts — a contractor's or body's summary
 * (`pk FLAGS#<CONTRACTOR|BODY>#<id>`, `sk SUMMARY`, listed on byKind most flagged first), the last
 * run (`pk FLAGS#RUN`, `sk LATEST`) and the codes last announced per item (`pk FLAGS#ITEM#<itemId>`,
 * `sk KNOWN`, listed on byKind) — and the job's batched reads by key.
 */
import { BatchGetCommand, type BatchGetCommandOutput, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client';
import { flagKnownModel, flagRunModel, flagSummaryModel } from './entities/flags';
import { fillKey } from './entities/kit';
import { queryAll } from './query-all';
import { getRecord, recordKey } from './schema';
import type { TransactOp } from './transaction';

/** A flag summary's party in its keys. */
export type FlagParty = 'CONTRACTOR' | 'BODY';

/** A summary's table key. */
export const flagSummaryKey = (party: FlagParty, id: string) => recordKey(flagSummaryModel, { party, id });

/** Most flagged first, then by id: a descending count as a fixed-width ascending key. */
export const flagSummaryRank = (flagged: number, id: string) =>
  `${String(999_999_999 - flagged).padStart(9, '0')}#${id}`;

/** A summary's record as the job writes it: listed on byKind while it has a flagged item. */
export function flagSummaryPut(
  party: FlagParty,
  summary: { id: string; flagged: number } & Record<string, unknown>,
  auditSeq: number,
): Record<string, unknown> {
  const listed = flagSummaryModel.indexes.listed;
  return {
    ...flagSummaryKey(party, summary.id),
    entity: 'flag-summary',
    ...summary,
    ...(summary.flagged > 0
      ? {
          [listed.pk.field]: fillKey(listed.pk, { party }),
          [listed.sk.field]: fillKey(listed.sk, { rank: flagSummaryRank(summary.flagged, summary.id) }),
        }
      : {}),
    auditSeq,
  };
}

/** BatchGetItem calls (100 keys each) kept in flight by the flag job's reads. */
const READS_IN_FLIGHT = 8;

/**
 * Records by key, 100 to a BatchGetItem call and READS_IN_FLIGHT calls at once, unprocessed keys
 * retried with backoff: one call after the other, the visit counts of 10,000 items took 5 s of
 * bench:sync's flag job.
 */
export async function batchGetByKey(
  store: Pick<Store, 'doc' | 'table'>,
  keys: readonly Record<string, unknown>[],
  options: { ProjectionExpression?: string; ConsistentRead?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const blocks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += 100) blocks.push(keys.slice(i, i + 100));
  const out: Record<string, unknown>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < blocks.length) {
      let pending: Record<string, unknown>[] | undefined = blocks[next++]!;
      for (let attempt = 0; pending?.length; attempt++) {
        // Throttling, as DynamoDB would say it: a request path answers 503 to it, not 500.
        if (attempt > 10)
          throw Object.assign(new Error('BatchGetItem kept returning unprocessed keys'), {
            name: 'ThrottlingException',
          });
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        // Hand-built (not batchGetRecords): blocks in flight, strongly consistent, bounded retries.
        const res: BatchGetCommandOutput = await store.doc.send(
          new BatchGetCommand({ RequestItems: { [store.table]: { Keys: pending, ...options } } }),
        );
        out.push(...(res.Responses?.[store.table] ?? []));
        pending = res.UnprocessedKeys?.[store.table]?.Keys;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, blocks.length) }, worker));
  return out;
}

/** Summaries by key, as stored (strongly consistent: the job compares them with what it computed). */
export function getFlagSummaries(
  store: Pick<Store, 'doc' | 'table'>,
  keys: readonly { party: FlagParty; id: string }[],
  opts: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  return batchGetByKey(
    store,
    keys.map((k) => flagSummaryKey(k.party, k.id)),
    opts.consistent ? { ConsistentRead: true } : {},
  );
}

/** The listed summaries of a party, most flagged first; at most `limit` with one, else all (up to `max`). */
export function listFlagSummaries(
  store: Pick<Store, 'doc' | 'table'>,
  party: FlagParty,
  opts: { limit?: number; max?: number; projection?: string } = {},
): Promise<Record<string, unknown>[]> {
  const listed = flagSummaryModel.indexes.listed;
  return queryAll(
    store,
    {
      IndexName: listed.index,
      KeyConditionExpression: `${listed.pk.field} = :k`,
      ExpressionAttributeValues: { ':k': fillKey(listed.pk, { party }) },
      ...(opts.projection ? { ProjectionExpression: opts.projection } : {}),
    },
    opts.limit !== undefined ? { limit: opts.limit } : { max: opts.max },
  );
}

/** The last run's record, or undefined before the first run. */
export function getFlagRun(
  store: Pick<Store, 'doc' | 'table'>,
): Promise<Record<string, unknown> | undefined> {
  return getRecord(store, flagRunModel, {});
}

export async function putFlagRun(store: Store, run: Record<string, unknown>): Promise<void> {
  // Hand-built, keyed by the entity's template: the run's report is an open shape the model does not declare.
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: { ...recordKey(flagRunModel, {}), entity: 'flag-run', ...run },
    }),
  );
}

/** The transaction op keeping an item's announced codes: a put while it has any, else a delete. */
export function knownFlagOp(
  store: Pick<Store, 'table'>,
  itemId: string,
  codes: readonly string[],
): TransactOp {
  const key = recordKey(flagKnownModel, { itemId });
  const listed = flagKnownModel.indexes.listed;
  return codes.length
    ? {
        Put: {
          TableName: store.table,
          Item: {
            ...key,
            entity: 'flag-known',
            itemId,
            codes: [...codes],
            [listed.pk.field]: fillKey(listed.pk, {}),
            [listed.sk.field]: fillKey(listed.sk, { itemId }),
          },
        },
      }
    : { Delete: { TableName: store.table, Key: key } };
}

/** The codes last announced per item (only flagged items have a record): one paginated Query. */
export async function listKnownFlagCodes(
  store: Pick<Store, 'doc' | 'table'>,
  max: number,
): Promise<Map<string, string[]>> {
  const listed = flagKnownModel.indexes.listed;
  const rows = await queryAll(
    store,
    {
      IndexName: listed.index,
      KeyConditionExpression: `${listed.pk.field} = :k`,
      ExpressionAttributeValues: { ':k': fillKey(listed.pk, {}) },
      ProjectionExpression: 'itemId, codes',
    },
    { max },
  );
  return new Map(rows.map((r) => [r.itemId as string, (r.codes as string[]) ?? []]));
}

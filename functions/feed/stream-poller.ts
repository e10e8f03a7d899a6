/**
 * Follows a table's stream on DynamoDB Local (or any DynamoDB) the way Lambda's event source
 * mapping does in the cloud: every shard, in order, from where we started, picking up child shards
 * as old ones close. `start()` pins the position before a full rebuild, so nothing written during
 * the rebuild is missed (replays are harmless: `applyChanges` is idempotent).
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { Store } from '../data/client';
import type { StreamChange } from './snapshot';

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private streamArn = '';
  /** Open shards → next iterator; closed shards are remembered so they are not read again. */
  private readonly iterators = new Map<string, string>();
  private readonly finished = new Set<string>();

  constructor(private readonly store: Store) {
    const c = store.raw.config;
    this.streams = new DynamoDBStreamsClient({
      region: c.region,
      credentials: c.credentials,
      endpoint: c.endpoint,
      maxAttempts: 2,
    });
  }

  /** Pins the current end of every shard; later `poll()` calls return what was written after. */
  async start(): Promise<void> {
    const table = await this.store.raw.send(new DescribeTableCommand({ TableName: this.store.table }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`Table ${this.store.table} has no stream; the map feed needs one.`);
    this.streamArn = arn;
    await this.discoverShards('LATEST');
  }

  /** Every change available now, in order per shard. */
  async poll(): Promise<StreamChange[]> {
    const out: StreamChange[] = [];
    let closedAny = false;
    for (const [shardId, iterator] of [...this.iterators]) {
      let it: string | undefined = iterator;
      let renewed = false;
      while (it) {
        let res: GetRecordsCommandOutput;
        try {
          res = await this.streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
        } catch (err) {
          // An iterator that expired or points before the shard's trim horizon (seen on DynamoDB
          // Local under load) is replaced, as the Streams documentation advises, by one from the
          // oldest record still kept: replayed changes are harmless (`applyChanges` is idempotent).
          const name = (err as Error).name;
          if (renewed || (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException'))
            throw err;
          renewed = true;
          const fresh = await this.streams.send(
            new GetShardIteratorCommand({
              StreamArn: this.streamArn,
              ShardId: shardId,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          );
          it = fresh.ShardIterator;
          continue;
        }
        const records = res.Records ?? [];
        for (const r of records) out.push(r as StreamChange);
        it = res.NextShardIterator;
        if (records.length === 0) break;
      }
      if (it) this.iterators.set(shardId, it);
      else {
        this.iterators.delete(shardId);
        this.finished.add(shardId);
        closedAny = true;
      }
    }
    // A closed shard's children hold what comes next; they were created after we started.
    if (closedAny) {
      await this.discoverShards('TRIM_HORIZON');
      out.push(...(await this.poll()));
    }
    return out;
  }

  private async discoverShards(from: ShardIteratorType): Promise<void> {
    let last: string | undefined;
    do {
      const res = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: last }),
      );
      for (const shard of res.StreamDescription?.Shards ?? []) {
        const id = shard.ShardId!;
        if (this.iterators.has(id) || this.finished.has(id)) continue;
        // At start only open shards matter; a closed shard's records predate the rebuild.
        if (from === 'LATEST' && shard.SequenceNumberRange?.EndingSequenceNumber) {
          this.finished.add(id);
          continue;
        }
        const it = await this.streams.send(
          new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: id, ShardIteratorType: from }),
        );
        if (it.ShardIterator) this.iterators.set(id, it.ShardIterator);
      }
      last = res.StreamDescription?.LastEvaluatedShardId;
    } while (last);
  }

  stop(): void {
    this.streams.destroy();
  }
}

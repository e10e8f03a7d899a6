/**
 * The one table definition. Code, tests, the local bootstrap and the CDK stack all build the table
 * from this object, so they cannot drift apart. Single-table design: physical attribute names are
 * generic (pk, sk, gsiNpk, gsiNsk); index names say the access pattern they serve. Every access
 * pattern is listed in functions/README.md.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the record after this (rate-limit windows, upload tickets). */
  ttlAttribute: 'expiresAt',
  /** The map-feed snapshot and notifications are rebuilt from the stream. */
  streamView: 'NEW_AND_OLD_IMAGES',
  indexes: {
    /** Items in a geohash cell (bbox queries cover the box with cells). */
    byCell: { name: 'byCell', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Items in an administrative area, by fiscal year. */
    byArea: { name: 'byArea', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Items of a category, by fiscal year. */
    byCategory: { name: 'byCategory', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** Everything addressed to a government body: its items by year, its questions by due date. */
    byBody: { name: 'byBody', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /** Items by status, by fiscal year. */
    byStatus: { name: 'byStatus', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
    /** What a user did: their questions, follows, comments, in time order. */
    byUser: { name: 'byUser', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
    /** All records of one kind in a useful order: items by year, sessions by date, bodies by id. */
    byKind: { name: 'byKind', partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
    /** Items of one contractor (BIN/IIN), by fiscal year: the contractor page and filter. */
    byContractor: { name: 'byContractor', partitionKey: 'gsi8pk', sortKey: 'gsi8sk' },
  },
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  streamView: string;
  indexes: Record<string, IndexDefinition>;
};

export type IndexName = keyof typeof TABLE.indexes;

/**
 * The indexes under names that say every use the code makes of them. The physical names above stay
 * (renaming a GSI rebuilds it in the cloud); code and entity definitions refer to these aliases so
 * a reader of `byCategory` is not surprised to find the comment feed there.
 */
export const INDEX = {
  /** Items in a geohash cell (map and bbox lists). */
  itemsInCell: TABLE.indexes.byCell,
  /** Items of an administrative area, by fiscal year. */
  itemsOfArea: TABLE.indexes.byArea,
  /** Items of a category by fiscal year, and an item's thread activity (the follow feed). */
  itemsOfCategoryAndThreadActivity: TABLE.indexes.byCategory,
  /** What is addressed to a body: its items, its question inbox, club recommendations. */
  addressedToBody: TABLE.indexes.byBody,
  /** Items by status by fiscal year, and the moderation queue. */
  itemsOfStatusAndModerationQueue: TABLE.indexes.byStatus,
  /** Who hears of an area, body, contractor or item: its subscribers and, for an item, its followers. */
  subscribersOf: TABLE.indexes.byStatus,
  /** A user's questions and comments, newest first. */
  authoredByUser: TABLE.indexes.byUser,
  /** Every record of one kind (items, bodies, users, sessions, recommendations, logs) in order. */
  allOfKind: TABLE.indexes.byKind,
  /** The notifier's queues: outbox events pending fan-out, deliveries due, parked for a digest, dead. */
  notificationQueues: TABLE.indexes.byKind,
  /** A user's notification feed (the bell, "My feed"), newest first. */
  notificationFeed: TABLE.indexes.byUser,
  /** Items of one contractor (BIN/IIN), by fiscal year. */
  itemsOfContractor: TABLE.indexes.byContractor,
} as const satisfies Record<string, IndexDefinition>;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const indexes = Object.values(TABLE.indexes) as IndexDefinition[];
  const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const i of indexes) {
    attributes.add(i.partitionKey);
    attributes.add(i.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamView },
  };
}

/** Creates the table if it is missing (local store and tests; the cloud table comes from CDK). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (err) {
    if (err instanceof ResourceInUseException) return;
    throw err;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
    }),
  );
}

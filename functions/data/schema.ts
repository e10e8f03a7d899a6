// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
/**
 * The data layer declared once: ElectroDB entity definitions over the one table (data/table.ts).
 * Key templates equal today's keys exactly (no migration, no key change); `casing: 'none'` keeps
 * them byte-for-byte. Index names come from `INDEX` (table.ts), which names every use of an index.
 *
 * Ownership. Records written before ElectroDB lack its identifier attributes (`__edb_e__`,
 * `__edb_v__`), and ElectroDB would silently drop them from every read. Instead of a backfill, every
 * read runs with `ignoreOwnership` and every query over an index that several kinds share carries an
 * explicit kind filter on the `entity` attribute that all such records already have (see
 * functions/README.md "ElectroDB and ownership"). Use `OWN` and the `kindIs` filter below.
 *
 * `ACCESS_PATTERNS` says, per entity index, which access pattern it serves and where; the table in
 * functions/README.md is generated from it and the models (npm run docs:access-patterns).
 */
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';
import ngeohash from 'ngeohash';
import type { Store } from './client';
import { INDEX } from './table';

/** Geohash precision of the items-in-cell index (items.ts CELL_PRECISION; 5 chars ≈ 4.9 km). */
const CELL_PRECISION = 5;

/** ElectroDB's model service name; it only appears in `__edb_*` identifiers of new writes. */
export const SERVICE = 'hub';

/**
 * Execution options every read uses: records older than ElectroDB have no identifiers. `originalErr`
 * hands DynamoDB's own error back (what `go` below would unwrap anyway) and spares the Error that
 * ElectroDB otherwise builds on every call just to keep a stack trace for a failure that rarely comes.
 */
export const OWN = { ignoreOwnership: true, originalErr: true } as const;

/**
 * The explicit kind filter for queries over a shared index: `.where(kindIs('item'))`. Checks the
 * `entity` attribute every record of a shared index carries (ElectroDB's own check is off: OWN).
 */
export function kindIs(kind: string) {
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's where callback is typed per entity.
  return (attributes: any, ops: any): string => ops.eq(attributes.kind, kind);
}

/** The kind filter for a partition that several kinds share on purpose: any of `kinds`. */
export function kindIn(...kinds: string[]) {
  // biome-ignore lint/suspicious/noExplicitAny: ElectroDB's where callback is typed per entity.
  return (attributes: any, ops: any): string => kinds.map((k) => ops.eq(attributes.kind, k)).join(' OR ');
}

/**
 * Runs an ElectroDB call and rethrows what DynamoDB said: ElectroDB wraps client errors in an
 * ElectroError, while callers (conditional writes, the idempotency fence, the transaction runner,
 * the 503 on storage trouble) decide by the SDK error's name.
 */
export async function go<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const e = err as { isElectroError?: boolean; cause?: unknown };
    if (e?.isElectroError && e.cause instanceof Error) throw e.cause;
    throw err;
  }
}

/** A model's table key: its `record` index, the key templates ElectroDB fills (`ITEM#${id}`). */
interface RecordKeyed {
  indexes: {
    record: {
      pk: { field: string; composite: readonly string[]; template: string };
      sk: { field: string; composite: readonly string[]; template: string };
    };
  };
}
type KeyFacts<M extends RecordKeyed> = Record<
  M['indexes']['record']['pk']['composite'][number] | M['indexes']['record']['sk']['composite'][number],
  string | number
>;

/** A key template filled from facts (`ITEM#${id}` → `ITEM#01J…`); a missing fact is an error. */
export const fill = (template: string, facts: Record<string, string | number>) =>
  template.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = facts[name];
    if (value === undefined || value === '') throw new Error(`The key fact ${name} is missing.`);
    return String(value);
  });

/** What every key of a template begins with: the template up to its first fact (`COMMENT#${id}` → `COMMENT#`). */
export const prefixOf = (template: string) => template.slice(0, template.indexOf('${'));

/** One of a model's indexes as its key templates (`model.indexes.byAuthor`). */
interface IndexTemplates {
  pk: { field: string; template: string };
  sk: { field: string; template: string };
}

/**
 * The keys of one of a model's indexes, filled from its own templates (what ElectroDB would write),
 * for hand-built writes: `indexKey(model.indexes.byAuthor, { authorSub, id })`. The one filler:
 * `recordKey` is this for the `record` index, entities/kit.ts `fillKey` is `fill` for one key.
 */
export function indexKey(
  index: IndexTemplates,
  facts: Record<string, string | number>,
): Record<string, string> {
  return {
    [index.pk.field]: fill(index.pk.template, facts),
    [index.sk.field]: fill(index.sk.template, facts),
  };
}

/** The table key of one record, filled from the model's own `record` templates (equal to ElectroDB's). */
export function recordKey<M extends RecordKeyed>(model: M, facts: KeyFacts<M>): Record<string, string> {
  return indexKey(model.indexes.record, facts as Record<string, string | number>);
}

/**
 * One record by its table key, whole as stored (ElectroDB's `data: 'raw'`), in one GetItem. For the
 * hottest reads (`GET /api/items/:id`): ElectroDB's `get` builds a chain state with an update proxy
 * over every attribute on each call, about 0.3 ms of CPU for the 26-attribute item (bench:api
 * measured the route at 1.68× a raw GetItem), where this is the raw GetItem plus a template fill.
 * The key comes from the same model definition; test/integration/entities.test.ts checks it equals
 * ElectroDB's.
 */
export async function getRecord<M extends RecordKeyed>(
  store: Pick<Store, 'doc' | 'table'>,
  model: M,
  facts: KeyFacts<M>,
  opts: { consistent?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  const res = await store.doc.send(
    new GetCommand({
      TableName: store.table,
      Key: recordKey(model, facts),
      ...(opts.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return res.Item;
}

const none = 'none' as const;
export const key = <const C extends readonly string[]>(field: string, composite: C, template: string) => ({
  field,
  composite,
  template,
  casing: none,
});

/**
 * The kind filter's attribute (`kind`, stored as `entity`), one per model: every record of a shared
 * index carries it, and `kindIs` filters on it. A helper because twelve models spell it alike.
 */
export const kindOf = <const K extends string>(kind: K) => ({
  type: [kind] as readonly [K],
  field: 'entity' as const,
  required: true as const,
  default: kind,
});

// ---------------------------------------------------------------------------------------------
// Models (plain data; the generator and the tests read them)

export const itemModel = {
  model: { entity: 'item', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    /** Shared-index kind filter: every item record says `entity: item`. */
    kind: kindOf('item'),
    title: { type: 'any', required: true },
    description: { type: 'any' },
    category: { type: 'string', required: true },
    area: { type: 'string', required: true },
    body: { type: 'any', required: true },
    programmeCode: { type: 'string', required: true },
    fiscalYear: { type: 'number', required: true },
    plannedTiyn: { type: 'number', required: true },
    contractedTiyn: { type: 'number', required: true },
    spentTiyn: { type: 'number', required: true },
    status: { type: 'string', required: true },
    contractor: { type: 'any' },
    tender: { type: 'any' },
    amendments: { type: 'any' },
    transactions: { type: 'any' },
    period: { type: 'any', required: true },
    location: { type: 'any', required: true },
    milestones: { type: 'any' },
    provenance: { type: 'any', required: true },
    version: { type: 'number' },
    // Keys derived from nested fields: an attribute stored *as* the key field (no extra attribute).
    cellKey: {
      type: 'string',
      field: 'gsi1pk',
      hidden: true,
      watch: ['location'],
      set: (_: unknown, item: { location?: { point: [number, number] } }) =>
        item.location
          ? `CELL#${ngeohash.encode(item.location.point[1], item.location.point[0], CELL_PRECISION)}`
          : undefined,
    },
    bodyKey: {
      type: 'string',
      field: 'gsi4pk',
      hidden: true,
      watch: ['body'],
      set: (_: unknown, item: { body?: { id: string } }) => (item.body ? `BODY#${item.body.id}` : undefined),
    },
    contractorKey: {
      type: 'string',
      field: 'gsi8pk',
      hidden: true,
      watch: ['contractor'],
      set: (_: unknown, item: { contractor?: { bin: string } }) =>
        item.contractor ? `CONTRACTOR#${item.contractor.bin}` : undefined,
    },
    contractorSort: {
      type: 'string',
      field: 'gsi8sk',
      hidden: true,
      watch: ['contractor', 'fiscalYear', 'id'],
      set: (_: unknown, item: { contractor?: unknown; fiscalYear?: number; id?: string }) =>
        item.contractor ? `${item.fiscalYear}#${item.id}` : undefined,
    },
  },
  indexes: {
    record: { pk: key('pk', ['id'], 'ITEM#${id}'), sk: key('sk', [], 'ITEM') },
    inCell: {
      index: INDEX.itemsInCell.name,
      pk: key('gsi1pk', ['cellKey'], '${cellKey}'),
      sk: key('gsi1sk', ['id'], '${id}'),
    },
    ofArea: {
      index: INDEX.itemsOfArea.name,
      pk: key('gsi2pk', ['area'], 'AREA#${area}'),
      sk: key('gsi2sk', ['fiscalYear', 'id'], '${fiscalYear}#${id}'),
    },
    ofCategory: {
      index: INDEX.itemsOfCategoryAndThreadActivity.name,
      pk: key('gsi3pk', ['category'], 'CAT#${category}'),
      sk: key('gsi3sk', ['fiscalYear', 'id'], '${fiscalYear}#${id}'),
    },
    addressedToBody: {
      index: INDEX.addressedToBody.name,
      pk: key('gsi4pk', ['bodyKey'], '${bodyKey}'),
      sk: key('gsi4sk', ['fiscalYear', 'id'], 'ITEM#${fiscalYear}#${id}'),
    },
    ofStatus: {
      index: INDEX.itemsOfStatusAndModerationQueue.name,
      pk: key('gsi5pk', ['status'], 'STATUS#${status}'),
      sk: key('gsi5sk', ['fiscalYear', 'id'], '${fiscalYear}#${id}'),
    },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#ITEM'),
      sk: key('gsi7sk', ['fiscalYear', 'id'], '${fiscalYear}#${id}'),
    },
    ofContractor: {
      index: INDEX.itemsOfContractor.name,
      pk: key('gsi8pk', ['contractorKey'], '${contractorKey}'),
      // `<year>#<id>`; a year's items: `.begins({ contractorSort: '<year>#' })`.
      sk: key('gsi8sk', ['contractorSort'], '${contractorSort}'),
      // Sparse: only items with a contractor have `contractorKey`, so only they are in this index.
    },
  },
} as const;

/**
 * An item's partition key (`ITEM#<id>`), from the item's own template: the partition holds the item
 * and what is about it (questions, comments, visits, progress updates, recommendations, impact,
 * flag explanations), whose key objects take it from here rather than spell it again.
 */
export const itemPartition = (itemId: string) => fill(itemModel.indexes.record.pk.template, { id: itemId });

/**
 * Activity on an item's thread: the projection of every comment and reply onto the shared
 * byCategory index (written by comments.ts). Read-only here: the follow feed reads it.
 */
export const threadActivityModel = {
  model: { entity: 'comment', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: kindOf('comment'),
    itemId: { type: 'string', required: true },
    threadSk: { type: 'string', field: 'sk', hidden: true, readOnly: true },
    parentId: { type: 'string' },
    authorSub: { type: 'string', required: true },
    authorName: { type: 'string' },
    body: { type: 'string' },
    createdAt: { type: 'string' },
  },
  indexes: {
    // ElectroDB needs a table index. Comments sit at COMMENT#<id>, replies at REPLY#<parent>#<id>:
    // the sort key is taken as it is (no prefix), so ElectroDB's key match accepts both and the
    // kind filter is what keeps other records of the partition out.
    thread: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['threadSk'], '${threadSk}') },
    activity: {
      index: INDEX.itemsOfCategoryAndThreadActivity.name,
      pk: key('gsi3pk', ['itemId'], 'THREAD#${itemId}'),
      sk: key('gsi3sk', ['id'], '${id}'),
    },
  },
} as const;

export const bodyModel = {
  model: { entity: 'body', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: kindOf('body'),
    name: { type: 'any', required: true },
    area: { type: 'string' },
    parentId: { type: 'string' },
    bin: { type: 'string' },
  },
  indexes: {
    record: { pk: key('pk', ['id'], 'BODY#${id}'), sk: key('sk', [], 'BODY') },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#BODY'),
      sk: key('gsi7sk', ['id'], '${id}'),
    },
  },
} as const;

export const followModel = {
  model: { entity: 'follow', version: '1', service: SERVICE },
  attributes: {
    sub: { type: 'string', required: true, hidden: true },
    kind: kindOf('follow'),
    itemId: { type: 'string', required: true },
    at: { type: 'string', required: true },
    // The Follow button is also a notification subscription: the notifier finds an item's followers
    // on the subscriber index (byStatus `SUBSCRIBERS#item#<itemId>`, data/notifications.ts).
    subscribersKey: {
      type: 'string',
      field: 'gsi5pk',
      hidden: true,
      watch: ['itemId'],
      set: (_: unknown, f: { itemId?: string }) => (f.itemId ? `SUBSCRIBERS#item#${f.itemId}` : undefined),
    },
    subscriberSort: {
      type: 'string',
      field: 'gsi5sk',
      hidden: true,
      watch: ['sub'],
      set: (_: unknown, f: { sub?: string }) => f.sub,
    },
  },
  indexes: {
    record: { pk: key('pk', ['sub'], 'USER#${sub}'), sk: key('sk', ['itemId'], 'FOLLOW#${itemId}') },
  },
} as const;

/**
 * A subscription to an area, body, contractor or item: news of it reach the user, in the mode they
 * chose for it or their channel's. The `subscribers` index is the notifier's fan-out; an item's
 * followers share its partition (followModel), so readers filter on both kinds.
 */
export const subscriptionModel = {
  model: { entity: 'subscription', version: '1', service: SERVICE },
  attributes: {
    sub: { type: 'string', required: true, hidden: true },
    kind: kindOf('subscription'),
    /** What is subscribed to; stored as `kind` (the record's own kind is `entity`, as everywhere). */
    topic: { type: ['area', 'body', 'contractor', 'item'] as const, required: true, field: 'kind' },
    id: { type: 'string', required: true },
    at: { type: 'string', required: true },
    /** Absent: the channel's own mode applies. */
    mode: { type: 'string' },
  },
  indexes: {
    record: { pk: key('pk', ['sub'], 'USER#${sub}'), sk: key('sk', ['topic', 'id'], 'SUB#${topic}#${id}') },
    subscribers: {
      index: INDEX.subscribersOf.name,
      pk: key('gsi5pk', ['topic', 'id'], 'SUBSCRIBERS#${topic}#${id}'),
      sk: key('gsi5sk', ['sub'], '${sub}'),
    },
  },
} as const;

/** An official who asked to hear their body's questions personally (beside the body's mailbox). */
export const officialOptInModel = {
  model: { entity: 'official-optin', version: '1', service: SERVICE },
  attributes: {
    bodyId: { type: 'string', required: true, hidden: true },
    kind: kindOf('official-optin'),
    sub: { type: 'string', required: true },
  },
  indexes: {
    record: { pk: key('pk', ['bodyId'], 'BODY#${bodyId}'), sk: key('sk', ['sub'], 'OFFICIAL#${sub}') },
  },
} as const;

/** A fixed-window rate counter (TTL `expiresAt`); one record per caller, action and window. */
export const rateWindowModel = {
  model: { entity: 'rate-window', version: '1', service: SERVICE },
  attributes: {
    sub: { type: 'string', required: true },
    action: { type: 'string', required: true },
    /** Epoch seconds as a string: the sort key is the decimal text. */
    windowStart: { type: 'string', required: true },
    count: { type: 'number' },
    expiresAt: { type: 'number' },
  },
  indexes: {
    record: {
      pk: key('pk', ['sub', 'action'], 'RATE#${sub}#${action}'),
      sk: key('sk', ['windowStart'], '${windowStart}'),
    },
  },
} as const;

/** The hash an idempotency record is keyed by (idempotency.ts `idempotencyKeys.pk`). */
export function idempotencyHash(scope: string, idempotencyKey: string): string {
  return createHash('sha256').update(scope).update('\n').update(idempotencyKey).digest('hex');
}

export const idempotencyModel = {
  model: { entity: 'idempotency', version: '1', service: SERVICE },
  attributes: {
    keyHash: { type: 'string', required: true },
    scope: { type: 'string', required: true },
    requestHash: { type: 'string', required: true },
    state: { type: ['pending', 'done'] as const, required: true },
    token: { type: 'string', required: true },
    leaseUntil: { type: 'number' },
    expiresAt: { type: 'number', required: true },
    status: { type: 'number' },
    body: { type: 'string' },
    contentType: { type: 'string' },
    location: { type: 'string' },
  },
  indexes: {
    record: { pk: key('pk', ['keyHash'], 'IDEM#${keyHash}'), sk: key('sk', [], 'IDEM') },
  },
} as const;

/**
 * A question to a government body, in its item's partition (data/questions.ts writes it with
 * `questionPutOp` inside the service's version-conditional transaction; reads go through here, the
 * stored record whole, `data: 'raw'`). It shares the item partition with the item and its thread,
 * and byBody with the items and the club's recommendations: the kind filter keeps them apart.
 */
export const questionModel = {
  model: { entity: 'question', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: kindOf('question'),
    itemId: { type: 'string', required: true },
    bodyId: { type: 'string', required: true },
    askerSub: { type: 'string', required: true },
    status: { type: 'string', required: true },
    dueOn: { type: 'string', required: true },
    version: { type: 'number' },
    // `Q#<open|closed>#<due>#<id>`: the bucket follows the status (data/questions.ts `bucketOf`).
    inboxSort: { type: 'string', field: 'gsi4sk', hidden: true, readOnly: true },
    /** Open or closed (data/questions.ts `bucketOf`): only the keys carry it. */
    bucket: { type: ['open', 'closed'] as const, hidden: true, readOnly: true },
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['id'], 'QUESTION#${id}') },
    inbox: {
      index: INDEX.addressedToBody.name,
      pk: key('gsi4pk', ['bodyId'], 'BODY#${bodyId}'),
      // A bucket: `.begins({ inboxSort: 'Q#open#' })`.
      sk: key('gsi4sk', ['inboxSort'], '${inboxSort}'),
    },
    ofAsker: {
      index: INDEX.authoredByUser.name,
      pk: key('gsi6pk', ['askerSub'], 'USER#${askerSub}'),
      sk: key('gsi6sk', ['id'], 'QUESTION#${id}'),
    },
    // Every open (or closed) question by due date: the overdue badges, the timed notices, the report.
    byDue: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', ['bucket'], 'KIND#QUESTION#${bucket}'),
      sk: key('gsi7sk', ['dueOn', 'id'], '${dueOn}#${id}'),
    },
  },
} as const;

/**
 * A user's profile (data/users.ts): display name, roles and an official's bodies as string sets. In
 * the user's partition with their contacts, follows and preferences (other kinds, other sort keys);
 * on byKind alone in `KIND#USER`. Grants change the sets inside the audit transaction (users.ts
 * `changeGrant` builds its update from this entity).
 */
export const profileModel = {
  model: { entity: 'user', version: '1', service: SERVICE },
  attributes: {
    sub: { type: 'string', required: true },
    kind: kindOf('user'),
    name: { type: 'string', required: true },
    roles: { type: 'set', items: 'string' },
    bodies: { type: 'set', items: 'string' },
    updatedAt: { type: 'string' },
  },
  indexes: {
    record: { pk: key('pk', ['sub'], 'USER#${sub}'), sk: key('sk', [], 'PROFILE') },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#USER'),
      sk: key('gsi7sk', ['sub'], '${sub}'),
    },
  },
} as const;

/**
 * A club session (data/sessions.ts): its agenda entries, outcomes and status in one record, saved
 * whole on a version condition inside the audit transaction (`sessionRecord`, hand-built like the
 * question's put: the record keeps no `__edb_*` identifiers). Alone in `KIND#SESSION` on byKind.
 */
export const sessionModel = {
  model: { entity: 'session', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: kindOf('session'),
    startUtc: { type: 'string', required: true },
    status: { type: 'string', required: true },
    version: { type: 'number' },
  },
  indexes: {
    record: { pk: key('pk', ['id'], 'SESSION#${id}'), sk: key('sk', [], 'SESSION') },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#SESSION'),
      sk: key('gsi7sk', ['startUtc', 'id'], '${startUtc}#${id}'),
    },
  },
} as const;

/**
 * An immutable published agenda version, in its session's partition (`AGENDA#<nnnn>`: the version
 * number zero-padded to four digits, `agendaNo`, so versions sort in order).
 */
export const agendaVersionModel = {
  model: { entity: 'agenda', version: '1', service: SERVICE },
  attributes: {
    sessionId: { type: 'string', required: true },
    kind: kindOf('agenda'),
    agendaNo: { type: 'string', field: 'sk', hidden: true, readOnly: true },
    version: { type: 'number', required: true },
  },
  indexes: {
    record: {
      pk: key('pk', ['sessionId'], 'SESSION#${sessionId}'),
      sk: key('sk', ['agendaNo'], 'AGENDA#${agendaNo}'),
    },
  },
} as const;

/** An immutable minutes version, in its session's partition (`MINUTES#<nnnn>`, as the agenda's). */
export const minutesVersionModel = {
  model: { entity: 'minutes', version: '1', service: SERVICE },
  attributes: {
    sessionId: { type: 'string', required: true },
    kind: kindOf('minutes'),
    minutesNo: { type: 'string', field: 'sk', hidden: true, readOnly: true },
    version: { type: 'number', required: true },
  },
  indexes: {
    record: {
      pk: key('pk', ['sessionId'], 'SESSION#${sessionId}'),
      sk: key('sk', ['minutesNo'], 'MINUTES#${minutesNo}'),
    },
  },
} as const;

/** The club's settings (quorum): one record. */
export const clubSettingsModel = {
  model: { entity: 'club-settings', version: '1', service: SERVICE },
  attributes: {
    kind: kindOf('club-settings'),
    quorumRequired: { type: 'number', required: true },
  },
  indexes: {
    record: { pk: key('pk', [], 'CLUB#SETTINGS'), sk: key('sk', [], 'SETTINGS') },
  },
} as const;

/**
 * A club recommendation on an item, in the item's partition (with the item, its thread and its
 * questions), on byBody with the body's items and question inbox, and alone in `KIND#REC` on byKind:
 * the kind filter keeps it apart on the shared ones.
 */
export const recommendationModel = {
  model: { entity: 'recommendation', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: kindOf('recommendation'),
    itemId: { type: 'string', required: true },
    bodyId: { type: 'string', required: true },
    due: { type: 'string', required: true },
    status: { type: 'string', required: true },
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['id'], 'REC#${id}') },
    toBody: {
      index: INDEX.addressedToBody.name,
      pk: key('gsi4pk', ['bodyId'], 'BODY#${bodyId}'),
      sk: key('gsi4sk', ['due', 'id'], 'REC#${due}#${id}'),
    },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#REC'),
      sk: key('gsi7sk', ['due', 'id'], '${due}#${id}'),
    },
  },
} as const;

/**
 * An entry of the club's impact ledger (shared/impact.ts), under its item; per body by date and
 * club-wide by date. Written by the hand-built put of its audit transaction (data/impact.ts
 * `saveImpact`) and read whole as stored, so only the key attributes are declared. `itemId` is the
 * entry's `subject.itemId` (stored nested): only the keys carry it at the top.
 */
export const impactModel = {
  model: { entity: 'impact', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: kindOf('impact'),
    itemId: { type: 'string', required: true, hidden: true },
    bodyId: { type: 'string', required: true },
    on: { type: 'string', required: true },
  },
  indexes: {
    record: { pk: key('pk', ['itemId'], 'ITEM#${itemId}'), sk: key('sk', ['id'], 'IMPACT#${id}') },
    toBody: {
      index: INDEX.addressedToBody.name,
      pk: key('gsi4pk', ['bodyId'], 'BODY#${bodyId}'),
      sk: key('gsi4sk', ['on', 'id'], 'IMPACT#${on}#${id}'),
    },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#IMPACT'),
      sk: key('gsi7sk', ['on', 'id'], '${on}#${id}'),
    },
  },
} as const;

/**
 * An administrative change (users.ts `changeRecord`: a role or body granted or revoked, a body
 * created or changed) in its subject's partition, `USER#<sub>` (with the profile, follows and
 * contacts) or `BODY#<id>` (with the body), under `CHANGE#<ulid>`; alone in `KIND#ADMIN_CHANGE` on
 * byKind. Written by the hand-built put the audit transaction carries (no `__edb_*` identifiers)
 * and read whole as stored, so only the key attributes are declared (the change's own `kind`,
 * `role.grant`, …, is not: here `kind` is the kind filter on `entity`).
 */
export const adminChangeModel = {
  model: { entity: 'change', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    kind: kindOf('change'),
    subjectKey: { type: 'string', field: 'pk', hidden: true, readOnly: true },
  },
  indexes: {
    record: { pk: key('pk', ['subjectKey'], '${subjectKey}'), sk: key('sk', ['id'], 'CHANGE#${id}') },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#ADMIN_CHANGE'),
      sk: key('gsi7sk', ['id'], '${id}'),
    },
  },
} as const;

/**
 * An entry of the comments' moderation log (append-only): in its comment's partition
 * `COMMENT#<comment>` under `AUDIT#<ulid>`, and in `KIND#MODLOG` on byKind, where moderators read
 * the log newest first. That partition also holds the comments' entries of the per-content history
 * (`moderation-history`, services/moderation.ts), which the log lists too. Written by the hand-built
 * put the change's transaction carries (no `__edb_*` identifiers) and read whole as stored, so only
 * the key attributes are declared.
 */
export const moderationEntryModel = {
  model: { entity: 'moderation-audit', version: '1', service: SERVICE },
  attributes: {
    id: { type: 'string', required: true },
    commentId: { type: 'string', required: true },
    kind: kindOf('moderation-audit'),
  },
  indexes: {
    record: { pk: key('pk', ['commentId'], 'COMMENT#${commentId}'), sk: key('sk', ['id'], 'AUDIT#${id}') },
    all: {
      index: INDEX.allOfKind.name,
      pk: key('gsi7pk', [], 'KIND#MODLOG'),
      sk: key('gsi7sk', ['id'], '${id}'),
    },
  },
} as const;

/** How the derived key attributes are built (the generated access-pattern table shows these). */
export const DERIVED_KEYS: Record<string, string> = {
  cellKey: 'CELL#<geohash5 of location.point>',
  bodyKey: 'BODY#<body.id>',
  contractorKey: 'CONTRACTOR#<contractor.bin>',
  contractorSort: '<fiscalYear>#<id> (only items with a contractor)',
  threadSk: 'COMMENT#<id> or REPLY#<parentId>#<id>',
  inboxSort: 'Q#<open|closed>#<dueOn>#<id>',
  agendaNo: '<version, 4 digits>',
  minutesNo: '<version, 4 digits>',
  subjectKey: 'USER#<sub> or BODY#<id>',
};

/** Every model, by entity; the access-pattern generator walks this. */
export const MODELS = {
  item: itemModel,
  threadActivity: threadActivityModel,
  body: bodyModel,
  follow: followModel,
  subscription: subscriptionModel,
  officialOptIn: officialOptInModel,
  rateWindow: rateWindowModel,
  idempotency: idempotencyModel,
  question: questionModel,
  profile: profileModel,
  session: sessionModel,
  agendaVersion: agendaVersionModel,
  minutesVersion: minutesVersionModel,
  clubSettings: clubSettingsModel,
  recommendation: recommendationModel,
  impact: impactModel,
  adminChange: adminChangeModel,
  moderationEntry: moderationEntryModel,
} as const;

// ---------------------------------------------------------------------------------------------
// Access patterns served by the entity indexes (documentation; generated into functions/README.md)

/** One row of the generated table; `E` names the models of another entity module (data/entities/). */
export interface AccessPattern<E extends string = keyof typeof MODELS> {
  entity: E;
  index: string;
  pattern: string;
  code: string;
}

export const ACCESS_PATTERNS: readonly AccessPattern[] = [
  {
    entity: 'threadActivity',
    index: 'thread',
    pattern: "an item's comments and replies (read by comments.ts)",
    code: '`data/comments.ts` `listThread`',
  },
  {
    entity: 'item',
    index: 'record',
    pattern: 'get an item by id (the whole stored record)',
    code: '`data/items.ts` `getItem`, `getItemWithFlags`, `getItemRecordConsistent`, `itemProgressOp`',
  },
  {
    entity: 'item',
    index: 'inCell',
    pattern: 'items in a bounding box (one query per covering cell)',
    code: '`data/list-items.ts` `planItemQuery`, `partitionQuery`',
  },
  {
    entity: 'item',
    index: 'ofArea',
    pattern: 'items of an area, optionally of a year',
    code: '`data/list-items.ts` `planItemQuery`, `partitionQuery`; `data/items.ts` `latestItemRecords`',
  },
  {
    entity: 'item',
    index: 'ofCategory',
    pattern: 'items of a category, optionally of a year',
    code: '`data/list-items.ts` `planItemQuery`, `partitionQuery`',
  },
  {
    entity: 'item',
    index: 'addressedToBody',
    pattern: 'items of a responsible body, optionally of a year',
    code: '`data/list-items.ts` `planItemQuery`, `partitionQuery`; `data/items.ts` `latestItemRecords`',
  },
  {
    entity: 'item',
    index: 'ofStatus',
    pattern: 'items with a status, optionally of a year',
    code: '`data/list-items.ts` `planItemQuery`, `partitionQuery`',
  },
  {
    entity: 'item',
    index: 'all',
    pattern: 'all items, optionally of a year (never per request unfiltered)',
    code: '`data/list-items.ts` `planItemQuery`, `feed/rebuild.ts`',
  },
  {
    entity: 'item',
    index: 'ofContractor',
    pattern: "a contractor's items (contractor page, `contractor=` filter)",
    code: '`data/list-items.ts` `partitionQuery`, `data/contractors.ts` `readContractorProfile`, `data/items.ts` `latestItemRecords`',
  },
  {
    entity: 'threadActivity',
    index: 'activity',
    pattern:
      "new activity on an item after a time (the follow feed); an item's newest comments (its Atom feed)",
    code: '`data/follows.ts` `readFeed`, `data/comments.ts` `latestThreadActivity`',
  },
  {
    entity: 'body',
    index: 'record',
    pattern: 'a government body by id; create / replace (in the audit transaction)',
    code: '`data/bodies.ts` `getBody`, `putBody`, `bodyCreatePut`, `bodyReplacePut` (run by `services/bodies.ts`)',
  },
  { entity: 'body', index: 'all', pattern: 'all government bodies', code: '`data/bodies.ts` `listBodies`' },
  {
    entity: 'follow',
    index: 'record',
    pattern: 'follow / unfollow an item; the items a user follows (also writes the item-subscriber keys)',
    code: '`data/follows.ts` `follow`, `unfollow`, `isFollowing`, `listFollowedItems`, `countFollows`',
  },
  {
    entity: 'subscription',
    index: 'record',
    pattern: "subscribe / unsubscribe to an area, body, contractor or item; a user's subscriptions",
    code: '`data/notifications.ts` `subscribe`, `unsubscribe`, `listSubscriptions`',
  },
  {
    entity: 'subscription',
    index: 'subscribers',
    pattern:
      "the notifier's fan-out: subscribers of one area, body, contractor or item, and an item's followers",
    code: '`data/notifications.ts` `listSubscriberModes`, `listSubscribers`',
  },
  {
    entity: 'officialOptIn',
    index: 'record',
    pattern: "officials who hear their body's questions personally",
    code: '`data/notifications.ts` `setOfficialOptIn`, `listOptedInOfficials`',
  },
  {
    entity: 'rateWindow',
    index: 'record',
    pattern: 'per-user rate-limit window (ADD `count`, TTL `expiresAt`)',
    code: '`data/rate-limits.ts` `consumeRate`',
  },
  {
    entity: 'idempotency',
    index: 'record',
    pattern: 'an Idempotency-Key claim / stored response (TTL 24 h)',
    code: '`data/idempotency.ts` `claimIdempotencyKey`, `completeIdempotencyOp`, `fenceIdempotencyClaim`',
  },
  {
    entity: 'question',
    index: 'record',
    pattern: "a question by item and id; an item's questions (written by `questionPutOp`)",
    code: '`data/questions.ts` `getQuestion`, `listItemQuestions`',
  },
  {
    entity: 'question',
    index: 'inbox',
    pattern: "a body's question inbox by due date (open / closed)",
    code: '`data/questions.ts` `listBodyQuestions`, `latestQuestions`',
  },
  {
    entity: 'question',
    index: 'ofAsker',
    pattern: "the asker's questions, newest first",
    code: '`data/questions.ts` `listAskerQuestions`',
  },
  {
    entity: 'question',
    index: 'byDue',
    pattern:
      'open (or closed) questions by due date: items with late answers, questions due in a window, all of them',
    code: '`data/questions.ts` `overdueItemIds`, `listOpenQuestionsDueBetween`, `listAllQuestions`, `latestQuestions`',
  },
  {
    entity: 'profile',
    index: 'record',
    pattern: "a user's profile; create if missing, set the display name, grant / revoke (ADD / DELETE a set)",
    code: '`data/users.ts` `getProfile`, `putProfileIfMissing`, `setDisplayName`, `changeGrant`',
  },
  {
    entity: 'profile',
    index: 'all',
    pattern:
      'all profiles in account-id order; a page of a name search; the admin count; the holders of a staff role',
    code: '`data/users.ts` `listProfiles`, `pageProfiles`, `countAdmins`; `data/notifications.ts` `listSubsWithRole`',
  },
  {
    entity: 'session',
    index: 'record',
    pattern: 'a club session by id (saved whole, version-conditional, in the audit transaction)',
    code: '`data/sessions.ts` `getSession`, `sessionCreatePut`, `sessionSavePut` (run by `services/sessions.ts`)',
  },
  {
    entity: 'session',
    index: 'all',
    pattern: 'club sessions by start time (public list, .ics, stats)',
    code: '`data/sessions.ts` `listSessions`',
  },
  {
    entity: 'agendaVersion',
    index: 'record',
    pattern: 'published agenda versions of a session (immutable)',
    code: '`data/sessions.ts` `getAgendaVersion`, `listAgendaVersions`, `agendaVersionPut`',
  },
  {
    entity: 'minutesVersion',
    index: 'record',
    pattern: 'minutes versions of a session (immutable)',
    code: '`data/sessions.ts` `getMinutesVersion`, `listMinutesVersions`, `minutesVersionPut`',
  },
  {
    entity: 'clubSettings',
    index: 'record',
    pattern: "the club's settings (quorum)",
    code: '`data/sessions.ts` `getClubSettings`, `clubSettingsPut`',
  },
  {
    entity: 'recommendation',
    index: 'record',
    pattern: "a club recommendation by item and id; an item's recommendations",
    code: '`data/sessions.ts` `getRecommendation`, `getRecommendations`, `recommendationsForItem`',
  },
  {
    entity: 'recommendation',
    index: 'toBody',
    pattern: 'club recommendations addressed to a body, by due date',
    code: '`data/sessions.ts` `recommendationsForBody`',
  },
  {
    entity: 'recommendation',
    index: 'all',
    pattern: 'all club recommendations by due date (stats per body; open ones past due for the agenda)',
    code: '`data/sessions.ts` `listRecommendations`, `services/agenda-candidates.ts` `overdueRecommendations`',
  },
  {
    entity: 'impact',
    index: 'record',
    pattern: 'one entry of the impact ledger (recorded, confirmed)',
    code: '`data/impact.ts` `getImpact` (written by `saveImpact`)',
  },
  {
    entity: 'impact',
    index: 'toBody',
    pattern: "a body's impact entries by date",
    code: '`data/impact.ts` `impactForBody`',
  },
  {
    entity: 'impact',
    index: 'all',
    pattern: "the club's impact entries, optionally within dates (the club report)",
    code: '`data/impact.ts` `listImpact`',
  },
  {
    entity: 'adminChange',
    index: 'record',
    pattern: 'changes to one user or body, newest first (written with the grant or the body change)',
    code: '`data/users.ts` `listChangesOf`, `changeRecord` (run by `changeGrant`, `services/bodies.ts`)',
  },
  {
    entity: 'adminChange',
    index: 'all',
    pattern: 'every administrative change, newest first (paged); one change by id (audit proof)',
    code: '`data/users.ts` `listChanges`, `audit/records.ts` (`grant`)',
  },
  {
    entity: 'moderationEntry',
    index: 'record',
    pattern: "a comment's moderation entries (the put's key; the entries stay beside the comment)",
    code: '`data/moderation.ts` `moderationAuditPut`',
  },
  {
    entity: 'moderationEntry',
    index: 'all',
    pattern: "the comments' moderation log, newest first (written with each flag, hide or decision)",
    code: '`data/moderation.ts` `listAudit` (entries written by `services/moderation.ts`)',
  },
];

// ---------------------------------------------------------------------------------------------
// Entities bound to a store

function build(store: Pick<Store, 'doc' | 'table'>) {
  const config = { client: store.doc, table: store.table };
  return {
    item: new Entity(itemModel, config),
    threadActivity: new Entity(threadActivityModel, config),
    body: new Entity(bodyModel, config),
    follow: new Entity(followModel, config),
    subscription: new Entity(subscriptionModel, config),
    officialOptIn: new Entity(officialOptInModel, config),
    rateWindow: new Entity(rateWindowModel, config),
    idempotency: new Entity(idempotencyModel, config),
    question: new Entity(questionModel, config),
    profile: new Entity(profileModel, config),
    session: new Entity(sessionModel, config),
    agendaVersion: new Entity(agendaVersionModel, config),
    minutesVersion: new Entity(minutesVersionModel, config),
    clubSettings: new Entity(clubSettingsModel, config),
    recommendation: new Entity(recommendationModel, config),
    impact: new Entity(impactModel, config),
    adminChange: new Entity(adminChangeModel, config),
    moderationEntry: new Entity(moderationEntryModel, config),
  };
}

const cache = new WeakMap<object, ReturnType<typeof build>>();

/** The entities over `store`'s table (built once per store). */
export function entitiesOf(store: Pick<Store, 'doc' | 'table'>): ReturnType<typeof build> {
  let found = cache.get(store);
  if (!found) {
    found = build(store);
    cache.set(store, found);
  }
  return found;
}

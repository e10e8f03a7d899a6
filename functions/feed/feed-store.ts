/**
 * Where the snapshot's blobs live: named byte blobs with an ETag. In memory or on disk for local
 * runs and tests, in S3 (`s3-feed-store.ts`, FEED_BUCKET) in the cloud. Blobs are stored gzipped,
 * so the API serves them to gzip-accepting clients without compressing per request.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FeedBlob {
  /** gzip-compressed content */
  body: Uint8Array;
  etag: string;
}

/**
 * A write that only lands on the blob the writer read: `ifMatch` its ETag, or `ifNoneMatch: '*'`
 * when there was none. Several stream shards publish at once; without this one's snapshot would
 * silently overwrite another's change (apply-stream-batch.ts retries instead).
 */
export type PutCondition = { ifMatch: string } | { ifNoneMatch: '*' };

/** The blob changed (or appeared) since it was read: S3's 412 Precondition Failed. */
export class FeedConflictError extends Error {
  constructor(readonly blob: string) {
    super(`Feed blob ${blob} changed since it was read`);
    this.name = 'FeedConflictError';
  }
}

/** The condition for replacing what was read: its ETag, or "still absent" when nothing was there. */
export const conditionFor = (etag: string | null): PutCondition =>
  etag === null ? { ifNoneMatch: '*' } : { ifMatch: etag };

export interface FeedStore {
  /** The blob, `'unchanged'` when its ETag equals `ifNoneMatch`, or null when there is none. */
  get(name: string, ifNoneMatch?: string): Promise<FeedBlob | 'unchanged' | null>;
  /** The blob's current ETag, or null when there is none. */
  head(name: string): Promise<string | null>;
  /** Throws FeedConflictError when `condition` does not hold. */
  put(name: string, gzipped: Uint8Array, condition?: PutCondition): Promise<void>;
}

function check(name: string, current: string | null, condition: PutCondition | undefined): void {
  if (!condition) return;
  if ('ifMatch' in condition ? current !== condition.ifMatch : current !== null)
    throw new FeedConflictError(name);
}

export const FEED_BLOBS = {
  items: 'map/items.json',
  shapes: 'map/shapes.json',
  index: 'map/index.json',
} as const;

export const etagOf = (body: Uint8Array) =>
  `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;

export class MemoryFeedStore implements FeedStore {
  private readonly blobs = new Map<string, FeedBlob>();

  async get(name: string, ifNoneMatch?: string) {
    const blob = this.blobs.get(name);
    if (!blob) return null;
    return blob.etag === ifNoneMatch ? ('unchanged' as const) : blob;
  }

  async head(name: string) {
    return this.blobs.get(name)?.etag ?? null;
  }

  async put(name: string, gzipped: Uint8Array, condition?: PutCondition) {
    check(name, await this.head(name), condition);
    this.blobs.set(name, { body: gzipped, etag: etagOf(gzipped) });
  }
}

/** Blobs as files under `dir` (written atomically: temp file, then rename). */
export class FileFeedStore implements FeedStore {
  constructor(private readonly dir: string) {}

  async get(name: string, ifNoneMatch?: string) {
    let body: Uint8Array;
    try {
      body = await readFile(join(this.dir, `${name}.gz`));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const etag = etagOf(body);
    return etag === ifNoneMatch ? ('unchanged' as const) : { body, etag };
  }

  async head(name: string) {
    const blob = await this.get(name);
    return blob && blob !== 'unchanged' ? blob.etag : null;
  }

  /** The condition is checked, not locked: one local poller writes here. */
  async put(name: string, gzipped: Uint8Array, condition?: PutCondition) {
    check(name, await this.head(name), condition);
    const path = join(this.dir, `${name}.gz`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.tmp`, gzipped);
    await rename(`${path}.tmp`, path);
  }
}

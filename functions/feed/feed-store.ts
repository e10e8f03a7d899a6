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

export interface FeedStore {
  /** The blob, `'unchanged'` when its ETag equals `ifNoneMatch`, or null when there is none. */
  get(name: string, ifNoneMatch?: string): Promise<FeedBlob | 'unchanged' | null>;
  put(name: string, gzipped: Uint8Array): Promise<void>;
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

  async put(name: string, gzipped: Uint8Array) {
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

  async put(name: string, gzipped: Uint8Array) {
    const path = join(this.dir, `${name}.gz`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.tmp`, gzipped);
    await rename(`${path}.tmp`, path);
  }
}

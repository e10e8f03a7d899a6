/**
 * The API's view of the published snapshot: the feed and shapes bytes (gzipped, with ETags) and
 * the search index, loaded from a FeedStore and re-checked by ETag at most every `maxAgeMs`.
 * Every API instance — a Lambda in the cloud, the local server — reads the same blobs this way.
 */
import { gunzipSync } from 'node:zlib';
import { FEED_BLOBS, type FeedBlob, type FeedStore } from './feed-store';
import { parseIndex } from './render';
import { SearchIndex } from './search';

export interface FeedArtifact {
  gzip: Uint8Array;
  etag: string;
  /** The uncompressed bytes, for clients that do not accept gzip (computed once, on first use). */
  identity(): Uint8Array;
}

export interface FeedView {
  version: number;
  items: FeedArtifact;
  shapes: FeedArtifact;
  index: SearchIndex;
}

/** What the API depends on (`AppDeps.feed`). */
export interface FeedSource {
  current(): Promise<FeedView>;
}

export class FeedNotReadyError extends Error {
  constructor() {
    super('The map feed has not been built yet.');
  }
}

function artifact(blob: FeedBlob): FeedArtifact {
  let plain: Uint8Array | undefined;
  return {
    gzip: blob.body,
    etag: blob.etag,
    identity: () => {
      plain ??= gunzipSync(blob.body);
      return plain;
    },
  };
}

export class FeedReader implements FeedSource {
  private view: FeedView | undefined;
  private indexEtag: string | undefined;
  private checkedAt = 0;
  private checking: Promise<FeedView> | undefined;

  constructor(
    private readonly store: FeedStore,
    private readonly opts: { maxAgeMs: number } = { maxAgeMs: 5000 },
  ) {}

  async current(): Promise<FeedView> {
    if (this.view && Date.now() - this.checkedAt < this.opts.maxAgeMs) return this.view;
    // One check at a time; concurrent requests share it.
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async check(): Promise<FeedView> {
    const old = this.view;
    const [items, shapes, index] = await Promise.all([
      this.store.get(FEED_BLOBS.items, old?.items.etag),
      this.store.get(FEED_BLOBS.shapes, old?.shapes.etag),
      this.store.get(FEED_BLOBS.index, old ? this.indexEtag : undefined),
    ]);
    if (!items || !shapes || !index) throw new FeedNotReadyError();
    let searchIndex = old?.index;
    let version = old?.version ?? 0;
    if (index !== 'unchanged') {
      const parsed = parseIndex(gunzipSync(index.body).toString('utf8'));
      searchIndex = new SearchIndex(parsed.items);
      version = parsed.version;
      this.indexEtag = index.etag;
    }
    // 'unchanged' answers only come with an ETag from a previous view, so `old` exists then.
    if (!searchIndex) throw new FeedNotReadyError();
    this.view = {
      version,
      items: items === 'unchanged' ? old!.items : artifact(items),
      shapes: shapes === 'unchanged' ? old!.shapes : artifact(shapes),
      index: searchIndex,
    };
    this.checkedAt = Date.now();
    return this.view;
  }

  /** Forget the last check, so the next `current()` reads the store (after a local publish). */
  invalidate(): void {
    this.checkedAt = 0;
  }
}

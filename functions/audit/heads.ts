/**
 * Published chain heads: once a day the current head (seq, hash) is written where the table's
 * writers cannot change it afterwards (cloud: an S3 object under Object Lock retention; locally a file
 * under `.data/audit/heads/`). A tail rewritten later, head included, no longer contains a published
 * head, and the full check says so.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface PublishedHead {
  /** The Almaty date it was published for. */
  on: string;
  seq: number;
  hash: string;
  at: string;
}

export interface HeadStore {
  /** Publishes the head for `head.on`; a head already published that day stays. */
  publish(head: PublishedHead): Promise<void>;
  list(): Promise<PublishedHead[]>;
}

const NAME = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** Files `<dir>/<date>.json`, created exclusively (flag wx): an earlier file is never overwritten. */
export function fileHeadStore(dir: string): HeadStore {
  return {
    async publish(head) {
      await mkdir(dir, { recursive: true });
      try {
        await writeFile(join(dir, `${head.on}.json`), `${JSON.stringify(head)}\n`, { flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const out: PublishedHead[] = [];
      for (const n of names.filter((n) => NAME.test(n)).sort())
        out.push(JSON.parse(await readFile(join(dir, n), 'utf8')) as PublishedHead);
      return out;
    },
  };
}

/**
 * Objects `heads/<date>.json` in a bucket with Object Lock on (default retention set on the bucket,
 * infra/constructs/audit.ts): once written, not even the account can change or delete them until
 * the retention ends. `IfNoneMatch: *` keeps the first publication of a day.
 */
export function s3HeadStore(s3: S3Client, bucket: string): HeadStore {
  return {
    async publish(head) {
      try {
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `heads/${head.on}.json`,
            Body: JSON.stringify(head),
            ContentType: 'application/json',
            IfNoneMatch: '*',
          }),
        );
      } catch (err) {
        if ((err as { name?: string }).name !== 'PreconditionFailed') throw err;
      }
    },
    async list() {
      const out: PublishedHead[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: 'heads/', ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          if (!o.Key) continue;
          const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key }));
          out.push(JSON.parse((await got.Body?.transformToString()) ?? 'null') as PublishedHead);
        }
        token = page.NextContinuationToken;
      } while (token);
      return out;
    },
  };
}

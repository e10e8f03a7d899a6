/**
 * The folder-backed blob store for a local hub (`npm start`, tests). Its "pre-signed URLs" work like
 * S3's: an HMAC over the key, the method, the expiry and the allowed size or response headers,
 * with a secret that never leaves the process. `routes` answers them; the app mounts it at
 * `/local-blobs` (outside `/api`, like an S3 bucket is outside the API).
 *
 * An upload landing in `incoming/` is published by the same code the cloud's upload publisher runs
 * on the bucket's notification (functions/blobs/publish.ts), before the PUT is answered, once the
 * app has bound the store to its table (`publishInto`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Hono } from 'hono';
import type { Store } from '../data/client';
import { blurImage } from './blur-image';
import { LOCAL_BLOBS_PATH } from './local-path';
import { publishUpload } from './publish';
import { type BlobStore, BlobTooLargeError } from './store';

export { LOCAL_BLOBS_PATH };

const KEY = /^(?:(incoming|public|thumbs|originals)\/[0-9A-HJKMNP-TV-Z]{26}|exports\/[0-9a-f]{64})$/;

export interface LocalBlobStore extends BlobStore {
  /** The upload/download endpoint the signed URLs point at. */
  routes: Hono;
  root: string;
  /** Publishes every upload that lands into this table's upload records (createApp binds it). */
  publishInto(store: Store): void;
}

export function createLocalBlobStore(
  rootDir: string,
  opts: { secret?: Buffer; now?: () => Date } = {},
): LocalBlobStore {
  const root = resolve(rootDir);
  const secret = opts.secret ?? randomBytes(32);
  const nowSeconds = () => Math.floor((opts.now?.() ?? new Date()).getTime() / 1000);
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`Not a blob key: ${key}`);
    return join(root, key);
  };
  const sign = (parts: string[]) => createHmac('sha256', secret).update(parts.join('\n')).digest('base64url');
  const verify = (parts: string[], sig: string | undefined) => {
    if (!sig) return false;
    const want = Buffer.from(sign(parts));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  };

  let publishTo: Store | undefined;
  const routes = new Hono();
  routes.put('/:area/:id', async (c) => {
    const key = `${c.req.param('area')}/${c.req.param('id')}`;
    const { exp = '', len = '', ct = '', sig } = c.req.query();
    if (!KEY.test(key) || !verify(['PUT', key, exp, len, ct], sig)) return c.text('Bad signature', 403);
    if (Number(exp) < nowSeconds()) return c.text('Expired', 403);
    if ((c.req.header('Content-Type') ?? '') !== ct)
      return c.text('Content-Type differs from the signed one', 403);
    const declared = Number(c.req.header('Content-Length') ?? Number.NaN);
    if (declared !== Number(len)) return c.text('Content-Length differs from the signed one', 403);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength !== Number(len)) return c.text('Body length differs from the signed one', 400);
    await mkdir(dirname(pathOf(key)), { recursive: true });
    await writeFile(pathOf(key), bytes);
    // The local stand-in for the bucket's notification: a failure is logged, as a failed
    // notification would be; finalize then answers that nothing was published.
    if (publishTo && c.req.param('area') === 'incoming')
      await publishUpload(publishTo, blobStore, c.req.param('id')).catch((err: unknown) =>
        console.error(`publishing upload ${c.req.param('id')} failed: ${String(err)}`),
      );
    return c.body(null, 200);
  });
  routes.get('/:area/:id', async (c) => {
    const key = `${c.req.param('area')}/${c.req.param('id')}`;
    const { exp = '', ct = '', cd = '', sig } = c.req.query();
    if (!KEY.test(key) || !verify(['GET', key, exp, ct, cd], sig)) return c.text('Bad signature', 403);
    if (Number(exp) < nowSeconds()) return c.text('Expired', 403);
    let bytes: Buffer;
    if (key.startsWith('exports/')) {
      // Export files run to tens of megabytes: streamed from the folder, like S3 would.
      let size: number;
      try {
        size = (await stat(pathOf(key))).size;
      } catch {
        return c.text('Not found', 404);
      }
      const file = Readable.toWeb(createReadStream(pathOf(key))) as ReadableStream<Uint8Array>;
      return c.body(file, 200, {
        'Content-Type': ct,
        'Content-Disposition': cd,
        'Content-Length': String(size),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=300',
      });
    }
    try {
      bytes = await readFile(pathOf(key));
    } catch {
      return c.text('Not found', 404);
    }
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': ct,
      'Content-Disposition': cd,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=300',
    });
  });

  const blobStore: LocalBlobStore = {
    root,
    routes,
    publishesOnPut: true,
    blurImage,
    publishInto(store) {
      publishTo = store;
    },
    async presignUpload(key, { contentType, contentLength, expiresInSeconds }) {
      pathOf(key);
      const exp = String(nowSeconds() + expiresInSeconds);
      const len = String(contentLength);
      const q = new URLSearchParams({
        exp,
        len,
        ct: contentType,
        sig: sign(['PUT', key, exp, len, contentType]),
      });
      return { url: `${LOCAL_BLOBS_PATH}/${key}?${q}`, headers: { 'Content-Type': contentType } };
    },
    async presignDownload(key, { contentType, disposition, expiresInSeconds }) {
      pathOf(key);
      const exp = String(nowSeconds() + expiresInSeconds);
      const q = new URLSearchParams({
        exp,
        ct: contentType,
        cd: disposition,
        sig: sign(['GET', key, exp, contentType, disposition]),
      });
      return `${LOCAL_BLOBS_PATH}/${key}?${q}`;
    },
    async read(key, maxBytes) {
      const path = pathOf(key);
      let size: number;
      try {
        size = (await stat(path)).size;
      } catch {
        return null;
      }
      if (size > maxBytes) throw new BlobTooLargeError();
      return new Uint8Array(await readFile(path));
    },
    async write(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async writeStream(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed: a reader never sees half a file, a failed job leaves none.
      const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
      let bytes = 0;
      try {
        await pipeline(
          Readable.from(body),
          async function* (source: AsyncIterable<Uint8Array>) {
            for await (const chunk of source) {
              bytes += chunk.byteLength;
              yield chunk;
            }
          },
          createWriteStream(partial),
        );
        await rename(partial, path);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
      return { bytes };
    },
    async exists(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
  };
  return blobStore;
}

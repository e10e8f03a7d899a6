/**
 * A local S3 stand-in for tests: path-style PutObject, GetObject and HeadObject over HTTP, with
 * MD5 ETags and the conditional requests the feed store relies on, answered as S3 documents them:
 * - PutObject `If-Match: <etag>` on a missing object or another ETag → 412 PreconditionFailed
 *   (a missing object is 404 NoSuchKey on S3; both mean "not what you read" to the caller);
 * - PutObject `If-None-Match: *` when the object exists → 412 PreconditionFailed;
 * - GetObject `If-None-Match: <etag>` on that ETag → 304 Not Modified.
 * The real @aws-sdk/client-s3 talks to it (`s3Client()`). A write is checked and applied in one
 * synchronous step after its body has arrived, so two racing writers see S3's atomic semantics.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';

interface StoredObject {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** Headers S3 keeps with an object and returns on GET/HEAD. */
const KEPT = ['content-type', 'content-encoding', 'cache-control'];

export interface S3StandIn {
  endpoint: string;
  objects: Map<string, StoredObject>;
  /** PutObject requests answered 412, for tests that must see the race actually happen. */
  preconditionFailures: number;
  s3Client(): S3Client;
  close(): Promise<void>;
}

function error(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
  );
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startS3StandIn(): Promise<S3StandIn> {
  const objects = new Map<string, StoredObject>();
  const state = { preconditionFailures: 0 };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://s3').pathname);
    const current = objects.get(key);
    if (req.method === 'PUT') {
      const body = await bodyOf(req);
      const ifMatch = req.headers['if-match'];
      const ifNoneMatch = req.headers['if-none-match'];
      const found = objects.get(key); // re-read: another write may have landed while the body came in
      if ((ifMatch !== undefined && found?.etag !== ifMatch) || (ifNoneMatch === '*' && found)) {
        state.preconditionFailures++;
        return error(res, 412, 'PreconditionFailed');
      }
      const etag = `"${createHash('md5').update(body).digest('hex')}"`;
      const headers = Object.fromEntries(
        KEPT.flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h] as string]] : [])),
      );
      objects.set(key, { body, etag, headers });
      res.writeHead(200, { etag });
      res.end();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!current) {
        if (req.method === 'HEAD') {
          res.writeHead(404);
          res.end();
          return;
        }
        return error(res, 404, 'NoSuchKey');
      }
      if (req.headers['if-none-match'] === current.etag) {
        res.writeHead(304, { etag: current.etag });
        res.end();
        return;
      }
      res.writeHead(200, {
        ...current.headers,
        etag: current.etag,
        'content-length': String(current.body.length),
      });
      res.end(req.method === 'HEAD' ? undefined : current.body);
      return;
    }
    error(res, 405, 'MethodNotAllowed');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => error(res, 500, 'InternalError'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    objects,
    get preconditionFailures() {
      return state.preconditionFailures;
    },
    s3Client: () =>
      new S3Client({
        endpoint,
        forcePathStyle: true,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        // Plain bodies: the stand-in does not decode aws-chunked uploads.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

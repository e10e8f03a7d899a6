/**
 * Attachments end to end on the local blob store: ticket → PUT to the signed URL → finalize →
 * attach to a comment → download. Types are decided by content; metadata (GPS) never reaches the
 * public copy; forged, oversize and wrong-type files are refused with 400 and nothing is stored.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createLocalBlobStore, type LocalBlobStore } from '../../functions/blobs/local';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { Attachment, CommentView, ThreadPage, UploadTicket } from '../../shared/comments';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
let blobs: LocalBlobStore;
let dir: string;
beforeAll(async () => {
  store = await createTestStore('uploads');
  auth = await testAuth();
  dir = await mkdtemp(join(tmpdir(), 'obm-uploads-'));
  blobs = createLocalBlobStore(dir);
});
afterAll(async () => {
  store.raw.destroy();
  await rm(dir, { recursive: true, force: true });
});

const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => new Date(), blobs }));
const alice = user('citizen', { sub: 'uploader', name: 'Uploader' });
const mallory = user('citizen', { sub: 'mallory' });

async function call(method: string, path: string, who?: Principal, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return app().request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** A JPEG with EXIF GPS coordinates, as phones write them. */
async function photoWithLocation(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#c96' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Cam 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 54/1 0/1' },
    })
    .toBuffer();
}

async function upload(bytes: Uint8Array, contentType: string, who: Principal = alice, name = 'file') {
  const res = await call('POST', '/api/uploads', who, { name, size: bytes.byteLength, contentType });
  expect(res.status).toBe(201);
  const ticket = (await res.json()) as UploadTicket;
  const put = await app().request(ticket.url, {
    method: 'PUT',
    headers: { ...ticket.headers, 'Content-Length': String(bytes.byteLength) },
    body: new Uint8Array(bytes).buffer,
  });
  expect(put.status).toBe(200);
  return { ticket, finalize: () => call('POST', `/api/uploads/${ticket.id}/finalize`, who) };
}

async function fetchRedirected(path: string) {
  const first = await app().request(path);
  expect(first.status).toBe(302);
  return app().request(first.headers.get('location')!);
}

async function publicFiles() {
  return (await readdir(join(dir, 'public')).catch(() => [])).length;
}

describe('images', () => {
  it('publishes a re-encoded copy without EXIF and a thumbnail, and attaches it to a comment', async () => {
    const photo = await photoWithLocation();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const { finalize } = await upload(photo, 'image/jpeg', alice, 'roof.jpg');
    const res = await finalize();
    expect(res.status).toBe(200);
    const att = (await res.json()) as Attachment;
    expect(att).toMatchObject({ type: 'image/jpeg', width: 800, height: 600, name: 'roof.jpg' });

    const item = sampleItem();
    await putItem(store, item);
    const posted = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'Photos',
      attachments: [att.id],
    });
    expect(posted.status).toBe(201);
    const page = (await (await call('GET', `/api/items/${item.id}/comments`)).json()) as ThreadPage;
    expect(page.comments[0]?.attachments[0]?.id).toBe(att.id);

    const file = await fetchRedirected(att.url);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    const thumb = await fetchRedirected(att.thumbnailUrl!);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(320);
  });

  it('decides the type by content: a PNG announced as PDF is stored as PNG', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#000' } })
      .png()
      .toBuffer();
    const { finalize } = await upload(png, 'application/pdf', alice, 'not-really.pdf');
    expect(((await (await finalize()).json()) as Attachment).type).toBe('image/png');
  });

  it('accepts a well-formed PDF without a thumbnail and serves it as a download', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
    const { finalize } = await upload(pdf, 'application/pdf', alice, 'act.pdf');
    const att = (await (await finalize()).json()) as Attachment;
    expect(att.type).toBe('application/pdf');
    expect(att.thumbnailUrl).toBeUndefined();
    const file = await fetchRedirected(att.url);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
  });
});

describe('refused files', () => {
  it.each([
    [
      'an SVG with script',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'image/png',
    ],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/jpeg'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/png'],
    [
      'a forged JPEG (magic bytes, then garbage)',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]),
      'image/jpeg',
    ],
    ['a truncated PDF', Buffer.from('%PDF-1.4\n1 0 obj<<>>', 'latin1'), 'application/pdf'],
  ])('refuses %s with 400 and publishes nothing', async (_, bytes, type) => {
    const before = await publicFiles();
    const { finalize } = await upload(bytes, type);
    const res = await finalize();
    expect(res.status).toBe(400);
    expect(await publicFiles()).toBe(before);
  });

  it('refuses an announced size over 10 MB with 400', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'big.jpg',
      size: 10 * 1024 * 1024 + 1,
      contentType: 'image/jpeg',
    });
    expect(res.status).toBe(400);
  });

  it('refuses a declared type outside JPEG/PNG/WebP/PDF with 400', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'x.svg',
      size: 10,
      contentType: 'image/svg+xml',
    });
    expect(res.status).toBe(400);
  });

  it('refuses an upload PUT larger than the signed size', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'a.jpg',
      size: 10,
      contentType: 'image/jpeg',
    });
    const ticket = (await res.json()) as UploadTicket;
    const put = await app().request(ticket.url, {
      method: 'PUT',
      headers: { ...ticket.headers, 'Content-Length': '20' },
      body: new Uint8Array(20),
    });
    expect(put.status).toBe(403);
  });

  it('refuses a PUT with a tampered signature', async () => {
    const res = await call('POST', '/api/uploads', alice, {
      name: 'a.jpg',
      size: 10,
      contentType: 'image/jpeg',
    });
    const ticket = (await res.json()) as UploadTicket;
    const put = await app().request(ticket.url.replace('len=10', 'len=11'), {
      method: 'PUT',
      headers: { ...ticket.headers, 'Content-Length': '11' },
      body: new Uint8Array(11),
    });
    expect(put.status).toBe(403);
  });
});

describe('claiming attachments', () => {
  it('refuses someone else’s upload in a comment with 400 and stores no comment', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const { finalize } = await upload(png, 'image/png', alice);
    const att = (await (await finalize()).json()) as Attachment;
    const item = sampleItem();
    await putItem(store, item);
    const res = await call('POST', `/api/items/${item.id}/comments`, mallory, {
      body: 'mine now',
      attachments: [att.id],
    });
    expect(res.status).toBe(400);
    const page = (await (await call('GET', `/api/items/${item.id}/comments`)).json()) as ThreadPage;
    expect(page.count).toBe(0);
  });

  it('refuses an upload that was never finalized with 400', async () => {
    const { ticket } = await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    const item = sampleItem();
    await putItem(store, item);
    const res = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'x',
      attachments: [ticket.id],
    });
    expect(res.status).toBe(400);
  });

  it('lets an attachment be used by one comment only', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const { finalize } = await upload(png, 'image/png', alice);
    const att = (await (await finalize()).json()) as Attachment;
    const item = sampleItem();
    await putItem(store, item);
    const first = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'one',
      attachments: [att.id],
    });
    expect(first.status).toBe(201);
    const again = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'two',
      attachments: [att.id],
    });
    expect(again.status).toBe(400);
    expect(((await first.json()) as CommentView).attachments).toHaveLength(1);
  });

  it('refuses on a comment a photo that a site visit already took, naming the attachment', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const { finalize } = await upload(png, 'image/png', alice);
    const att = (await (await finalize()).json()) as Attachment;
    const item = sampleItem();
    await putItem(store, item);
    const visit = await call('POST', `/api/items/${item.id}/visits`, alice, {
      visitedOn: '2026-05-14',
      checks: [{ point: 'potholes', result: 'problem', photos: [att.id] }],
      verdict: 'does_not_match',
    });
    expect(visit.status).toBe(201);
    const res = await call('POST', `/api/items/${item.id}/comments`, alice, {
      body: 'the same photo',
      attachments: [att.id],
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors?: { field: string }[] };
    expect(problem.errors?.map((e) => e.field)).toEqual(['attachments.0']);
  });

  it('refuses finalizing another user’s upload with 403', async () => {
    const { ticket } = await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    expect((await call('POST', `/api/uploads/${ticket.id}/finalize`, mallory)).status).toBe(403);
  });
});

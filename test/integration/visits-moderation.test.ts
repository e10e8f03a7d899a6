/**
 * Site visit reports and their photos as moderated content (issue 20, item 1), through the real API
 * on DynamoDB Local: flagged until hidden, off the item's visit list while hidden, restored from the
 * queue with history; one photo hidden alone (off the report, its download refused); the visit's
 * chain record follows every change; a moderator publishes a photo with a region blurred (the rest
 * unchanged, the original kept privately). One store, one blob directory, one visit for the file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { verifyFull } from '../../functions/audit/verify';
import { createLocalBlobStore, type LocalBlobStore } from '../../functions/blobs/local';
import { blobKey } from '../../functions/blobs/store';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { Attachment, UploadTicket } from '../../shared/comments';
import type { HistoryEntry, ModeratedEntry } from '../../shared/moderation';
import type { VisitList, VisitView } from '../../shared/visits';
import { type TestAuth, testAuth, user } from '../support/auth';
import { caller } from '../support/call';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const visitor = user('citizen', { sub: 'vm-visitor', name: 'Aigerim' });
const mod = user('moderator', { sub: 'vm-mod', name: 'Moderator' });
const flagger = (i: number) => user('citizen', { sub: `vm-flagger-${i}` });
const item = sampleItem();

let store: Store;
let auth: TestAuth;
let blobs: LocalBlobStore;
let dir: string;
let visit: VisitView;
let photos: Attachment[];
const app = () =>
  keyed(
    createApp({ store, auth: auth.verifier, now: () => new Date(), blobs, rateLimits: GENEROUS_RATE_LIMITS }),
  );
const call = caller(app, () => auth);

async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function uploadPhoto(name: string, colour: string): Promise<Attachment> {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  const ticket = await ok<UploadTicket>(
    await call('POST', '/api/uploads', visitor, { name, size: bytes.byteLength, contentType: 'image/jpeg' }),
    201,
  );
  await app().request(ticket.url, {
    method: 'PUT',
    headers: { ...ticket.headers, 'Content-Length': String(bytes.byteLength) },
    body: new Uint8Array(bytes).buffer,
  });
  return ok<Attachment>(await call('POST', `/api/uploads/${ticket.id}/finalize`, visitor));
}

beforeAll(async () => {
  store = await createTestStore('visits-moderation');
  auth = await testAuth();
  dir = await mkdtemp(join(tmpdir(), 'obm-visit-mod-'));
  blobs = createLocalBlobStore(dir);
  await putItem(store, item);
  photos = [await uploadPhoto('faces.jpg', '#a63'), await uploadPhoto('road.jpg', '#8a6')];
  visit = await ok<VisitView>(
    await call('POST', `/api/items/${item.id}/visits`, visitor, {
      visitedOn: '2026-05-14',
      checks: [
        {
          point: 'potholes',
          result: 'problem',
          note: 'Potholes by the school',
          photos: photos.map((p) => p.id),
        },
      ],
      verdict: 'does_not_match',
    }),
    201,
  );
}, 120_000);
afterAll(async () => {
  store.raw.destroy();
  await rm(dir, { recursive: true, force: true });
});

const visitList = async () => ok<VisitList>(await call('GET', `/api/items/${item.id}/visits`));
const shownVisits = async () => (await visitList()).visits;
const counts = async () => {
  const { visits, withProblems } = (await visitList()).summary;
  return { visits, withProblems };
};
const queue = async (status: 'flagged' | 'hidden') =>
  (await ok<{ entries: ModeratedEntry[] }>(await call('GET', `/api/moderation/queue?status=${status}`, mod)))
    .entries;
const download = (id: string) => call('GET', `/api/attachments/${id}`);
const chainOk = async () =>
  ok<{ ok: boolean }>(
    await call('GET', `/api/audit/verify?record=${encodeURIComponent(`visit/${item.id}/${visit.id}`)}`),
  );

describe('a site visit report', { timeout: 120_000 }, () => {
  it('is hidden by three flags, listed for review, restored with its history and on the chain', async () => {
    const id = `${item.id}_${visit.id}`;
    expect((await download(photos[1]!.id)).status).toBe(302);
    for (const i of [1, 2, 3])
      await ok(
        await call('POST', `/api/content/visit/${id}/flags`, flagger(i), { reason: 'personal_data' }),
        202,
      );
    expect(await shownVisits()).toEqual([]);
    // A hidden report no longer counts on the item ("visited 0 times"), in the same transaction.
    expect(await counts()).toEqual({ visits: 0, withProblems: 0 });
    expect((await download(photos[1]!.id)).status).toBe(404);
    expect((await queue('flagged')).find((e) => e.id === id)).toMatchObject({
      kind: 'visit',
      itemId: item.id,
      text: 'Potholes by the school',
      visibility: 'pending',
    });
    await ok(
      await call('POST', `/api/moderation/content/visit/${id}/restore`, mod, {
        reason: 'other',
        note: 'no faces',
      }),
    );
    expect((await shownVisits()).map((v) => v.id)).toEqual([visit.id]);
    expect(await counts()).toEqual({ visits: 1, withProblems: 1 });
    const state = await ok<{ visibility: string; history: HistoryEntry[] }>(
      await call('GET', `/api/moderation/content/visit/${id}`, mod),
    );
    expect(state.history.map((h) => h.action)).toEqual(['restore', 'flag_threshold_hide']);
    expect((await chainOk()).ok).toBe(true);
  });

  it('counts follow a moderator hiding it twice and restoring it: never below zero, back to one', async () => {
    const id = `${item.id}_${visit.id}`;
    for (const note of ['first', 'again'])
      await ok(await call('POST', `/api/moderation/content/visit/${id}/hide`, mod, { reason: 'spam', note }));
    expect(await counts()).toEqual({ visits: 0, withProblems: 0 });
    await ok(
      await call('POST', `/api/moderation/content/visit/${id}/restore`, mod, {
        reason: 'other',
        note: 'a mistake',
      }),
    );
    expect(await counts()).toEqual({ visits: 1, withProblems: 1 });
  });
});

describe("a visit's photo", { timeout: 120_000 }, () => {
  it('is hidden alone from the queue: off the report, its download refused; restored, it is back', async () => {
    const [faces, road] = photos as [Attachment, Attachment];
    await ok(
      await call('POST', `/api/moderation/content/visit_photo/${faces.id}/hide`, mod, {
        reason: 'personal_data',
        note: 'faces and a number plate',
      }),
    );
    expect((await shownVisits())[0]?.checks[0]?.photos.map((p) => p.id)).toEqual([road.id]);
    expect((await download(faces.id)).status).toBe(404);
    expect((await download(road.id)).status).toBe(302);
    expect((await queue('hidden')).find((e) => e.id === faces.id)).toMatchObject({
      kind: 'visit_photo',
      text: 'faces.jpg',
    });
    await ok(
      await call('POST', `/api/moderation/content/visit_photo/${faces.id}/restore`, mod, {
        reason: 'other',
        note: 'blurred version to follow',
      }),
    );
    expect((await shownVisits())[0]?.checks[0]?.photos.map((p) => p.id)).toEqual([faces.id, road.id]);
    expect((await download(faces.id)).status).toBe(302);
    expect((await chainOk()).ok).toBe(true);
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  });
});

describe('a hidden photo', { timeout: 120_000 }, () => {
  it('a moderator fetches it (no-store), blurs it and restores it blurred; nobody else gets it', async () => {
    const [faces] = photos as [Attachment, Attachment];
    const id = faces.id;
    await ok(
      await call('POST', `/api/moderation/content/visit_photo/${id}/hide`, mod, {
        reason: 'personal_data',
        note: 'blur the faces first',
      }),
    );
    expect((await download(id)).status).toBe(404);
    expect((await call('GET', `/api/moderation/photos/${id}`, visitor)).status).toBe(403);
    const original = await call('GET', `/api/moderation/photos/${id}`, mod);
    expect(original.status).toBe(200);
    expect(original.headers.get('cache-control')).toBe('no-store');
    expect(original.headers.get('content-type')).toMatch(/^image\//);
    const originalBytes = new Uint8Array(await original.arrayBuffer());
    const { width, height } = await sharp(originalBytes).metadata();
    await ok(
      await call('POST', `/api/moderation/photos/${id}/blur`, mod, {
        regions: [{ x: 0, y: 0, width: Math.ceil((width ?? 2) / 2), height: Math.ceil((height ?? 2) / 2) }],
      }),
    );
    const published = await call('GET', `/api/moderation/photos/${id}?copy=published`, mod);
    expect(Buffer.from(await published.arrayBuffer()).equals(Buffer.from(originalBytes))).toBe(false);
    // The original is what a blur starts from, still kept privately.
    const again = new Uint8Array(
      await (await call('GET', `/api/moderation/photos/${id}`, mod)).arrayBuffer(),
    );
    expect(Buffer.from(again).equals(Buffer.from(originalBytes))).toBe(true);
    await ok(
      await call('POST', `/api/moderation/content/visit_photo/${id}/restore`, mod, {
        reason: 'other',
        note: 'faces blurred',
      }),
    );
    expect((await download(id)).status).toBe(302);
  });
});

describe('blurring a photo', { timeout: 120_000 }, () => {
  /** 64×48 random pixels, lossless: every pixel of the published copy can be compared. */
  async function noisyPng(): Promise<Buffer> {
    const raw = Buffer.alloc(64 * 48 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + (i >> 3) * 104729) % 251;
    return sharp(raw, { raw: { width: 64, height: 48, channels: 3 } })
      .png()
      .toBuffer();
  }
  const pixels = async (bytes: Uint8Array) =>
    (await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data;

  it('changes the region, leaves the rest, and keeps the original privately', async () => {
    const bytes = await noisyPng();
    const ticket = await ok<UploadTicket>(
      await call('POST', '/api/uploads', visitor, {
        name: 'plate.png',
        size: bytes.byteLength,
        contentType: 'image/png',
      }),
      201,
    );
    await app().request(ticket.url, {
      method: 'PUT',
      headers: { ...ticket.headers, 'Content-Length': String(bytes.byteLength) },
      body: new Uint8Array(bytes).buffer,
    });
    await ok(await call('POST', `/api/uploads/${ticket.id}/finalize`, visitor));
    const before = await pixels((await blobs.read(blobKey('public', ticket.id), 1e7))!);
    const region = { x: 8, y: 8, width: 24, height: 16 };
    expect(
      (await call('POST', `/api/moderation/photos/${ticket.id}/blur`, visitor, { regions: [region] })).status,
    ).toBe(403);
    expect(
      await ok(await call('POST', `/api/moderation/photos/${ticket.id}/blur`, mod, { regions: [region] })),
    ).toEqual({ width: 64, height: 48, regions: 1 });
    const after = await pixels((await blobs.read(blobKey('public', ticket.id), 1e7))!);
    let inside = 0;
    let outsideChanged = 0;
    for (let y = 0; y < 48; y++)
      for (let x = 0; x < 64; x++)
        for (let ch = 0; ch < 3; ch++) {
          const i = (y * 64 + x) * 3 + ch;
          const diff = Math.abs(before[i]! - after[i]!);
          const within =
            x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height;
          if (within) inside += diff;
          else if (diff) outsideChanged++;
        }
    // The noise averaged away: pixels inside move by tens of levels on average; outside none moves.
    expect(inside / (region.width * region.height * 3)).toBeGreaterThan(20);
    expect(outsideChanged).toBe(0);
    expect(await pixels((await blobs.read(blobKey('originals', ticket.id), 1e7))!)).toEqual(before);
    const check = await ok<{ ok: boolean }>(
      await call('GET', `/api/audit/verify?record=${encodeURIComponent(`blur/${ticket.id}`)}`),
    );
    expect(check.ok).toBe(true);
  });
});

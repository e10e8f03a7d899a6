/**
 * Site visits over the API on DynamoDB Local: a checklist visit is public, counted and on the
 * audit chain; presence is shown as a distance only (phone position and a photo's EXIF GPS, each
 * its own signal), a far position is not "on site", and no response or public file carries a
 * position; a milestone marked met can be confirmed or contested, counted once per person.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createLocalBlobStore, type LocalBlobStore } from '../../functions/blobs/local';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { giveConsent } from '../../functions/services/consents';
import { getVisitSummary, POSITION_RETENTION_DAYS } from '../../functions/services/site-visits';
import type { Attachment, UploadTicket } from '../../shared/comments';
import { CONSENT_VERSIONS } from '../../shared/consent-versions';
import type { Principal } from '../../shared/users';
import type { VisitList, VisitView } from '../../shared/visits';
import { type TestAuth, testAuth, user } from '../support/auth';
import { caller } from '../support/call';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
let blobs: LocalBlobStore;
let dir: string;
beforeAll(async () => {
  store = await createTestStore('visits');
  auth = await testAuth();
  dir = await mkdtemp(join(tmpdir(), 'obm-visits-'));
  blobs = createLocalBlobStore(dir);
  // The visitors below have agreed to the use of their positions (issue 20; see "positions need consent").
  for (const who of [aigerim, bolat])
    await giveConsent(store, who.sub, 'positions', CONSENT_VERSIONS.positions, new Date());
});
afterAll(async () => {
  store.raw.destroy();
  await rm(dir, { recursive: true, force: true });
});

const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => new Date(), blobs }));
const aigerim = user('citizen', { sub: 'visitor-aigerim', name: 'Aigerim' });
const bolat = user('citizen', { sub: 'visitor-bolat', name: 'Bolat' });

const call = caller(app, () => auth);

/** The item's point is [71.37, 42.9]; 0.0025° of latitude north of it is about 278 m. */
const NEAR = { lat: 42.9025, lon: 71.37, accuracy: 25 };
/** Just under 40 km north (0.3595° of latitude). */
const FAR = { lat: 43.2595, lon: 71.37, accuracy: 10 };

/** No coordinate of the item's surroundings (42.x / 43.x, 71.x) appears anywhere in a text. */
function expectNoPosition(text: string) {
  // Timestamps first: the seconds of "…T18:50:42.123Z" would read as a latitude one minute in thirty.
  const withoutTimes = text.replace(/T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, 'T');
  expect(withoutTimes).not.toMatch(/\b4[23]\.\d{3,}/);
  expect(withoutTimes).not.toMatch(/\b71\.\d{3,}/);
  expect(text).not.toMatch(/"(lat|lon|latitude|longitude|gps)"/i);
}

const roadVisit = (extra: Record<string, unknown> = {}) => ({
  visitedOn: '2026-05-14',
  checks: [
    { point: 'potholes', result: 'problem', note: 'Three deep potholes by the school' },
    { point: 'signboard', result: 'ok' },
  ],
  verdict: 'does_not_match',
  ...extra,
});

async function record(itemId: string, who: Principal, body: unknown) {
  const res = await call('POST', `/api/items/${itemId}/visits`, who, body);
  const text = await res.text();
  return {
    status: res.status,
    text,
    visit: (res.status === 201 ? JSON.parse(text) : undefined) as VisitView,
  };
}

async function gpsPhoto(): Promise<Buffer> {
  // 42°54'0" N, 71°22'12" E: the item's own point, as a phone camera writes it.
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a6' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Cam 1' },
      IFD2: { DateTimeOriginal: '2026:05:14 11:20:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '42/1 54/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '71/1 22/1 12/1',
      },
    })
    .toBuffer();
}

async function uploadPhoto(who: Principal, bytes: Buffer) {
  const res = await call('POST', '/api/uploads', who, {
    name: 'roof.jpg',
    size: bytes.byteLength,
    contentType: 'image/jpeg',
  });
  const ticket = (await res.json()) as UploadTicket;
  await app().request(ticket.url, {
    method: 'PUT',
    headers: { ...ticket.headers, 'Content-Length': String(bytes.byteLength) },
    body: new Uint8Array(bytes).buffer,
  });
  const fin = await call('POST', `/api/uploads/${ticket.id}/finalize`, who);
  const text = await fin.text();
  expect(fin.status).toBe(200);
  expectNoPosition(text);
  return JSON.parse(text) as Attachment;
}

describe('a visit with the phone position near the item', () => {
  it('is public and counted, and shows "within 300 m" without the position', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const { status, text, visit } = await record(item.id, aigerim, roadVisit({ position: NEAR }));
    expect(status).toBe(201);
    expectNoPosition(text);
    expect(visit.presence).toEqual([
      { source: 'phone', withinMetres: 300, accuracyMetres: 50, onSite: true },
    ]);
    expect(visit).toMatchObject({ onSite: true, foundProblems: true, visitorName: 'Aigerim', mine: true });

    const list = await call('GET', `/api/items/${item.id}/visits`);
    const listText = await list.text();
    expectNoPosition(listText);
    const body = JSON.parse(listText) as VisitList;
    expect(body.summary).toEqual({ visits: 1, withProblems: 1, onSite: 1, milestones: [] });
    expect(body.visits[0]?.mine).toBeUndefined();
  });

  it('counts "visited N times, M found problems"', async () => {
    const item = sampleItem();
    await putItem(store, item);
    await record(item.id, aigerim, roadVisit());
    await record(item.id, bolat, roadVisit());
    await record(
      item.id,
      bolat,
      roadVisit({ checks: [{ point: 'surface', result: 'ok' }], verdict: 'matches' }),
    );
    expect(await getVisitSummary(store, item.id)).toMatchObject({ visits: 3, withProblems: 2 });
  });

  it('is on the audit chain, and the record checks out', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const { visit } = await record(item.id, aigerim, roadVisit({ position: NEAR }));
    const res = await call('GET', `/api/audit/verify?record=visit/${item.id}/${visit.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('keeps the private positions for 90 days only (TTL on expiresAt)', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const before = Math.floor(Date.now() / 1000);
    const { visit } = await record(item.id, aigerim, roadVisit({ position: NEAR }));
    const stored = await store.doc.send(
      new GetCommand({ TableName: store.table, Key: { pk: `VISITPOS#${visit.id}`, sk: 'POSITION' } }),
    );
    const expiresAt = stored.Item?.expiresAt as number;
    expect(expiresAt - before).toBeGreaterThanOrEqual(POSITION_RETENTION_DAYS * 86_400);
    expect(expiresAt - before).toBeLessThan(POSITION_RETENTION_DAYS * 86_400 + 600);
  });
});

describe('presence, exposing nobody', () => {
  it('does not count a position 40 km away as on site', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const { visit } = await record(item.id, aigerim, roadVisit({ position: FAR }));
    expect(visit.onSite).toBe(false);
    expect(visit.presence[0]).toMatchObject({ source: 'phone', withinMetres: 40_000, onSite: false });
    expect((await getVisitSummary(store, item.id)).onSite).toBe(0);
  });

  it("adds a GPS-tagged photo's own signal; the public file has no GPS", async () => {
    const item = sampleItem();
    await putItem(store, item);
    const photo = await gpsPhoto();
    expect(await exifr.gps(photo)).toMatchObject({ latitude: 42.9 });
    const att = await uploadPhoto(aigerim, photo);
    const { status, text, visit } = await record(
      item.id,
      aigerim,
      roadVisit({
        position: FAR,
        checks: [{ point: 'potholes', result: 'problem', photos: [att.id] }],
      }),
    );
    expect(status).toBe(201);
    expectNoPosition(text);
    expect(visit.presence).toEqual([
      { source: 'phone', withinMetres: 40_000, accuracyMetres: 50, onSite: false },
      // The photo's EXIF capture day (2026:05:14) is the visit's date, said beside its distance.
      { source: 'photo', withinMetres: 50, onSite: true, takenOn: 'visit_day' },
    ]);
    expect(visit.onSite).toBe(true);

    const first = await app().request(att.url);
    expect(first.status).toBe(302);
    const file = Buffer.from(await (await app().request(first.headers.get('location')!)).arrayBuffer());
    expect(file.byteLength).toBeGreaterThan(0);
    expect(await exifr.gps(file)).toBeUndefined();
    expect((await sharp(file).metadata()).exif).toBeUndefined();
  });

  it("refuses another person's photo", async () => {
    const item = sampleItem();
    await putItem(store, item);
    const att = await uploadPhoto(bolat, await gpsPhoto());
    const { status, text } = await record(
      item.id,
      aigerim,
      roadVisit({ checks: [{ point: 'potholes', result: 'problem', photos: [att.id] }] }),
    );
    expect(status).toBe(400);
    expect(text).toContain('attachment.unusable');
  });
});

describe('milestones on the ground', () => {
  const withMetMilestone = () =>
    sampleItem({
      milestones: [
        {
          id: 'm-asphalt',
          title: { en: 'Asphalt laid' },
          due: '2026-05-01',
          met: '2026-04-28',
          status: 'met',
        },
        { id: 'm-handover', title: { en: 'Handover' }, due: '2026-09-01', status: 'scheduled' },
      ],
    });

  it('shows a contested milestone, counting each person once', async () => {
    const item = withMetMilestone();
    await putItem(store, item);
    const contest = { milestone: { milestoneId: 'm-asphalt', stance: 'contest' } };
    expect((await record(item.id, aigerim, roadVisit(contest))).status).toBe(201);
    expect((await record(item.id, aigerim, roadVisit(contest))).status).toBe(201);
    await record(item.id, bolat, roadVisit({ milestone: { milestoneId: 'm-asphalt', stance: 'confirm' } }));
    const body = (await (await call('GET', `/api/items/${item.id}/visits`)).json()) as VisitList;
    expect(body.summary.visits).toBe(3);
    expect(body.summary.milestones).toEqual([{ milestoneId: 'm-asphalt', confirmed: 1, contested: 1 }]);

    // Bolat changes his mind: his one count moves sides.
    await record(item.id, bolat, roadVisit(contest));
    expect((await getVisitSummary(store, item.id)).milestones).toEqual([
      { milestoneId: 'm-asphalt', confirmed: 0, contested: 2 },
    ]);
  });

  it('refuses a stance on a milestone not marked met', async () => {
    const item = withMetMilestone();
    await putItem(store, item);
    const { status, text } = await record(
      item.id,
      aigerim,
      roadVisit({ milestone: { milestoneId: 'm-handover', stance: 'confirm' } }),
    );
    expect(status).toBe(400);
    expect(text).toContain('visit.milestone_not_met');
  });
});

describe('refusals', () => {
  it("refuses a point that is not on the item's checklist", async () => {
    const item = sampleItem({ category: 'roads' });
    await putItem(store, item);
    const { status, text } = await record(
      item.id,
      aigerim,
      roadVisit({ checks: [{ point: 'roof', result: 'problem' }] }),
    );
    expect(status).toBe(400);
    expect(text).toContain('visit.point_not_in_checklist');
  });

  it('asks an anonymous visitor to sign in', async () => {
    const item = sampleItem();
    await putItem(store, item);
    expect((await call('POST', `/api/items/${item.id}/visits`, undefined, roadVisit())).status).toBe(401);
  });
});

describe('positions need consent (issue 20, item 5)', () => {
  const dana = user('citizen', { sub: 'visitor-dana', name: 'Dana' });
  const positionOf = async (visitId: string) =>
    (
      await store.doc.send(
        new GetCommand({ TableName: store.table, Key: { pk: `VISITPOS#${visitId}`, sk: 'POSITION' } }),
      )
    ).Item;

  it('keeps no position without consent, records the consent ticked in the form, and withdrawing deletes the kept positions', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const unasked = await record(item.id, dana, roadVisit({ position: NEAR }));
    expect(unasked.visit.presence).toEqual([]);
    expect(await positionOf(unasked.visit.id)).toBeUndefined();

    const ticked = await record(
      item.id,
      dana,
      roadVisit({ position: NEAR, positionConsent: CONSENT_VERSIONS.positions }),
    );
    expect(ticked.visit.presence).toEqual([expect.objectContaining({ source: 'phone', onSite: true })]);
    expect(await positionOf(ticked.visit.id)).toBeDefined();

    const res = await call('DELETE', '/api/me/consents/positions', dana);
    expect(res.status).toBe(200);
    expect(await positionOf(ticked.visit.id)).toBeUndefined();
    const after = await record(item.id, dana, roadVisit({ position: NEAR }));
    expect(after.visit.presence).toEqual([]);
    expect(await positionOf(after.visit.id)).toBeUndefined();
  });
});

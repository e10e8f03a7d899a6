/**
 * Officials' progress updates over the API on DynamoDB Local: an official of the item's body posts
 * a milestone met with evidence, the amount spent, a status and a new end date; the item changes
 * with it (the spent difference as one more payment in its money history), the update and the item
 * are on the audit chain, and a site visit referring to the update contests it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { createLocalBlobStore, type LocalBlobStore } from '../../functions/blobs/local';
import type { Store } from '../../functions/data/client';
import { getItem, putItem } from '../../functions/data/items';
import { acquireItemsLease, releaseItemsLease } from '../../functions/data/items-lease';
import type { Attachment, UploadTicket } from '../../shared/comments';
import type { Item } from '../../shared/item';
import type { ProgressUpdateList, ProgressUpdateView } from '../../shared/progress-updates';
import type { Principal } from '../../shared/users';
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
  store = await createTestStore('progress');
  auth = await testAuth();
  dir = await mkdtemp(join(tmpdir(), 'obm-progress-'));
  blobs = createLocalBlobStore(dir);
});
afterAll(async () => {
  store.raw.destroy();
  await rm(dir, { recursive: true, force: true });
});

/** The hub's clock: 20 May 2026 in Almaty. */
const NOW = new Date('2026-05-20T06:00:00Z');
const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => NOW, blobs }));
const call = caller(app, () => auth);
const roadsOfficial = user('official', {
  sub: 'official-roads',
  name: 'Roads Office',
  bodies: ['zha-roads'],
});
const aigerim = user('citizen', { sub: 'visitor-aigerim', name: 'Aigerim' });

const itemWithMilestones = () =>
  sampleItem({
    milestones: [
      { id: 'm-asphalt', title: { en: 'Asphalt laid' }, due: '2026-05-01', status: 'scheduled' },
      { id: 'm-handover', title: { en: 'Handover' }, due: '2026-09-01', status: 'scheduled' },
    ],
  });

async function uploadAct(who: Principal): Promise<Attachment> {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
    .jpeg()
    .toBuffer();
  const res = await call('POST', '/api/uploads', who, {
    name: 'act.jpg',
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
  expect(fin.status).toBe(200);
  return (await fin.json()) as Attachment;
}

async function post(item: Item, body: unknown, who: Principal = roadsOfficial) {
  const res = await call('POST', `/api/items/${item.id}/progress-updates`, who, body);
  const text = await res.text();
  return {
    status: res.status,
    text,
    update: (res.status === 201 ? JSON.parse(text) : undefined) as ProgressUpdateView,
  };
}

describe('an official posts a progress update', () => {
  it('changes the item: milestone met with evidence, spent as one more payment, status, end date', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    const act = await uploadAct(roadsOfficial);
    const { status, text, update } = await post(item, {
      milestone: { milestoneId: 'm-asphalt', metOn: '2026-05-18', evidence: [act.id] },
      spent: { total: '600000.75', asOf: '2026-05-19' },
      status: 'suspended',
      expectedEnd: { date: '2027-03-31', reason: 'Winter stops the asphalt works' },
      note: 'Asphalt laid on the whole street',
    });
    expect(status).toBe(201);
    expect(text).not.toContain('official-roads');
    expect(update).toMatchObject({
      authorName: 'Roads Office',
      bodyId: 'zha-roads',
      milestone: { milestoneId: 'm-asphalt', metOn: '2026-05-18', evidence: [{ id: act.id }] },
      spent: { before: '450000.25', after: '600000.75', asOf: '2026-05-19' },
      status: { before: 'in_progress', after: 'suspended' },
      expectedEnd: { before: '2026-12-31', after: '2027-03-31' },
      ground: { confirmed: 0, contested: 0 },
    });

    const after = (await getItem(store, item.id))!;
    expect(after.milestones[0]).toMatchObject({ status: 'met', met: '2026-05-18' });
    expect(after.amounts.spent).toBe('600000.75');
    // Exact: 600000.75 − 450000.25, in tiyn, no float.
    expect(after.transactions).toEqual([
      {
        id: update.spent!.transactionId,
        date: '2026-05-19',
        amount: '150000.50',
        source: `progress-update/${update.id}`,
      },
    ]);
    expect(after.status).toBe('suspended');
    expect(after.period.end).toBe('2027-03-31');

    const list = (await (
      await call('GET', `/api/items/${item.id}/progress-updates`)
    ).json()) as ProgressUpdateList;
    expect(list.updates.map((u) => u.id)).toEqual([update.id]);
  });

  it('is on the audit chain: the update and the changed item both check out', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    const { update } = await post(item, { spent: { total: '500000.00', asOf: '2026-05-19' } });
    for (const record of [`progress/${item.id}/${update.id}`, `item/${item.id}`]) {
      const res = await call('GET', `/api/audit/verify?record=${record}`);
      expect(await res.json()).toMatchObject({ ok: true });
    }
  });

  it('is contested by a site visit that refers to it', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    const { update } = await post(item, {
      milestone: { milestoneId: 'm-asphalt', metOn: '2026-05-18' },
    });
    const visit = await call('POST', `/api/items/${item.id}/visits`, aigerim, {
      visitedOn: '2026-05-20',
      checks: [{ point: 'surface', result: 'problem', note: 'No asphalt, only gravel' }],
      verdict: 'does_not_match',
      milestone: { milestoneId: 'm-asphalt', stance: 'contest' },
      updateId: update.id,
    });
    expect(visit.status).toBe(201);
    expect(await visit.json()).toMatchObject({ updateId: update.id });
    const list = (await (
      await call('GET', `/api/items/${item.id}/progress-updates`)
    ).json()) as ProgressUpdateList;
    expect(list.updates[0]?.ground).toEqual({ confirmed: 0, contested: 1 });
  });
});

describe('refusals', () => {
  it('refuses an update while an import holds the items lease with 409 item.import_running and Retry-After; sent again after it, it lands', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    await acquireItemsLease(store, 'running-import', Date.now());
    const res = await call('POST', `/api/items/${item.id}/progress-updates`, roadsOfficial, {
      status: 'suspended',
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toMatchObject({ code: 'item.import_running' });
    expect((await getItem(store, item.id))?.status).toBe('in_progress');
    await releaseItemsLease(store, 'running-import');
    expect((await post(item, { status: 'suspended' })).status).toBe(201);
    expect((await getItem(store, item.id))?.status).toBe('suspended');
  });

  it('refuses a spent total lower than the item shows', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    const { status, text } = await post(item, { spent: { total: '100.00', asOf: '2026-05-19' } });
    expect(status).toBe(400);
    expect(text).toContain('progress.spent_not_increased');
    expect((await getItem(store, item.id))?.amounts.spent).toBe('450000.25');
  });

  it('refuses a milestone met in the future', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    const { status, text } = await post(item, {
      milestone: { milestoneId: 'm-handover', metOn: '2026-06-01' },
    });
    expect(status).toBe(400);
    expect(text).toContain('progress.future_date');
  });

  it('refuses evidence uploaded by someone else', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    const photo = await uploadAct(aigerim);
    const { status, text } = await post(item, {
      milestone: { milestoneId: 'm-asphalt', metOn: '2026-05-18', evidence: [photo.id] },
    });
    expect(status).toBe(400);
    expect(text).toContain('attachment.unusable');
  });

  it('refuses a visit referring to an update the item does not have', async () => {
    const item = itemWithMilestones();
    await putItem(store, item);
    const visit = await call('POST', `/api/items/${item.id}/visits`, aigerim, {
      visitedOn: '2026-05-20',
      checks: [{ point: 'surface', result: 'ok' }],
      verdict: 'matches',
      updateId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    });
    expect(visit.status).toBe(400);
    expect(await visit.text()).toContain('visit.update_unknown');
  });
});

/**
 * Minutes as a record through the real API on DynamoDB Local: the heading (protocol number, chair,
 * secretary), the quorum from the club's settings and present, attendance and per entry the decision
 * and recommendations; a correction makes a new version with its reason, the old stays readable, and
 * both stand on the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { verifyRecord } from '../../functions/audit/verify';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const NOW = new Date('2026-12-01T06:00:00Z');
/** After the start of 2026-12-10 15:00 Almaty, when the session may be marked held. */
const AFTER_START = new Date('2026-12-10T12:00:00Z');
let clock = NOW;
const member = user('club_member', { sub: 'member-1', name: 'Aigerim' });
const secretary = user('club_secretary', { sub: 'secretary-1', name: 'Dana' });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
const item = sampleItem();
let sessionId = '';

async function call(method: string, path: string, who: Principal | null, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const minutesText = { kk: 'Бір мәселе қаралды.', ru: 'Рассмотрен один вопрос.' };
const attendance = [
  { name: 'Aigerim', present: true },
  { name: 'Bolat', present: true },
  { name: 'Dana', present: false },
  { name: 'Nurlan', bodyId: 'zha-roads', present: true },
];

beforeAll(async () => {
  store = await createTestStore('session-minutes');
  auth = await testAuth();
  app = keyed(createApp({ store, auth: auth.verifier, now: () => clock, rateLimits: GENEROUS_RATE_LIMITS }));
  await putItem(store, item);
  expect((await call('PUT', '/api/club/settings', member, { quorumRequired: 3 })).status).toBe(403);
  expect((await call('PUT', '/api/club/settings', secretary, { quorumRequired: 3 })).status).toBe(200);
  const s = await call('POST', '/api/sessions', member, {
    title: { kk: 'Отырыс', ru: 'Заседание' },
    startsAt: '2026-12-10T15:00',
    durationMinutes: 120,
    venue: { kk: 'Орталық', ru: 'Центр' },
    format: 'in_person',
    participants: [],
  });
  sessionId = s.body.id;
  const added = await call('POST', `/api/sessions/${sessionId}/entries`, member, { itemId: item.id });
  const published = await call('POST', `/api/sessions/${sessionId}/agenda`, secretary, {
    version: added.body.version,
  });
  expect(published.status).toBe(201);
  clock = AFTER_START;
  const held = await call('POST', `/api/sessions/${sessionId}/held`, secretary, {
    version: added.body.version + 1,
  });
  expect(held.status).toBe(200);
  const outcome = await call(
    'PUT',
    `/api/sessions/${sessionId}/entries/${held.body.entries[0].id}/outcome`,
    member,
    {
      version: held.body.version,
      decision: { kk: 'Жолды жөндеу ұсынылсын.', ru: 'Рекомендовать ремонт дороги.' },
      recommendations: [
        { bodyId: 'zha-roads', text: { kk: 'Жөндеу', ru: 'Отремонтировать' }, due: '2027-03-01' },
      ],
    },
  );
  expect(outcome.status).toBe(200);
  const minutes = await call('POST', `/api/sessions/${sessionId}/minutes`, secretary, {
    version: outcome.body.version,
    text: minutesText,
    attendance,
    protocolNumber: '2026/7',
    chairName: 'Aigerim S.',
    secretaryName: 'Dana K.',
  });
  expect(minutes.status).toBe(200);
  // A whole session's life before the first test: generous on a shared 2-core machine.
}, 120_000);
afterAll(() => store.raw.destroy());

describe('minutes as a record', () => {
  it('version 1 holds the heading, the quorum required and present, attendance and each entry’s decision and recommendations', async () => {
    const v1 = await call('GET', `/api/sessions/${sessionId}/minutes/versions/1`, null);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({
      version: 1,
      protocolNumber: '2026/7',
      chairName: 'Aigerim S.',
      secretaryName: 'Dana K.',
      quorumRequired: 3,
      // Members present: Aigerim and Bolat; the official speaks for a body and is not a member.
      quorumPresent: 2,
      attendance,
      text: minutesText,
    });
    expect(v1.body.entries).toHaveLength(1);
    expect(v1.body.entries[0]).toMatchObject({
      itemId: item.id,
      decision: { ru: 'Рекомендовать ремонт дороги.' },
      recommendations: [{ bodyId: 'zha-roads', due: '2027-03-01' }],
    });
  });

  it('a correction makes version 2 with its reason; version 1 stays readable; both are on the chain', async () => {
    const path = `/api/sessions/${sessionId}/minutes/corrections`;
    const session = await call('GET', `/api/sessions/${sessionId}`, null);
    const corrected = {
      kk: 'Бір мәселе қаралды, бір ұсыныс берілді.',
      ru: 'Рассмотрен один вопрос, дана одна рекомендация.',
    };
    const body = { version: session.body.version, text: corrected, attendance, protocolNumber: '2026/7' };
    expect((await call('POST', path, member, { ...body, reason: 'A typo in the count' })).status).toBe(403);
    expect((await call('POST', path, secretary, body)).status).toBe(400);
    const v2 = await call('POST', path, secretary, { ...body, reason: 'The recommendation was left out.' });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({
      version: 2,
      text: corrected,
      correction: { reason: 'The recommendation was left out.' },
    });

    const versions = await call('GET', `/api/sessions/${sessionId}/minutes/versions`, null);
    expect(
      versions.body.versions.map((v: { version: number; text: unknown }) => [v.version, v.text]),
    ).toEqual([
      [1, minutesText],
      [2, corrected],
    ]);
    const now = await call('GET', `/api/sessions/${sessionId}`, null);
    expect(now.body.minutes).toMatchObject({ version: 2, text: corrected });
    for (const v of [1, 2])
      expect(await verifyRecord(store, `minutes/${sessionId}/${v}`)).toMatchObject({ ok: true });
    expect(await verifyRecord(store, 'club-settings/club')).toMatchObject({ ok: true });
  });

  it('an entry’s recording link is https only, starts within the session, is set by the secretary and read by all', async () => {
    const session = await call('GET', `/api/sessions/${sessionId}`, null);
    const entryId = session.body.entries[0].id;
    const path = `/api/sessions/${sessionId}/entries/${entryId}/recording`;
    const body = { version: session.body.version, url: 'https://video.example.kz/club/7', start: '15:40' };
    expect((await call('PUT', path, member, body)).status).toBe(403);
    expect((await call('PUT', path, secretary, { ...body, url: 'http://video.example.kz/7' })).status).toBe(
      400,
    );
    // The session runs 15:00–17:00 Almaty.
    const outside = await call('PUT', path, secretary, { ...body, start: '17:05' });
    expect(outside.status).toBe(409);
    expect(outside.body).toMatchObject({
      code: 'session.recording_outside',
      params: { start: '17:05', windowStart: '15:00', windowEnd: '17:00' },
    });
    const set = await call('PUT', path, secretary, body);
    expect(set.status).toBe(200);
    const read = await call('GET', `/api/sessions/${sessionId}`, null);
    expect(read.body.entries[0].recording).toEqual({ url: body.url, start: '15:40' });
  });
});

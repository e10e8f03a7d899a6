/**
 * Invitations to a club session through the real API on DynamoDB Local: the secretary invites the
 * bodies on the agenda (their mailboxes hear it), the invited officials answer attend / deputy /
 * decline, the day-before reminder goes out once, a move and a cancellation tell the invitees,
 * attendance is recorded from the start, and every invitation stands on the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { verifyRecord } from '../../functions/audit/verify';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { listPendingEvents } from '../../functions/data/notifications';
import { emitSessionReminders } from '../../functions/services/invitations';
import { recipientsOf } from '../../functions/services/notifications';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const NOW = new Date('2026-12-01T06:00:00Z');
/** 2026-12-10 15:00 Almaty. */
const AT_START = new Date('2026-12-10T10:00:00Z');
let clock = NOW;
const member = user('club_member', { sub: 'member-1', name: 'Aigerim' });
const secretary = user('club_secretary', { sub: 'secretary-1', name: 'Dana' });
const roadsOfficial = user('official', { sub: 'official-roads', name: 'Nurlan', bodies: ['zha-roads'] });
const healthOfficial = user('official', { sub: 'official-health', name: 'Saule', bodies: ['zha-health'] });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
const roads = sampleItem();
const health = sampleItem({ body: { id: 'zha-health', name: { en: 'Health' } } });
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

async function newSession(startsAt: string, items: string[]) {
  const s = await call('POST', '/api/sessions', secretary, {
    title: { kk: 'Отырыс', ru: 'Заседание' },
    startsAt,
    durationMinutes: 120,
    venue: { kk: 'Орталық', ru: 'Центр' },
    format: 'in_person',
    participants: [],
  });
  expect(s.status).toBe(201);
  for (const itemId of items)
    expect((await call('POST', `/api/sessions/${s.body.id}/entries`, member, { itemId })).status).toBe(201);
  return s.body.id as string;
}

async function eventsOf(type: string, id: string) {
  return (await listPendingEvents(store, 200)).filter((e) => e.type === type && e.subject.id === id);
}

beforeAll(async () => {
  store = await createTestStore('session-invitations');
  auth = await testAuth();
  app = keyed(createApp({ store, auth: auth.verifier, now: () => clock, rateLimits: GENEROUS_RATE_LIMITS }));
  for (const i of [roads, health]) await putItem(store, i);
  sessionId = await newSession('2026-12-10T15:00', [roads.id, health.id]);
});
afterAll(() => store.raw.destroy());

describe('session invitations', () => {
  it('the secretary invites each body on the agenda once, and each body’s mailbox hears it', async () => {
    expect((await call('POST', `/api/sessions/${sessionId}/invitations`, member)).status).toBe(403);
    const sent = await call('POST', `/api/sessions/${sessionId}/invitations`, secretary);
    expect(sent.status).toBe(201);
    expect(sent.body.invitations.map((i: { bodyId: string }) => i.bodyId)).toEqual([
      'zha-health',
      'zha-roads',
    ]);
    const again = await call('POST', `/api/sessions/${sessionId}/invitations`, secretary);
    expect([again.status, again.body.code]).toEqual([409, 'invitation.none_to_invite']);
    const events = await eventsOf('session.invited', sessionId);
    expect(events.map((e) => e.data.bodyId).sort()).toEqual(['zha-health', 'zha-roads']);
    const told = await recipientsOf(store, events.find((e) => e.data.bodyId === 'zha-roads')!);
    expect(told.map((r) => r.key)).toContain('body:zha-roads');
  });

  it('only the invited body’s official answers; a deputy is named, a refusal gives its reason', async () => {
    const path = (body: string) => `/api/sessions/${sessionId}/invitations/${body}/response`;
    expect((await call('PUT', path('zha-roads'), healthOfficial, { answer: 'attend' })).status).toBe(403);
    expect((await call('PUT', path('zha-roads'), roadsOfficial, { answer: 'deputy' })).status).toBe(400);
    const deputy = await call('PUT', path('zha-roads'), roadsOfficial, {
      answer: 'deputy',
      deputyName: 'Yerlan K.',
    });
    expect(deputy.status).toBe(200);
    expect(deputy.body.response).toMatchObject({
      answer: 'deputy',
      deputyName: 'Yerlan K.',
      byName: 'Nurlan',
    });
    expect((await call('PUT', path('zha-health'), healthOfficial, { answer: 'decline' })).status).toBe(400);
    const declined = await call('PUT', path('zha-health'), healthOfficial, {
      answer: 'decline',
      reason: 'The head is away on a work trip.',
    });
    expect(declined.status).toBe(200);
    // The agenda's reader (a club member while the session is a draft) sees who confirmed.
    const list = await call('GET', `/api/sessions/${sessionId}/invitations`, member);
    expect(list.body.invitations.map((i: { response?: { answer: string } }) => i.response?.answer)).toEqual([
      'decline',
      'deputy',
    ]);
    expect((await call('GET', `/api/sessions/${sessionId}/invitations`, null)).status).toBe(401);
  });

  it('reminds the bodies that did not decline the day before, once; a move tells the invitees and reminds anew', async () => {
    const dayBefore = new Date('2026-12-09T04:00:00Z');
    expect(await emitSessionReminders(store, new Date('2026-12-08T04:00:00Z'))).toEqual({
      reminders: 0,
      already: 0,
    });
    expect(await emitSessionReminders(store, dayBefore)).toEqual({ reminders: 1, already: 0 });
    expect(await emitSessionReminders(store, dayBefore)).toEqual({ reminders: 0, already: 1 });
    expect((await eventsOf('session.invitation-reminder', sessionId)).map((e) => e.data.bodyId)).toEqual([
      'zha-roads',
    ]);
    // The reminder's timestamp is bookkeeping: the invitation still matches its audit entry.
    expect(await verifyRecord(store, `invitation/${sessionId}/zha-roads`)).toMatchObject({ ok: true });

    const draft = await call('GET', `/api/sessions/${sessionId}/draft`, member);
    const moved = await call('PATCH', `/api/sessions/${sessionId}`, member, {
      version: draft.body.version,
      startsAt: '2026-12-11T15:00',
    });
    expect(moved.status).toBe(200);
    expect((await eventsOf('session.rescheduled', sessionId)).map((e) => e.data.bodyId).sort()).toEqual([
      'zha-health',
      'zha-roads',
    ]);
    expect(await emitSessionReminders(store, new Date('2026-12-10T04:00:00Z'))).toEqual({
      reminders: 1,
      already: 0,
    });
  });

  it('records attendance from the start only, on the audit chain', async () => {
    const path = `/api/sessions/${sessionId}/invitations/zha-roads/attendance`;
    expect((await call('PUT', path, roadsOfficial, { present: true })).status).toBe(403);
    const early = await call('PUT', path, secretary, { present: true, name: 'Yerlan K.' });
    expect([early.status, early.body.code]).toEqual([409, 'session.not_started']);
    clock = new Date(AT_START.getTime() + 86_400_000);
    try {
      const came = await call('PUT', path, secretary, { present: true, name: 'Yerlan K.' });
      expect(came.status).toBe(200);
      expect(came.body.attendance).toMatchObject({ present: true, name: 'Yerlan K.' });
    } finally {
      clock = NOW;
    }
    expect(await verifyRecord(store, `invitation/${sessionId}/zha-roads`)).toMatchObject({ ok: true });
  });

  it('a cancelled session tells its invitees why', async () => {
    const other = await newSession('2026-12-20T15:00', [roads.id]);
    expect((await call('POST', `/api/sessions/${other}/invitations`, secretary)).status).toBe(201);
    const draft = await call('GET', `/api/sessions/${other}/draft`, member);
    const cancelled = await call('POST', `/api/sessions/${other}/cancel`, secretary, {
      version: draft.body.version,
      reason: 'The centre is closed for repairs.',
    });
    expect(cancelled.status).toBe(200);
    const told = await eventsOf('session.cancelled', other);
    expect(told.map((e) => [e.data.bodyId, e.data.reason])).toEqual([
      ['zha-roads', 'The centre is closed for repairs.'],
    ]);
  });
});

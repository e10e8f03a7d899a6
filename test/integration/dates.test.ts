/**
 * Dates a client sends must be real calendar values in a sane range (checked with Temporal): a
 * session starting on 30 February or in month 13 is a 400 with a code, never a 500, and a session
 * stored with such a date before the check existed cannot take the calendar feed down.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { sessionKeys } from '../../functions/data/sessions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const NOW = new Date('2026-12-01T06:00:00Z');
const member = user('club_member', { sub: 'dates-member' });
const secretary = user('club_secretary', { sub: 'dates-secretary' });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await createTestStore('dates');
  auth = await testAuth();
  // Drafting a session is a create: keyed() gives each one its Idempotency-Key.
  app = keyed(createApp({ store, auth: auth.verifier, now: () => NOW }));
});
afterAll(() => store.raw.destroy());

async function call(method: string, path: string, who: Principal, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { ...(await auth.bearer(who)), 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, type: res.headers.get('Content-Type'), body: await res.json() };
}

const draft = (startsAt: string) => ({
  title: 'Club session',
  startsAt,
  durationMinutes: 90,
  venue: 'Antikor centre, Taraz',
  format: 'in_person',
});

describe('a session start', () => {
  it.each([
    ['2027-02-30T15:00', 'date.invalid'],
    ['2026-13-45T15:00', 'date.invalid'],
    ['2026-02-29T10:00', 'date.invalid'],
    ['1900-01-01T10:00', 'date.out_of_range'],
  ])('%s is a 400 naming startsAt with %s', async (startsAt, code) => {
    const res = await call('POST', '/api/sessions', member, draft(startsAt));
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'startsAt', code })]);
  });

  it('on a leap day that exists (2028-02-29) is accepted', async () => {
    expect((await call('POST', '/api/sessions', member, draft('2028-02-29T10:00'))).status).toBe(201);
  });
});

describe('the calendar feed', () => {
  it('still answers 200 when a published session was stored with a day that does not exist', async () => {
    const item = sampleItem();
    await putItem(store, item);
    const good = (await call('POST', '/api/sessions', member, draft('2026-12-10T15:00'))).body;
    const withEntry = await call('POST', `/api/sessions/${good.id}/entries`, member, {
      version: good.version,
      itemId: item.id,
    });
    const published = await call('POST', `/api/sessions/${good.id}/agenda`, secretary, {
      version: withEntry.body.version,
    });
    expect(published.status).toBe(201);
    // As an old record might hold it: written straight into the table, past every check.
    await store.doc.send(
      new UpdateCommand({
        TableName: store.table,
        Key: { pk: sessionKeys.pk(good.id), sk: sessionKeys.sk },
        UpdateExpression: 'SET startsAt = :bad',
        ExpressionAttributeValues: { ':bad': '2027-02-30T15:00' },
      }),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await app.request('/api/sessions.ics');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('BEGIN:VCALENDAR');
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(good.id));
    } finally {
      logged.mockRestore();
    }
  });
});

describe('a due date', () => {
  it('that does not exist is a 400, with the code of a real-date check or a format check', async () => {
    const official = user('official', { sub: 'dates-official', bodies: ['zha-roads'] });
    const item = sampleItem();
    await putItem(store, item);
    // No such question: the body is refused before the question is looked up.
    const res = await call(
      'POST',
      `/api/items/${item.id}/questions/01JD0000000000000000000000/extend`,
      official,
      {
        reason: 'A site inspection is needed.',
        newDueOn: '2026-13-45',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'newDueOn' });
    expect(['field.invalid_format', 'date.invalid']).toContain(res.body.errors[0].code);
  });
});

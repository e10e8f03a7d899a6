/**
 * Checked follow-ups (issue 21, part 6): the body's official marks a recommendation done, the club
 * confirms or contests it (contested → open with the reason), each verdict on the audit chain; an
 * overdue recommendation is escalated through the one escalation service with a printable letter
 * carrying the recommendation and its chain hash.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { readPointer } from '../../functions/audit/chain';
import { uploadKey } from '../../functions/blobs/uploads';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { Recommendation } from '../../shared/sessions';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { recordRecommendation } from '../support/recommendation';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
const clock = new Date('2026-12-01T06:00:00Z');
beforeAll(async () => {
  store = await createTestStore('follow-ups');
  auth = await testAuth();
});
afterAll(() => store.raw.destroy());

const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => clock }));
const official = user('official', { sub: 'fu-official', bodies: ['zha-roads'] });
const member = user('club_member', { sub: 'fu-member', name: 'Aigerim Member' });
const secretary = user('club_secretary', {
  sub: 'fu-secretary',
  roles: ['citizen', 'club_member', 'club_secretary'],
});

async function call(method: string, path: string, who: Principal, body?: unknown) {
  const headers: Record<string, string> = { ...(await auth.bearer(who)) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app().request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const type = res.headers.get('content-type') ?? '';
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
  const out: any = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body: out };
}

/** A recommendation recorded at a session, on the audit chain as outcomes are. */
async function recommendation(due: string): Promise<Recommendation> {
  const item = sampleItem();
  await putItem(store, item);
  return recordRecommendation(store, clock, { itemId: item.id, due });
}

/** A finalized upload of `sub`, as the publisher leaves it (the file itself is not needed here). */
async function readyUpload(sub: string, name = 'act-14.pdf'): Promise<string> {
  const id = ulid();
  const record = { id, ownerSub: sub, name, declaredType: 'application/pdf', declaredSize: 900 };
  await store.doc.send(
    new PutCommand({
      TableName: store.table,
      Item: {
        ...uploadKey(id),
        entity: 'upload',
        ...record,
        status: 'ready',
        type: 'application/pdf',
        size: 900,
        createdAt: clock.toISOString(),
      },
    }),
  );
  return id;
}

const path = (r: Recommendation) => `/api/items/${r.itemId}/recommendations/${r.id}`;

describe('checked follow-ups', () => {
  it('goes done → contested → open with the reason, each step on the chain', async () => {
    const rec = await recommendation('2027-01-15');
    const done = await call('PATCH', path(rec), official, {
      status: 'done',
      evidence: 'Act no. 14 of 2026-11-28',
    });
    expect(done.body.followUp).toBe('done');
    const before = await readPointer(store, `recommendation/${rec.itemId}/${rec.id}`);

    const contested = await call('POST', `${path(rec)}/verification`, member, {
      verdict: 'contested',
      reason: 'Site visit on 2026-11-30: the pavement is not laid',
    });
    expect(contested.status).toBe(200);
    expect(contested.body.status).toBe('open');
    expect(contested.body.followUp).toBe('open');
    expect(contested.body.verification).toMatchObject({
      verdict: 'contested',
      reason: 'Site visit on 2026-11-30: the pavement is not laid',
      byName: 'Aigerim Member',
    });
    const after = await readPointer(store, `recommendation/${rec.itemId}/${rec.id}`);
    expect(after!.seq).toBeGreaterThan(before!.seq);

    // Contesting an open one is refused: there is no "done" to contest.
    const again = await call('POST', `${path(rec)}/verification`, member, { verdict: 'confirmed' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('follow_up.not_done');
  });

  it("marks done with the official's document: shown on the recommendation, on the chain, and claimed (a second use is refused)", async () => {
    const rec = await recommendation('2027-01-20');
    const doc = await readyUpload(official.sub);
    const done = await call('PATCH', path(rec), official, {
      status: 'done',
      evidence: 'Act no. 14 of 2026-11-28',
      documents: [doc],
    });
    expect(done.status).toBe(200);
    expect(done.body.documents).toEqual([
      expect.objectContaining({ id: doc, name: 'act-14.pdf', url: `/api/attachments/${doc}` }),
    ]);
    const check = await call(
      'GET',
      `/api/audit/verify?record=recommendation/${rec.itemId}/${rec.id}`,
      member,
    );
    expect(check.body).toMatchObject({ ok: true });
    const other = await recommendation('2027-01-20');
    const again = await call('PATCH', path(other), official, {
      status: 'done',
      evidence: 'Same act',
      documents: [doc],
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0]).toMatchObject({ field: 'documents.0', code: 'attachment.unusable' });
  });

  it('lets only the body mark done and the club confirm', async () => {
    const rec = await recommendation('2027-01-15');
    const bySecretary = await call('PATCH', path(rec), secretary, { status: 'done', evidence: 'x' });
    expect(bySecretary.status).toBe(403);
    await call('PATCH', path(rec), official, { status: 'done', evidence: 'Act no. 15' });
    const confirmed = await call('POST', `${path(rec)}/verification`, secretary, { verdict: 'confirmed' });
    expect(confirmed.body).toMatchObject({ status: 'done', verification: { verdict: 'confirmed' } });
  });

  it('escalates an overdue recommendation with a letter carrying its text and chain hash', async () => {
    const rec = await recommendation('2026-11-01');
    const res = await call('POST', `${path(rec)}/escalations`, member, {
      addressee: { kind: 'superior_body', name: 'Ревизионная комиссия Жамбылской области' },
      lang: 'ru',
    });
    expect(res.status).toBe(201);
    expect(res.body.subjectKind).toBe('recommendation');
    const letter = await call('GET', `${path(rec)}/escalations/${res.body.id}/letter`, member);
    expect(letter.status).toBe(200);
    expect(letter.body).toContain('Завершить ремонт дороги по ул. Абая');
    expect(letter.body).toContain('Ревизионная комиссия Жамбылской области');
    expect(letter.body).toContain('01.11.2026');
    expect(letter.body).toContain(res.body.proof.entryHash);
  });
});

/**
 * The impact ledger (issue 21, part 7): the secretary records effects with their source document,
 * an official of the body confirms them, and the club's and each body's sums equal the entries
 * (exact KZT: 0.10 + 0.20 is 0.30). Who may record and confirm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { readPointer } from '../../functions/audit/chain';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { newId } from '../../functions/data/sessions';
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
let rec: Recommendation;
beforeAll(async () => {
  store = await createTestStore('impact');
  auth = await testAuth();
  const item = sampleItem();
  await putItem(store, item);
  rec = await recordRecommendation(store, clock, {
    itemId: item.id,
    text: { kk: 'Келісімшартты бұзу', ru: 'Расторгнуть договор' },
    due: '2027-01-15',
    sessionTitle: { kk: 'Отырыс', ru: 'Заседание' },
  });
});
afterAll(() => store.raw.destroy());

const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => clock }));
const secretary = user('club_secretary', {
  sub: 'im-secretary',
  name: 'Saule Secretary',
  roles: ['citizen', 'club_member', 'club_secretary'],
});
const member = user('club_member', { sub: 'im-member' });
const roads = user('official', { sub: 'im-roads', name: 'Roads Official', bodies: ['zha-roads'] });
const other = user('official', { sub: 'im-other', bodies: ['akimat-taraz'] });

async function call(method: string, path: string, who?: Principal, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app().request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
  return { status: res.status, body: (await res.json()) as any };
}

const effect = (kind: string, amountKzt: string | undefined, bodyId = 'zha-roads') => ({
  subject: { kind: 'recommendation', itemId: rec.itemId, id: rec.id, sessionId: rec.sessionId },
  kind,
  ...(amountKzt ? { amountKzt } : {}),
  bodyId,
  description: { kk: 'Әсер', ru: 'Эффект' },
  source: { title: 'Акт сверки № 7 от 28.11.2026', url: 'https://example.kz/act-7.pdf' },
  on: '2026-11-28',
});

describe('the impact ledger', () => {
  it('sums the club and each body exactly as the entries say, confirmed apart', async () => {
    const sent = [
      effect('money_recovered', '1250000.10'),
      effect('money_recovered', '0.20'),
      effect('purchase_cancelled', '99999999999999.99'),
      effect('defect_fixed', undefined),
      effect('money_saved', '500.00', 'akimat-taraz'),
    ];
    const made = [];
    for (const e of sent) {
      const res = await call('POST', '/api/club/impact', secretary, e);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'unconfirmed', recordedByName: 'Saule Secretary' });
      made.push(res.body);
    }
    const confirmed = await call('POST', `/api/club/impact/${rec.itemId}/${made[0].id}/confirmation`, roads);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmation: { byName: 'Roads Official' } });
    expect(await readPointer(store, `impact/${rec.itemId}/${made[0].id}`)).not.toBeNull();

    const club = await call('GET', '/api/club/impact');
    expect(club.body.totals.entries).toBe(5);
    expect(club.body.totals.all.money_recovered).toEqual({ count: 2, amountKzt: '1250000.30' });
    expect(club.body.totals.all.purchase_cancelled).toEqual({ count: 1, amountKzt: '99999999999999.99' });
    expect(club.body.totals.all.defect_fixed).toEqual({ count: 1, amountKzt: '0.00' });
    expect(club.body.totals.confirmed.money_recovered).toEqual({ count: 1, amountKzt: '1250000.10' });
    // An independent sum in tiyn over the entries the API lists.
    const tiyn = club.body.entries
      .filter((e: { kind: string }) => e.kind === 'money_recovered')
      .reduce((n: bigint, e: { amountKzt: string }) => n + BigInt(e.amountKzt.replace('.', '')), 0n);
    expect(tiyn).toBe(125000030n);

    const body = await call('GET', '/api/bodies/akimat-taraz/impact');
    expect(body.body.totals.entries).toBe(1);
    expect(body.body.totals.all.money_saved).toEqual({ count: 1, amountKzt: '500.00' });

    // The session page's sums: the effects of that session's outcomes and recommendations only.
    const session = await call('GET', `/api/club/impact?sessionId=${rec.sessionId}`);
    expect(session.body.totals).toEqual(club.body.totals);
    const other = await call('GET', `/api/club/impact?sessionId=${newId()}`);
    expect(other.body.totals.entries).toBe(0);
  });

  it('lets only the secretary record and only the body’s official confirm', async () => {
    expect((await call('POST', '/api/club/impact', member, effect('defect_fixed', undefined))).status).toBe(
      403,
    );
    const made = await call('POST', '/api/club/impact', secretary, effect('penalty_applied', '15000.00'));
    const path = `/api/club/impact/${rec.itemId}/${made.body.id}/confirmation`;
    expect((await call('POST', path, other)).status).toBe(403);
    expect((await call('POST', path, secretary)).status).toBe(403);
    expect((await call('POST', path, roads)).status).toBe(200);
    const twice = await call('POST', path, roads);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('impact.already_confirmed');
  });

  it('refuses an amount on a fixed defect and a money effect without one', async () => {
    const res = await call('POST', '/api/club/impact', secretary, effect('defect_fixed', '10.00'));
    expect(res.status).toBe(400);
    const none = await call('POST', '/api/club/impact', secretary, effect('money_saved', undefined));
    expect(none.status).toBe(400);
  });
});

/**
 * Officials' explanations of risk flags through the real API on DynamoDB Local: only an official of
 * the item's body explains, only a flag the item carries; the flag stays and the explanation is
 * public and on the audit chain; a replayed Idempotency-Key makes one explanation; moderation hides it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import type { FlagExplanationView } from '../../shared/flags-explanations';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const ROADS = 'zha-roads';
const official = user('official', { sub: 'fx-official', name: 'Roads Official', bodies: [ROADS] });
const otherOfficial = user('official', { sub: 'fx-other', name: 'Other Official', bodies: ['zha-edu'] });
const citizen = user('citizen', { sub: 'fx-citizen' });
const mod = user('moderator', { sub: 'fx-mod', name: 'Moderator' });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
// One tenderer: R-SINGLE-BID fires from the item alone.
const item = sampleItem({ body: { id: ROADS, name: { en: 'Roads' } }, tender: { numberOfTenderers: 1 } });
const TEXT = { text: 'Екінші өтінім мерзімінен кеш түсті, хаттамасы порталда.', lang: 'kk' };

beforeAll(async () => {
  store = await createTestStore('flag-explanations');
  auth = await testAuth();
  app = createApp({ store, auth: auth.verifier, now: () => new Date(), rateLimits: GENEROUS_RATE_LIMITS });
  await putBody(store, { id: ROADS, name: { en: 'Roads' } });
  await putItem(store, item);
});
afterAll(() => store.raw.destroy());

async function call(who: Principal | null, method: string, path: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  return keyed(app).request(`/api${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
const explain = (who: Principal | null, code: string, key?: string) =>
  call(who, 'POST', `/items/${item.id}/flags/${code}/explanations`, TEXT, key);
const shown = async () =>
  (
    (await (await call(null, 'GET', `/items/${item.id}/flag-explanations`)).json()) as {
      explanations: FlagExplanationView[];
    }
  ).explanations;

describe('an official explains a flag', () => {
  it('is public beside the flag, on the audit chain, once per Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await explain(official, 'R-SINGLE-BID', key);
    expect(first.status, await first.clone().text()).toBe(201);
    const again = await explain(official, 'R-SINGLE-BID', key);
    expect(again.status).toBe(201);
    const made = (await first.json()) as FlagExplanationView;
    expect(await again.json()).toEqual(made);
    expect(made).toMatchObject({ itemId: item.id, code: 'R-SINGLE-BID', bodyId: ROADS, ...TEXT });
    expect(JSON.stringify(made)).not.toContain('fx-official');
    expect(await shown()).toEqual([made]);
    const check = (await (
      await call(
        null,
        'GET',
        `/audit/verify?record=${encodeURIComponent(`explanation/${item.id}/${made.id}`)}`,
      )
    ).json()) as { ok: boolean };
    expect(check.ok).toBe(true);
  });

  it('refuses anyone but an official of the item’s body (401 anonymous, 403 others)', async () => {
    expect((await explain(null, 'R-SINGLE-BID')).status).toBe(401);
    expect((await explain(citizen, 'R-SINGLE-BID')).status).toBe(403);
    expect((await explain(otherOfficial, 'R-SINGLE-BID')).status).toBe(403);
  });

  it('refuses a flag the item does not carry with 409 flag_explanation.flag_not_on_item', async () => {
    const res = await explain(official, 'R-AMENDED-UP');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      code: 'flag_explanation.flag_not_on_item',
      params: { flag: 'R-AMENDED-UP' },
    });
  });

  it('is hidden from readers by a moderator, and the chain still verifies', async () => {
    const [made] = await shown();
    const id = `${item.id}_${made!.id}`;
    const hide = await call(mod, 'POST', `/moderation/content/flag_explanation/${id}/hide`, {
      reason: 'abuse',
      note: 'not about the flag',
    });
    expect(hide.status, await hide.clone().text()).toBe(200);
    expect(await shown()).toEqual([]);
    const check = (await (
      await call(
        null,
        'GET',
        `/audit/verify?record=${encodeURIComponent(`explanation/${item.id}/${made!.id}`)}`,
      )
    ).json()) as { ok: boolean };
    expect(check.ok).toBe(true);
  });

  it('stays listed, marked hidden with its reason, for the body’s officials and moderators only', async () => {
    const list = async (who: Principal | null) =>
      (
        (await (await call(who, 'GET', `/items/${item.id}/flag-explanations`)).json()) as {
          explanations: Array<FlagExplanationView & { visibility?: string; hiddenReason?: string }>;
        }
      ).explanations;
    for (const who of [official, mod])
      expect(await list(who)).toMatchObject([
        { code: 'R-SINGLE-BID', visibility: 'hidden', hiddenReason: 'abuse' },
      ]);
    expect(await list(otherOfficial)).toEqual([]);
    expect(await list(citizen)).toEqual([]);
  });
});

/**
 * Officials' explanations of risk flags through the real API on DynamoDB Local: only an official of
 * the item's body explains, only a flag the item carries; the flag stays and the explanation is
 * public and on the audit chain; a replayed Idempotency-Key makes one explanation; moderation hides it;
 * the body's officials edit it (an edit keeps it hidden if hidden) and withdraw it, on the chain.
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

describe('the body edits or withdraws its explanation', () => {
  const path = (id: string) => `/items/${item.id}/flag-explanations/${id}`;
  const fresh = async () =>
    (await (await explain(official, 'R-SINGLE-BID', randomUUID())).json()) as FlagExplanationView;
  const verify = async (id: string) =>
    (
      (await (
        await call(null, 'GET', `/audit/verify?record=${encodeURIComponent(`explanation/${item.id}/${id}`)}`)
      ).json()) as { ok: boolean }
    ).ok;

  it('shows the edited text with editedAt, and the chain verifies the new version', async () => {
    const made = await fresh();
    const edit = { text: 'Хаттама порталда: екінші өтінім 10:05-те түскен.', lang: 'kk' };
    const res = await call(official, 'PATCH', path(made.id), edit);
    expect(res.status, await res.clone().text()).toBe(200);
    const edited = (await res.json()) as FlagExplanationView;
    expect(edited).toMatchObject({ id: made.id, at: made.at, ...edit });
    expect(edited.editedAt).toBeDefined();
    expect((await shown()).find((e) => e.id === made.id)).toEqual(edited);
    expect(await verify(made.id)).toBe(true);
  });

  it('refuses others (401, 403), an unknown id (404) and an edit of a stale version (409)', async () => {
    const made = await fresh();
    const edit = { text: 'Other words.', lang: 'en' as const };
    expect((await call(null, 'PATCH', path(made.id), edit)).status).toBe(401);
    expect((await call(citizen, 'PATCH', path(made.id), edit)).status).toBe(403);
    expect((await call(otherOfficial, 'DELETE', path(made.id))).status).toBe(403);
    expect((await call(official, 'PATCH', path('01HZZZZZZZZZZZZZZZZZZZZZZZ'), edit)).status).toBe(404);
    // Two officials editing at once: the second, holding the version it read, gets 409.
    const { editFlagExplanation, getFlagExplanation } = await import(
      '../../functions/services/flags-explanations'
    );
    const read = (await getFlagExplanation(store, item.id, made.id))!;
    await editFlagExplanation(store, read, edit, official, new Date());
    await expect(editFlagExplanation(store, read, edit, official, new Date())).rejects.toMatchObject({
      code: 'flag_explanation.changed',
    });
  });

  it('keeps a hidden explanation hidden after an edit', async () => {
    const made = await fresh();
    await call(mod, 'POST', `/moderation/content/flag_explanation/${item.id}_${made.id}/hide`, {
      reason: 'abuse',
      note: 'off topic',
    });
    const res = await call(official, 'PATCH', path(made.id), { text: 'Now on topic.', lang: 'en' });
    expect(res.status).toBe(200);
    expect((await shown()).map((e) => e.id)).not.toContain(made.id);
  });

  it('withdraws it: gone from every list, the chain says withdrawn', async () => {
    const made = await fresh();
    const res = await call(official, 'DELETE', path(made.id));
    expect(res.status).toBe(204);
    expect((await shown()).map((e) => e.id)).not.toContain(made.id);
    const mine = (await (await call(official, 'GET', `/items/${item.id}/flag-explanations`)).json()) as {
      explanations: FlagExplanationView[];
    };
    expect(mine.explanations.map((e) => e.id)).not.toContain(made.id);
    expect(await verify(made.id)).toBe(true);
    expect((await call(official, 'DELETE', path(made.id))).status).toBe(404);
  });
});

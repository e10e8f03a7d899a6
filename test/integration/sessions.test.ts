/**
 * Club sessions through the real API on DynamoDB Local with real signed tokens: a draft is built
 * from map items, published in versions, held, given outcomes and minutes, and followed up.
 */
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { getSession } from '../../functions/data/sessions';
import type { Item } from '../../shared/item';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const NOW = new Date('2026-12-01T06:00:00Z');
/** The default draft starts 2026-12-10 15:00 Almaty (10:00 UTC); "held" is possible from then on. */
const AT_START = new Date('2026-12-10T10:00:00Z');
let clock = NOW;
const member = user('club_member', { sub: 'member-1', name: 'Aigerim' });
const member2 = user('club_member', { sub: 'member-2', name: 'Bolat' });
const secretary = user('club_secretary', { sub: 'secretary-1', name: 'Dana' });
const roadsOfficial = user('official', { sub: 'official-roads', bodies: ['zha-roads'] });
const healthOfficial = user('official', { sub: 'official-health', bodies: ['zha-health'] });

let store: Store;
let auth: TestAuth;
let app: ReturnType<typeof createApp>;
let items: Item[];

beforeAll(async () => {
  store = await createTestStore('sessions');
  auth = await testAuth();
  app = keyed(createApp({ store, auth: auth.verifier, now: () => clock, rateLimits: GENEROUS_RATE_LIMITS }));
  items = [sampleItem(), sampleItem(), sampleItem()];
  for (const i of items) await putItem(store, i);
});
afterAll(() => store.raw.destroy());

/** Marks a session held as the secretary would: on the day, once it has started. */
async function markHeld(id: string, version: number) {
  clock = AT_START;
  try {
    return await call('POST', `/api/sessions/${id}/held`, secretary, { version });
  } finally {
    clock = NOW;
  }
}

async function call(method: string, path: string, who: Principal | null, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

const draftInput = (over: Record<string, unknown> = {}) => ({
  title: 'Club session: school repairs',
  startsAt: '2026-12-10T15:00',
  durationMinutes: 120,
  venue: 'Antikor centre, Taraz',
  format: 'in_person',
  participants: [{ kind: 'official', name: 'Roads department', bodyId: 'zha-roads' }],
  ...over,
});

async function newDraft(over: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/sessions', member, draftInput(over));
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; startUtc: string };
}

async function withEntries(n: number) {
  let s = await newDraft();
  let version = s.version;
  for (const item of items.slice(0, n)) {
    const res = await call('POST', `/api/sessions/${s.id}/entries`, member, { version, itemId: item.id });
    expect(res.status).toBe(201);
    s = res.body;
    version = res.body.version;
  }
  return s as unknown as { id: string; version: number; entries: Array<{ id: string; itemId: string }> };
}

describe('drafting a session', { timeout: 120_000 }, () => {
  it('stores the Almaty start time as the right UTC instant (UTC+5)', async () => {
    const s = await newDraft();
    expect(s.startUtc).toBe('2026-12-10T10:00:00.000Z');
  });

  it('requires a link for a broadcast session', async () => {
    const res = await call('POST', '/api/sessions', member, draftInput({ format: 'broadcast' }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('link');
  });

  it('refuses an agenda entry for an item that does not exist', async () => {
    const s = await newDraft();
    const res = await call('POST', `/api/sessions/${s.id}/entries`, member, {
      version: s.version,
      itemId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('itemId');
  });

  it('puts a question raised on the item on the agenda, and refuses one that does not exist', async () => {
    const s = await newDraft();
    const item = items[0] as Item;
    const asked = await call('POST', `/api/items/${item.id}/questions`, user('citizen'), {
      text: 'Why has the road repair stopped for two months?',
    });
    expect(asked.status).toBe(201);
    const bogus = await call('POST', `/api/sessions/${s.id}/entries`, member, {
      version: s.version,
      itemId: item.id,
      questionId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    });
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors[0].field).toBe('questionId');
    const res = await call('POST', `/api/sessions/${s.id}/entries`, member, {
      version: s.version,
      itemId: item.id,
      questionId: asked.body.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.entries[0]).toMatchObject({ itemId: item.id, questionId: asked.body.id });
  });

  it('keeps drafts out of public reads', async () => {
    const s = await newDraft();
    expect((await call('GET', `/api/sessions/${s.id}`, null)).status).toBe(404);
    const list = await call('GET', '/api/sessions', null);
    expect(list.body.sessions.map((x: { id: string }) => x.id)).not.toContain(s.id);
  });

  it('reorders entries to the order given', async () => {
    const s = await withEntries(3);
    const reversed = [...s.entries].reverse().map((e) => e.id);
    const res = await call('PUT', `/api/sessions/${s.id}/order`, member, {
      version: s.version,
      entryIds: reversed,
    });
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { id: string }) => e.id)).toEqual(reversed);
  });

  it('sets length, presenter, invited body and notes on an entry; a typed start is ignored', async () => {
    const s = await withEntries(1);
    const entryId = s.entries[0]?.id;
    const res = await call('PATCH', `/api/sessions/${s.id}/entries/${entryId}`, member, {
      version: s.version,
      slot: { start: '15:10', minutes: 25 },
      presenter: 'Aigerim',
      bodyId: 'zha-roads',
      notes: 'Bring photos',
    });
    expect(res.status).toBe(200);
    expect(res.body.entries[0]).toMatchObject({
      minutes: 25,
      slot: { start: '15:00', minutes: 25 },
      bodyId: 'zha-roads',
    });
  });
});

describe('agenda timing', { timeout: 120_000 }, () => {
  const starts = (body: { entries: Array<{ slot: { start: string } }> }) =>
    body.entries.map((e) => e.slot.start);

  it('computes every slot from the order and the lengths, and re-times on reorder', async () => {
    const s = await withEntries(3);
    expect(starts(s as never)).toEqual(['15:00', '15:20', '15:40']);
    const [a, b, c] = s.entries.map((e) => e.id) as [string, string, string];
    const longer = await call('PATCH', `/api/sessions/${s.id}/entries/${a}`, member, {
      version: s.version,
      minutes: 45,
    });
    expect(starts(longer.body)).toEqual(['15:00', '15:45', '16:05']);
    const reordered = await call('PUT', `/api/sessions/${s.id}/order`, member, {
      version: longer.body.version,
      entryIds: [c, b, a],
    });
    expect(reordered.status).toBe(200);
    expect(starts(reordered.body)).toEqual(['15:00', '15:20', '15:40']);
    expect(reordered.body.entries[2]).toMatchObject({ id: a, slot: { start: '15:40', minutes: 45 } });
  });

  it('refuses an entry that makes the agenda overrun the session, with the overrun', async () => {
    const s = await withEntries(1);
    const res = await call('PATCH', `/api/sessions/${s.id}/entries/${s.entries[0]?.id}`, member, {
      version: s.version,
      slot: { start: '09:00', minutes: 240 },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'agenda.overrun',
      params: {
        overrunMinutes: 120,
        neededMinutes: 240,
        windowMinutes: 120,
        endsAt: '19:00',
        windowEnd: '17:00',
      },
    });
    expect((await getSession(store, s.id))?.entries[0]?.slot).toEqual({ start: '15:00', minutes: 20 });
  });

  it('refuses shortening the session below its agenda, and re-times when the start moves', async () => {
    const s = await withEntries(3);
    const short = await call('PATCH', `/api/sessions/${s.id}`, member, {
      version: s.version,
      durationMinutes: 45,
    });
    expect(short.status).toBe(409);
    expect(short.body.params).toMatchObject({ overrunMinutes: 15, endsAt: '16:00', windowEnd: '15:45' });
    const moved = await call('PATCH', `/api/sessions/${s.id}`, member, {
      version: s.version,
      startsAt: '2026-12-10T16:30',
    });
    expect(moved.status).toBe(200);
    expect(starts(moved.body)).toEqual(['16:30', '16:50', '17:10']);
  });
});

describe('adding to a chosen session', { timeout: 120_000 }, () => {
  it('adds to the session named, not the next one, without knowing its version', async () => {
    await newDraft({ startsAt: '2026-12-05T15:00' });
    const later = await newDraft({ startsAt: '2027-02-11T15:00' });
    const item = items[1] as Item;
    const res = await call('POST', `/api/sessions/${later.id}/entries`, member, { itemId: item.id });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(later.id);
    expect(res.body.entries).toHaveLength(1);
  });

  it("invites the item's body by default, and the question's body for a question", async () => {
    const s = await newDraft();
    const item = items[2] as Item;
    const plain = await call('POST', `/api/sessions/${s.id}/entries`, member, { itemId: item.id });
    expect(plain.body.entries[0].bodyId).toBe(item.body.id);
    const asked = await call(
      'POST',
      `/api/items/${item.id}/questions`,
      user('citizen', { sub: 'citizen-body' }),
      {
        text: 'Who is responsible for the delayed handover?',
      },
    );
    expect(asked.status).toBe(201);
    const q = await call('POST', `/api/sessions/${s.id}/entries`, member, {
      itemId: item.id,
      questionId: asked.body.id,
    });
    expect(q.status).toBe(201);
    expect(q.body.entries[1].bodyId).toBe(asked.body.bodyId);
  });
});

describe('two members editing one draft', { timeout: 120_000 }, () => {
  it('gives the second a 409 and leaves the first edit stored untouched', async () => {
    const s = await withEntries(2);
    const base = s.version;
    const [a, b] = s.entries.map((e) => e.id) as [string, string];
    const first = await call('PATCH', `/api/sessions/${s.id}/entries/${a}`, member, {
      version: base,
      notes: 'first',
    });
    expect(first.status).toBe(200);
    const second = await call('PUT', `/api/sessions/${s.id}/order`, member2, {
      version: base,
      entryIds: [b, a],
    });
    expect(second.status).toBe(409);
    const stored = await getSession(store, s.id);
    expect(stored?.version).toBe(base + 1);
    expect(stored?.entries.map((e) => e.id)).toEqual([a, b]);
    expect(stored?.entries[0]?.notes).toBe('first');
  });
});

describe('add to next session', { timeout: 120_000 }, () => {
  it('adds an item to the earliest upcoming session being prepared', async () => {
    // A fresh table, so "next" is decided among these two only.
    const s2 = await createTestStore('sessions-next');
    const app2 = keyed(createApp({ store: s2, auth: auth.verifier, now: () => NOW }));
    const item = sampleItem();
    await putItem(s2, item);
    const post = async (path: string, body: unknown) =>
      app2.request(path, {
        method: 'POST',
        headers: { ...(await auth.bearer(member)), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const later = await (await post('/api/sessions', draftInput({ startsAt: '2027-01-20T15:00' }))).json();
    const sooner = await (await post('/api/sessions', draftInput({ startsAt: '2026-12-20T15:00' }))).json();
    const res = await post('/api/club/next-session/entries', { itemId: item.id });
    expect(res.status).toBe(201);
    expect((await res.json()).id).toBe(sooner.id);
    expect((await getSession(s2, later.id))?.entries).toHaveLength(0);
    expect((await post('/api/club/next-session/entries', { itemId: item.id })).status).toBe(409);
    s2.raw.destroy();
  });
});

describe('publishing, holding, outcomes and minutes', { timeout: 120_000 }, () => {
  it('carries a session from draft to minutes with follow-ups on the item', async () => {
    let s = await withEntries(2);
    // Only the secretary publishes.
    expect((await call('POST', `/api/sessions/${s.id}/agenda`, member, { version: s.version })).status).toBe(
      403,
    );
    const v1 = await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: s.version });
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);
    s = (await call('GET', `/api/sessions/${s.id}/draft`, member)).body;

    // A later change is a new version, and it must say what changed.
    const [first] = s.entries;
    const edited = await call('PATCH', `/api/sessions/${s.id}/entries/${first?.id}`, member, {
      version: s.version,
      presenter: 'Bolat',
    });
    expect(
      (await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: edited.body.version }))
        .status,
    ).toBe(400);
    const v2 = await call('POST', `/api/sessions/${s.id}/agenda`, secretary, {
      version: edited.body.version,
      changeNote: 'Presenter changed',
    });
    expect(v2.status).toBe(201);
    const versions = await call('GET', `/api/sessions/${s.id}/agenda/versions`, null);
    expect(
      versions.body.versions.map((v: { version: number; changeNote: string }) => [v.version, v.changeNote]),
    ).toEqual([
      [1, ''],
      [2, 'Presenter changed'],
    ]);
    expect(versions.body.versions[0].entries[0].presenter).toBeUndefined();

    const held = await markHeld(s.id, edited.body.version + 1);
    expect(held.status).toBe(200);
    const entry = held.body.entries[0];
    const outcome = await call('PUT', `/api/sessions/${s.id}/entries/${entry.id}/outcome`, member, {
      version: held.body.version,
      decision: 'Ask the roads department to fix the potholes before spring.',
      recommendations: [{ bodyId: 'zha-roads', text: 'Repair the potholes', due: '2027-03-01' }],
    });
    expect(outcome.status).toBe(200);
    const rec = outcome.body.recommendations[0];
    expect(rec).toMatchObject({ bodyId: 'zha-roads', followUp: 'open', itemId: entry.itemId });

    const onItem = await call('GET', `/api/items/${entry.itemId}/recommendations`, null);
    expect(onItem.body.recommendations.map((r: { id: string }) => r.id)).toContain(rec.id);

    const minutes = await call('POST', `/api/sessions/${s.id}/minutes`, secretary, {
      version: outcome.body.version,
      text: 'Two questions considered.',
      attendance: [{ name: 'Aigerim', present: true }],
    });
    expect(minutes.status).toBe(200);
    expect(minutes.body.status).toBe('minutes_published');
    const pub = await call('GET', `/api/sessions/${s.id}`, null);
    expect(pub.body.minutes.text).toBe('Two questions considered.');
  });
});

describe("an item's sessions", { timeout: 120_000 }, () => {
  it('lists the published sessions whose public agenda names the item, newest first, and no draft', async () => {
    const [item, other] = [sampleItem(), sampleItem()];
    await putItem(store, item);
    await putItem(store, other);
    const add = async (s: { id: string; version: number }, itemId: string) =>
      (await call('POST', `/api/sessions/${s.id}/entries`, member, { version: s.version, itemId })).body;
    const publish = async (s: { id: string; version: number }) =>
      expect(
        (await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: s.version })).status,
      ).toBe(201);
    const early = await add(await newDraft({ startsAt: '2026-12-10T15:00' }), item.id);
    await publish(early);
    const late = await add(await newDraft({ startsAt: '2026-12-17T15:00' }), item.id);
    await publish(late);
    await add(await newDraft(), item.id); // a draft: not public
    await publish(await add(await newDraft(), other.id)); // another item's session
    // Added to the working copy after publishing: not on the public agenda yet.
    const unpublished = await newDraft({ startsAt: '2026-12-24T15:00' });
    await publish(await add(unpublished, other.id));
    const working = (await call('GET', `/api/sessions/${unpublished.id}/draft`, member)).body;
    await add(working, item.id);

    const res = await call('GET', `/api/items/${item.id}/sessions`, null);
    expect(res.status).toBe(200);
    expect(res.body.sessions.map((s: { id: string }) => s.id)).toEqual([late.id, early.id]);
  });
});

describe('follow-ups', { timeout: 120_000 }, () => {
  async function heldWithRecommendation(due: string) {
    const s = await withEntries(1);
    const v1 = await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: s.version });
    const held = await markHeld(s.id, s.version + 1);
    expect(v1.status).toBe(201);
    const entry = held.body.entries[0];
    const res = await call('PUT', `/api/sessions/${s.id}/entries/${entry.id}/outcome`, member, {
      version: held.body.version,
      decision: 'Decided',
      recommendations: [{ bodyId: 'zha-roads', text: 'Do it', due }],
    });
    return res.body.recommendations[0] as { id: string; itemId: string; followUp: string };
  }

  it('marks a recommendation overdue when it is still open after its due date', async () => {
    const rec = await heldWithRecommendation('2026-11-01');
    expect(rec.followUp).toBe('overdue');
  });

  it('lets an official of the addressed body mark it done with evidence', async () => {
    const rec = await heldWithRecommendation('2027-02-01');
    const res = await call('PATCH', `/api/items/${rec.itemId}/recommendations/${rec.id}`, roadsOfficial, {
      status: 'done',
      evidence: 'Repaired, photos in the act of 2026-11-30',
    });
    expect(res.status).toBe(200);
    expect(res.body.followUp).toBe('done');
  });

  it('refuses an official of another body', async () => {
    const rec = await heldWithRecommendation('2027-02-01');
    const res = await call('PATCH', `/api/items/${rec.itemId}/recommendations/${rec.id}`, healthOfficial, {
      status: 'done',
      evidence: 'x',
    });
    expect(res.status).toBe(403);
  });

  it('requires evidence to mark a recommendation done', async () => {
    const rec = await heldWithRecommendation('2027-02-01');
    const res = await call('PATCH', `/api/items/${rec.itemId}/recommendations/${rec.id}`, roadsOfficial, {
      status: 'done',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('evidence');
  });

  it('shows an official the sessions that involve their body', async () => {
    const res = await call('GET', '/api/me/sessions', roadsOfficial);
    expect(res.status).toBe(200);
    expect(res.body.sessions.length).toBeGreaterThan(0);
    const other = await call('GET', '/api/me/sessions', healthOfficial);
    expect(other.body.sessions).toHaveLength(0);
  });
});

describe('GET /api/sessions.ics', { timeout: 120_000 }, () => {
  it('parses with a real iCalendar parser and places the start at 15:00 Almaty (10:00 UTC)', async () => {
    const s = await withEntries(1);
    await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: s.version });
    const res = await app.request('/api/sessions.ics');
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = await res.text();
    expect(text).toContain('DTSTART;TZID=Asia/Almaty:20261210T150000');
    const parsed = ical.sync.parseICS(text);
    const events = Object.values(parsed).flatMap((e) => (e?.type === 'VEVENT' ? [e] : []));
    const event = events.find((e) => e.uid === `${s.id}@open-budget-map`);
    expect(event).toBeDefined();
    expect(event?.start.toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(event?.end?.toISOString()).toBe('2026-12-10T12:00:00.000Z');
  });

  it('speaks Kazakh by default and Russian with ?lang=ru, with no English plural workaround', async () => {
    const s = await withEntries(1);
    await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: s.version });
    const kk = await (await app.request('/api/sessions.ics')).text();
    expect(kk).toContain('X-WR-CALNAME:«Antikor» клубының отырыстары');
    expect(kk).toContain('Күн тәртібіндегі мәселелер: 1');
    const ru = await (await app.request('/api/sessions.ics?lang=ru')).text();
    expect(ru).toContain('Вопросов в повестке: 1');
    expect(ru).not.toContain('question(s)');
  });
});

describe('bilingual club content', { timeout: 120_000 }, () => {
  const title = { kk: 'Клуб отырысы: мектеп жөндеу', ru: 'Заседание клуба: ремонт школ' };
  const venue = { kk: '«Antikor» орталығы, Тараз', ru: 'Центр «Antikor», Тараз' };

  async function bilingualPublished() {
    const s = await newDraft({ title, venue, startsAt: '2026-12-17T15:00' });
    const added = await call('POST', `/api/sessions/${s.id}/entries`, member, {
      itemId: (items[0] as Item).id,
      notes: { kk: 'Фотосуреттер әкеліңіз', ru: 'Принесите фотографии' },
    });
    expect(added.status).toBe(201);
    await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: added.body.version });
    return s.id;
  }

  const eventOf = (text: string, id: string) =>
    Object.values(ical.sync.parseICS(text)).find(
      (e) => e?.type === 'VEVENT' && e.uid === `${id}@open-budget-map`,
    ) as ical.VEvent;
  const plain = (v: unknown) => (typeof v === 'string' ? v : String((v as { val?: string })?.val ?? ''));

  it('stores kk and ru and answers each reader in their language', async () => {
    const id = await bilingualPublished();
    const res = await call('GET', `/api/sessions/${id}`, null);
    expect(res.body.title).toEqual(title);
    expect(res.body.entries[0].notes).toEqual({ kk: 'Фотосуреттер әкеліңіз', ru: 'Принесите фотографии' });
  });

  it('gives a Kazakh and a Russian feed that a real parser reads, with the agenda entries, in Almaty time', async () => {
    const id = await bilingualPublished();
    const kk = eventOf(await (await app.request('/api/sessions.ics?lang=kk')).text(), id);
    expect(plain(kk.summary)).toBe(title.kk);
    expect(plain(kk.location)).toBe(venue.kk);
    expect(kk.start.toISOString()).toBe('2026-12-17T10:00:00.000Z');
    expect(plain(kk.description)).toContain('1. 15:00 Жол жөндеу (Фотосуреттер әкеліңіз)');
    const ru = eventOf(await (await app.request('/api/sessions.ics?lang=ru')).text(), id);
    expect(plain(ru.summary)).toBe(title.ru);
    expect(plain(ru.description)).toContain('Вопросов в повестке: 1');
    expect(plain(ru.description)).toContain('1. 15:00 Ремонт дороги (Принесите фотографии)');
    // No English words in either feed's event (the URL aside).
    for (const e of [kk, ru]) {
      const words = `${plain(e.summary)} ${plain(e.description).replace(/https?:\S+/g, '')}`;
      expect(words.replace(/Antikor/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('reads a single-string title stored before the bilingual model as written', async () => {
    const s = await newDraft({ title: 'Заседание клуба: дороги', startsAt: '2026-12-18T15:00' });
    const added = await call('POST', `/api/sessions/${s.id}/entries`, member, {
      itemId: (items[1] as Item).id,
    });
    await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: added.body.version });
    const kk = eventOf(await (await app.request('/api/sessions.ics?lang=kk')).text(), s.id);
    expect(plain(kk.summary)).toBe('Заседание клуба: дороги');
  });
});

describe('lifecycle', { timeout: 120_000 }, () => {
  async function published() {
    const s = await withEntries(1);
    const res = await call('POST', `/api/sessions/${s.id}/agenda`, secretary, { version: s.version });
    expect(res.status).toBe(201);
    return { id: s.id, version: s.version + 1 };
  }

  it('refuses "held" before the start with 409 session.not_started and leaves the club stats alone', async () => {
    const s = await published();
    const before = (await call('GET', '/api/club/stats', null)).body;
    const res = await call('POST', `/api/sessions/${s.id}/held`, secretary, { version: s.version });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('session.not_started');
    expect((await call('GET', '/api/club/stats', null)).body).toEqual(before);
    expect((await call('GET', `/api/sessions/${s.id}`, null)).body.status).toBe('agenda_published');
  });

  it('refuses minutes before the session is held with 409 session.transition_not_allowed', async () => {
    const s = await published();
    const res = await call('POST', `/api/sessions/${s.id}/minutes`, secretary, {
      version: s.version,
      text: 'Too early.',
      attendance: [],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('session.transition_not_allowed');
  });

  it('cancels a published session with its reason, and takes it off the calendar', async () => {
    const s = await published();
    const res = await call('POST', `/api/sessions/${s.id}/cancel`, secretary, {
      version: s.version,
      reason: 'The venue is closed for repairs.',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(res.body.cancellation.reason).toBe('The venue is closed for repairs.');
    const ics = await call('GET', '/api/sessions.ics', null);
    expect(String(ics.body)).not.toContain(s.id);
  });

  it('refuses to cancel a held session (409) and to hold a cancelled one (409)', async () => {
    const held = await published();
    const h = await markHeld(held.id, held.version);
    expect(h.status).toBe(200);
    const cancelHeld = await call('POST', `/api/sessions/${held.id}/cancel`, secretary, {
      version: h.body.version,
      reason: 'Too late to cancel.',
    });
    expect(cancelHeld.status).toBe(409);
    expect(cancelHeld.body.code).toBe('session.transition_not_allowed');

    const draft = await newDraft();
    const c = await call('POST', `/api/sessions/${draft.id}/cancel`, secretary, {
      version: draft.version,
      reason: 'Nobody can come.',
    });
    expect(c.status).toBe(200);
    const holdCancelled = await markHeld(draft.id, c.body.version);
    expect(holdCancelled.status).toBe(409);
    expect(holdCancelled.body.code).toBe('session.transition_not_allowed');
  });

  it('records a changed start on a published session as a new agenda version', async () => {
    const s = await published();
    const res = await call('PATCH', `/api/sessions/${s.id}`, member, {
      version: s.version,
      startsAt: '2026-12-17T15:00',
    });
    expect(res.status).toBe(200);
    const versions = (await call('GET', `/api/sessions/${s.id}/agenda/versions`, null)).body.versions;
    expect(versions.map((v: { version: number; startsAt: string }) => [v.version, v.startsAt])).toEqual([
      [1, '2026-12-10T15:00'],
      [2, '2026-12-17T15:00'],
    ]);
    expect(versions[1].changeNote).toContain('2026-12-10T15:00');
  });
});

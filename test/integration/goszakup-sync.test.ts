/** The procurement connector against a local stand-in of the portal: the real HTTP client, paging, retries and import. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { listEntries } from '../../functions/audit/chain';
import { verifyFull } from '../../functions/audit/verify';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { follow } from '../../functions/data/follows';
import { listPendingEvents, subscribe } from '../../functions/data/notifications';
import { GoszakupClient, GoszakupError } from '../../functions/goszakup/client';
import { GOSZAKUP_SOURCE } from '../../functions/goszakup/map';
import { syncGoszakup } from '../../functions/goszakup/sync';
import { stableItemId } from '../../functions/opendata/ids';
import { getItemsById, getStoredItems } from '../../functions/opendata/store';
import { expandImportNews, FLAG_NEWS, IMPORT_NEWS } from '../../functions/services/notifications';
import { listProgressUpdates, postProgressUpdate } from '../../functions/services/progress-updates';
import { withControlDigit } from '../../shared/bin';
import { moneyHistory } from '../../web/src/integrity/moneyHistory';
import { testAuth, user } from '../support/auth';
import { type StandIn, sampleContract, startGoszakupStandIn } from '../support/goszakup-standin';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const BODY_BIN = withControlDigit('06024001234')!;
let standIn: StandIn;
const stores: Store[] = [];

async function freshStore(): Promise<Store> {
  const store = await createTestStore('gzk');
  stores.push(store);
  await putBody(store, {
    id: 'akimat-merki',
    name: { kk: 'Меркі ауданының әкімдігі', ru: 'Акимат Меркенского района' },
    area: 'merki',
    bin: BODY_BIN,
  });
  return store;
}
const client = (token = standIn.token) => new GoszakupClient({ url: standIn.url, token, baseDelayMs: 1 });
const itemId = (id: number) => stableItemId(GOSZAKUP_SOURCE, String(id));

/** Every flag code announced as news so far, as `<itemId> <code>`: the imports' news events and the flag job's (FLAG_NEWS). */
async function announcedFlags(store: Store): Promise<string[]> {
  return (await listPendingEvents(store, 1000)).flatMap((e) =>
    e.type === 'item.flagged'
      ? String(e.data.flags)
          .split(',')
          .map((code) => `${e.data.itemId} ${code}`)
      : e.type === IMPORT_NEWS || e.type === FLAG_NEWS
        ? (JSON.parse(String(e.data.items)) as { i: string; f?: string }[]).flatMap((n) =>
            (n.f ? n.f.split(',') : []).map((code) => `${n.i} ${code}`),
          )
        : [],
  );
}

/** A fresh store and one page of 120 contracts (ids 1000-1119), each with its own supplier (their BINs). */
async function withPageOf120(run: (store: Store, bins: string[]) => Promise<void>): Promise<void> {
  const bins = Array.from({ length: 200 }, (_, i) => withControlDigit(`100541${String(i).padStart(5, '0')}`))
    .filter((bin) => bin !== undefined)
    .slice(0, 120);
  const five = standIn.contracts;
  standIn.contracts = bins.map((bin, i) =>
    sampleContract(1000 + i, {
      supplierBiin: bin,
      Supplier: { bin, nameRu: `ТОО «${i}»`, nameKz: `ЖШС «${i}»` },
    }),
  );
  try {
    await run(await freshStore(), bins);
  } finally {
    standIn.contracts = five;
  }
}

beforeAll(async () => {
  standIn = await startGoszakupStandIn([1, 2, 3, 4, 5].map((id) => sampleContract(id)));
});
afterAll(async () => {
  await standIn.close();
  for (const s of stores) s.raw.destroy();
});

describe('sync:goszakup', () => {
  it('follows the keyset pages, maps amounts to the tiyn and imports every contract once', async () => {
    const store = await freshStore();
    standIn.requests.length = 0;
    const report = await syncGoszakup(store, client(), { limit: 2 });
    expect(report).toMatchObject({ pages: 3, contracts: 5, created: 5, updated: 0, refused: 0 });
    const afters = standIn.requests.filter((r) => !r.query.includes('__type')).map((r) => r.variables.after);
    expect(afters).toEqual([undefined, 2, 4]);
    const item = (await getItemsById(store, [itemId(1)])).get(itemId(1))!;
    expect(item.amounts).toEqual({ planned: '12500000.50', contracted: '12500000.50', spent: '2500000.00' });
    expect(item).toMatchObject({ area: 'merki', category: 'roads', body: { id: 'akimat-merki' } });
    expect(item.contractor).toEqual({
      name: 'ТОО «Меркі Жол Құрылыс»',
      bin: withControlDigit('10054000123'),
    });
    expect(item.provenance).toMatchObject({ source: 'import', sourceName: 'goszakup', sourceId: '1' });
    // A new item's own flags came with its put (their chain record and news in the import's entry);
    // the flag job after the sync added only what needs other items, and announced no code twice.
    const entries = await listEntries(store, 0, 100);
    const imported = entries
      .filter((e) => e.action === 'import.items')
      .flatMap((e) => e.records.map((r) => r.key))
      .filter((k) => k.startsWith('flags/'));
    expect(imported).toHaveLength(5);
    const announced = await announcedFlags(store);
    expect(announced).toContain(`${itemId(1)} R-STALE`);
    // Five contracts of one body with one supplier: the job's news names the flags that need them all.
    expect(announced).toContain(`${itemId(1)} R-REPEAT-AWARD`);
    expect(new Set(announced).size).toBe(announced.length);
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
  }, 120_000);

  it('puts a page of the portal on the chain as one entry, with its news as one event', async () => {
    // 120 contracts, each with its own supplier (no group flags for the flag job to add): one page,
    // two chunks of the importer.
    await withPageOf120(async (store) => {
      const report = await syncGoszakup(store, client());
      expect(report).toMatchObject({ pages: 1, created: 120, refused: 0 });
      const entries = (await listEntries(store, 0, 100)).filter((e) => e.action === 'import.items');
      expect(entries).toHaveLength(1);
      const keys = entries[0]!.records.map((r) => r.key);
      expect(keys.filter((k) => k.startsWith('item/'))).toHaveLength(120);
      const flagged = keys.filter((k) => k.startsWith('flags/')).map((k) => k.slice('flags/'.length));
      expect(flagged.length).toBeGreaterThan(0);
      // One news event for the page, naming every new item and each one's own new flags; no
      // item.created or item.flagged rows are written for things nobody follows.
      const events = await listPendingEvents(store, 1000);
      expect(events.filter((e) => e.type === IMPORT_NEWS)).toHaveLength(1);
      expect(events.filter((e) => e.type === 'item.created' || e.type === 'item.flagged')).toEqual([]);
      const announced = new Set((await announcedFlags(store)).map((a) => a.split(' ')[0]));
      expect(flagged.filter((id) => !announced.has(id))).toEqual([]);
      expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, chain: null });
    });
  }, 180_000);

  it("spells out the page's news for each kind of follower: an item's, a contractor's, then a body's and an area's", async () => {
    await withPageOf120(async (store, bins) => {
      const at = new Date('2026-06-01T06:00:00Z');
      // A contractor's subscriber and the follower of another contractor's item (its id is the
      // contract's: a follow made before the item came, as one kept from a deleted item would be).
      await subscribe(store, 'fan-contractor', 'contractor', bins[0]!, at);
      await follow(store, 'fan-item', itemId(1005), at);
      await syncGoszakup(store, client());
      const news = (await listPendingEvents(store, 1000)).find((e) => e.type === IMPORT_NEWS)!;
      expect(await expandImportNews(store, news)).toBe(3);
      const spelled = async () =>
        (await listPendingEvents(store, 1000))
          .filter((e) => e.type !== IMPORT_NEWS)
          .map((e) =>
            e.type === 'item.created'
              ? `created ${e.data.followKind}:${e.data.followId} ${e.data.count}`
              : `flagged ${e.data.itemId} ${e.data.flags}`,
          )
          .sort();
      // Each flagged item's news names the flags the page's news gave it; a group's news, its first item's title.
      const own = new Map(
        (JSON.parse(String(news.data.items)) as { i: string; f?: string }[]).map((n) => [n.i, n.f]),
      );
      expect(own.get(itemId(1000))).toContain('R-STALE');
      expect(own.get(itemId(1005))).toContain('R-STALE');
      expect(await spelled()).toEqual(
        [
          `created contractor:${bins[0]} 1`,
          `flagged ${itemId(1000)} ${own.get(itemId(1000))}`,
          `flagged ${itemId(1005)} ${own.get(itemId(1005))}`,
        ].sort(),
      );
      const created = (await listPendingEvents(store, 1000)).find((e) => e.type === 'item.created')!;
      const first = (await getItemsById(store, [itemId(1000)])).get(itemId(1000))!;
      expect(JSON.parse(String(created.data.itemTitle))).toEqual(first.title);
      // The body's and the area's subscribers come: the same news, spelled out again, adds their
      // two groups and every flagged item's news; what was written already is not written twice.
      await subscribe(store, 'fan-body', 'body', 'akimat-merki', at);
      await subscribe(store, 'fan-area', 'area', 'merki', at);
      const all = await spelled();
      expect(await expandImportNews(store, news)).toBe(2 + 120 - 2);
      const after = await spelled();
      expect(after).toEqual(
        expect.arrayContaining([...all, 'created area:merki 120', 'created body:akimat-merki 120']),
      );
      expect(after.filter((e) => e.startsWith('flagged '))).toHaveLength(120);
    });
  }, 180_000);

  it("gives a new item the repeat award counted over every page of the run in its own put; the flag job after it adds only the body's concentration, with one news event that spells out no new item; a second sync with nothing changed writes no flag and adds no chain entry", async () => {
    const store = await freshStore();
    const at = new Date('2026-06-01T06:00:00Z');
    await follow(store, 'fan-of-2', itemId(2), at);
    // Pages of 2: no page alone holds the third contract of the body with the supplier.
    await syncGoszakup(store, client(), { limit: 2 });
    const imported = (await listEntries(store, 0, 100)).filter((e) => e.action === 'import.items');
    expect(imported).toHaveLength(3);
    // Each new item's own news (its page's import news) already names its repeat award, of 5 contracts.
    const toldOnImport = (await listPendingEvents(store, 1000))
      .filter((e) => e.type === IMPORT_NEWS)
      .flatMap((e) =>
        (JSON.parse(String(e.data.items)) as { i: string; f?: string }[]).flatMap((n) =>
          (n.f ? n.f.split(',') : []).map((code) => `${n.i} ${code}`),
        ),
      );
    const stored = await getStoredItems(store, [1, 2, 3, 4, 5].map(itemId));
    for (const n of [1, 2, 3, 4, 5]) {
      expect(toldOnImport).toContain(`${itemId(n)} R-REPEAT-AWARD`);
      const facts = stored.get(itemId(n))?.flags?.flagFacts as Record<string, { contracts?: number }>;
      expect(facts['R-REPEAT-AWARD']?.contracts).toBe(5);
    }
    // Five contracts of one body, all with one supplier: a 100 % share, which the job adds to each.
    const job = (await listEntries(store, 0, 100)).filter((e) => e.action === 'flags.run');
    const rewritten = job.flatMap((e) => e.records.map((r) => r.key)).filter((k) => k.startsWith('flags/'));
    expect(rewritten.sort()).toEqual([1, 2, 3, 4, 5].map((n) => `flags/${itemId(n)}`).sort());
    const news = (await listPendingEvents(store, 1000)).filter((e) => e.type === FLAG_NEWS);
    expect(news).toHaveLength(1);
    // Spelled out: the item.flagged news of the one item someone follows, and no item.created.
    expect(await expandImportNews(store, news[0]!)).toBe(1);
    const spelled = (await listPendingEvents(store, 1000)).filter(
      (e) => e.type === 'item.flagged' || e.type === 'item.created',
    );
    expect(spelled.map((e) => [e.type, e.data.itemId])).toEqual([['item.flagged', itemId(2)]]);
    // The repeat award was news with the new item; the job tells only what it added.
    expect(String(spelled[0]!.data.flags).split(',')).toEqual(['R-CONCENTRATION']);
    expect((await announcedFlags(store)).filter((a) => a === `${itemId(2)} R-REPEAT-AWARD`)).toHaveLength(1);

    const head = (await listEntries(store, 0, 1000)).length;
    const events = (await listPendingEvents(store, 1000)).length;
    expect(await syncGoszakup(store, client())).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(await listEntries(store, 0, 1000)).toHaveLength(head);
    expect(await listPendingEvents(store, 1000)).toHaveLength(events);
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, records_failed: [] });
  }, 120_000);

  it("reports everything unchanged on a second run, updates only a contract amended in between, and keeps an official's progress update through re-syncs", async () => {
    const store = await freshStore();
    await syncGoszakup(store, client());
    const again = await syncGoszakup(store, client());
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    // An official of the customer reports more spent than the portal shows, and a later end.
    const official = user('official', {
      sub: 'gzk-official',
      name: 'Меркі әкімдігі',
      bodies: ['akimat-merki'],
    });
    const update = await postProgressUpdate(
      store,
      itemId(3),
      official,
      {
        spent: { total: '4000000.00', asOf: '2026-05-25' },
        expectedEnd: { date: '2026-12-15', reason: 'Асфальт зауыты тоқтап тұр' },
      },
      { now: new Date('2026-05-28T06:00:00Z') },
    );

    const amended = standIn.contracts[2]!;
    const original = { ...amended };
    const item3 = async () => (await getItemsById(store, [itemId(3)])).get(itemId(3))!;
    Object.assign(amended, {
      contractSum: '13750000.55',
      faktSum: '3000000.00',
      lastUpdateDate: '2026-06-01 09:00:00',
    });
    try {
      const third = await syncGoszakup(store, client());
      expect(third).toMatchObject({ created: 0, updated: 1 });
      const item = await item3();
      expect(item.amounts).toEqual({
        planned: '12500000.50',
        contracted: '13750000.55',
        spent: '4000000.00',
      });
      // The source's new values and the official's update are both there.
      expect(item.period.end).toBe('2026-12-15');
      expect(item.transactions).toEqual([
        expect.objectContaining({ id: `progress-${update.id}`, amount: '1000000.00', date: '2026-05-25' }),
      ]);
      // The amendment is kept in the item's money history, and the panel's history shows it.
      expect(item.amendments).toEqual([
        expect.objectContaining({
          date: '2026-06-01',
          valueBefore: '12500000.50',
          valueAfter: '13750000.55',
          source: 'https://www.goszakup.gov.kz/ru/egzcontract/cpublic/show/3',
        }),
      ]);
      expect(moneyHistory(item).find((s) => s.kind === 'amended')).toMatchObject({
        before: '12500000.50',
        after: '13750000.55',
        change: '+1250000.05',
        changePercent: '+10.0',
      });
      // Re-reading every contract changes nothing: the update applied again gives the same item.
      expect(await syncGoszakup(store, client(), { since: '2026-01-01' })).toMatchObject({
        updated: 0,
        unchanged: 5,
      });
      expect((await item3()).amendments).toHaveLength(1);
      // The portal catches up past the official's figure: its figure stands; the end date is still the official's.
      Object.assign(amended, { faktSum: '4500000.00', lastUpdateDate: '2026-07-01 09:00:00' });
      expect(await syncGoszakup(store, client())).toMatchObject({ updated: 1 });
      const last = await item3();
      expect(last.amounts.spent).toBe('4500000.00');
      expect(last.transactions ?? []).toEqual([]);
      expect(last.period.end).toBe('2026-12-15');
      expect((await listProgressUpdates(store, itemId(3))).map((u) => u.id)).toEqual([update.id]);
      expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, records_failed: [] });
    } finally {
      Object.assign(amended, original);
    }
  }, 240_000);

  it('retries 429 and 5xx with backoff, then succeeds', async () => {
    const store = await freshStore();
    standIn.failures.push(429, 503);
    const report = await syncGoszakup(store, client(), { dryRun: true });
    expect(report.retries).toBe(2);
    expect(report.created).toBe(5);
  });

  it('stops with one clear line on a refused token', async () => {
    const store = await freshStore();
    const err = await syncGoszakup(store, client('expired')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoszakupError);
    expect((err as GoszakupError).message).toMatch(
      /^the portal refused the token \(HTTP 401\).*GOSZAKUP_TOKEN/,
    );
    expect((err as GoszakupError).message).not.toContain('\n');
  });

  it('stops taking batches after a write fails, and reports that failure', async () => {
    const store = await freshStore();
    let failed = 0;
    store.doc.middlewareStack.add(
      (next, context) => async (args) => {
        if ((context as { commandName?: string }).commandName === 'BatchWriteItemCommand' && !failed++)
          throw new Error('the table refused the write');
        return next(args);
      },
      { step: 'initialize', name: 'failFirstBatchWrite' },
    );
    // Pages of 2 and one batch at a time: three batches, the first of which fails.
    const err = await syncGoszakup(store, client(), { limit: 2, concurrency: 1 }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('the table refused the write');
    expect(failed).toBe(1);
    expect((await getStoredItems(store, [1, 2, 3, 4, 5].map(itemId))).size).toBe(0);
  });

  it('stops before writing anything when a field it reads was renamed, naming the field', async () => {
    const store = await freshStore();
    standIn.renamed['Contract.faktSum'] = 'factSum';
    try {
      const err = await syncGoszakup(store, client()).catch((e: unknown) => e);
      expect((err as GoszakupError).code).toBe('schema');
      expect((err as GoszakupError).message).toContain('Contract.faktSum');
      expect((await getItemsById(store, [itemId(1)])).size).toBe(0);
      // A field read through the supplier's type is checked too, wherever the type is named.
      delete standIn.renamed['Contract.faktSum'];
      standIn.renamed['Subjects.nameRu'] = 'nameRus';
      const nested = await syncGoszakup(store, client()).catch((e: unknown) => e);
      expect((nested as GoszakupError).message).toMatch(
        /^the portal's schema changed: Contract\.Supplier\.nameRu no longer exists; nothing was imported$/,
      );
      // And a filter field the query sends.
      delete standIn.renamed['Subjects.nameRu'];
      standIn.renamed['ContractFiltersInput.customerBin'] = 'customerBiin';
      const filter = await syncGoszakup(store, client()).catch((e: unknown) => e);
      expect((filter as GoszakupError).message).toContain('ContractFiltersInput.customerBin');
    } finally {
      delete standIn.renamed['Contract.faktSum'];
      delete standIn.renamed['Subjects.nameRu'];
      delete standIn.renamed['ContractFiltersInput.customerBin'];
    }
  });

  it('refuses and reports an unknown KATO, an unmapped ENSTRU code and an unbound customer', async () => {
    const odd = await startGoszakupStandIn([
      sampleContract(11, {
        ContractUnits: [
          { id: 1, Plans: { refEnstruCode: '421110.000.000003', PlansKato: [{ refKatoCode: '999999999' }] } },
        ],
      }),
      sampleContract(12, {
        ContractUnits: [
          { id: 2, Plans: { refEnstruCode: '999999.000.000001', PlansKato: [{ refKatoCode: '315420100' }] } },
        ],
      }),
      sampleContract(13, { customerBin: '990140000017' }),
    ]);
    try {
      const store = await freshStore();
      const report = await syncGoszakup(
        store,
        new GoszakupClient({ url: odd.url, token: odd.token, baseDelayMs: 1 }),
      );
      expect(report).toMatchObject({ created: 0, refused: 3 });
      expect(report.unmapped.kato).toEqual({ '999999999': 1 });
      expect(report.unmapped.enstru).toEqual({ '999999.000.000001': 1 });
      expect(
        report.issues
          .filter((i) => i.severity === 'error')
          .map((i) => i.field)
          .sort(),
      ).toEqual(['Plans.refEnstruCode', 'PlansKato.refKatoCode', 'customerBin']);
    } finally {
      await odd.close();
    }
  });

  it('passes the year and customer filters to the portal', async () => {
    const store = await freshStore();
    standIn.requests.length = 0;
    const report = await syncGoszakup(store, client(), { year: 2025, customers: [BODY_BIN], dryRun: true });
    expect(report.contracts).toBe(0);
    const contractQuery = standIn.requests.find((r) => !r.query.includes('__type'))!;
    expect(contractQuery.variables.filter).toEqual({ finYear: 2025, customerBin: BODY_BIN });
  });
});

describe('admins and the connector (one store, through the API)', () => {
  const admin = user('admin', { sub: 'gzk-admin', name: 'Admin' });
  const OTHER_BIN = withControlDigit('07034001111')!;
  let store: Store;
  let call: (method: string, path: string, body?: unknown) => Promise<Response>;
  let clock = new Date('2026-06-02T01:00:00Z');

  beforeAll(async () => {
    store = await createTestStore('gzk-api');
    stores.push(store);
    const auth = await testAuth();
    const app = keyed(createApp({ store, auth: auth.verifier, now: () => clock }));
    call = async (method, path, body) =>
      app.request(path, {
        method,
        headers: { ...(await auth.bearer(admin)), 'Content-Type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    for (const id of ['akimat-merki', 'akimat-talas'])
      expect((await call('POST', '/api/admin/bodies', { id, name: { ru: id } })).status).toBe(201);
  });

  it('binds a body to its BIN: each refusal has its code, one BIN serves one body, and the sync finds the body by it', async () => {
    const codeOf = async (res: Response) => {
      const p = (await res.json()) as { code: string; errors?: { code: string }[] };
      return { status: res.status, code: p.errors?.[0]?.code ?? p.code };
    };
    const wrongDigit = `${BODY_BIN.slice(0, 11)}${(Number(BODY_BIN[11]) + 1) % 10}`;
    expect(await codeOf(await call('PATCH', '/api/admin/bodies/akimat-merki', { bin: wrongDigit }))).toEqual({
      status: 400,
      code: 'bin.control_digit',
    });
    const iin = withControlDigit('90010130012')!;
    expect(await codeOf(await call('PATCH', '/api/admin/bodies/akimat-merki', { bin: iin }))).toEqual({
      status: 400,
      code: 'bin.kind',
    });
    expect((await call('PATCH', '/api/admin/bodies/akimat-merki', { bin: BODY_BIN })).status).toBe(200);
    const taken = await call('PATCH', '/api/admin/bodies/akimat-talas', { bin: BODY_BIN });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({
      code: 'body.bin_taken',
      params: { bin: BODY_BIN, bodyId: 'akimat-merki' },
    });
    // Moving the BIN: unbinding frees it for the other body.
    expect((await call('PATCH', '/api/admin/bodies/akimat-merki', { bin: OTHER_BIN })).status).toBe(200);
    expect((await call('PATCH', '/api/admin/bodies/akimat-talas', { bin: BODY_BIN })).status).toBe(200);

    const report = await syncGoszakup(store, client(), { now: () => clock });
    expect(report).toMatchObject({ created: 5, refused: 0 });
    const item = (await getItemsById(store, [itemId(1)])).get(itemId(1))!;
    expect(item.body.id).toBe('akimat-talas');
    // Every bind is on the chain, and the bodies re-read from the table match their entries.
    expect(await verifyFull(store, null, new Date())).toMatchObject({ ok: true, records_failed: [] });
  }, 120_000);

  it("keeps each run's report for admins, a failed one with its one line, and moves the map's freshness only on success", async () => {
    const goodAt = clock.toISOString();
    clock = new Date('2026-06-03T01:00:00Z');
    await syncGoszakup(store, client('expired'), { now: () => clock, trigger: 'schedule' }).catch(
      () => undefined,
    );
    const runs = (await (await call('GET', '/api/admin/data-runs?limit=5')).json()) as {
      runs: { ok: boolean; kind: string; trigger: string; error?: string; created: number; at: string }[];
    };
    expect(runs.runs.map((r) => [r.ok, r.trigger, r.at])).toEqual([
      [false, 'schedule', clock.toISOString()],
      [true, 'cli', goodAt],
    ]);
    expect(runs.runs[0]!.error).toMatch(/^the portal refused the token/);
    expect(runs.runs[1]).toMatchObject({ kind: 'goszakup-sync', created: 5 });
    const fresh = await call('GET', '/api/data-freshness');
    expect(await fresh.json()).toEqual({ refreshedAt: goodAt, changedAt: goodAt, source: 'goszakup-sync' });
  });
});

/**
 * Open311 GeoReport v2 on DynamoDB Local: services (bodies), requests (questions) in JSON and XML
 * with the spec's required fields, date and status filters, raising a question with an API key,
 * the spec's error lists; text a moderator hid left out; and the whole OpenAPI document, Open311 and open-data routes included,
 * validates.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import { putBody } from '../../functions/data/bodies';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { decideContent } from '../../functions/services/moderation';
import { answerQuestion, raiseQuestion } from '../../functions/services/questions';
import { type TestAuth, testAuth, user } from '../support/auth';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

const KEY = 'test-open311-key';
const NOW = new Date('2026-07-01T07:00:00Z');
const item = sampleItem({
  id: '01JZ0000000000000000000311',
  location: { point: [71.37, 42.9], address: 'Taraz, Tole Bi 1' },
});
const asker = user('citizen', { sub: 'asker-311', name: 'Aigerim' });
const official = user('official', { sub: 'roads-311', name: 'Roads Official', bodies: ['zha-roads'] });
const xml = new XMLParser({ isArray: (name) => ['request', 'service', 'error'].includes(name) });

/** Fields GeoReport v2 says every service request carries. */
const REQUIRED_REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'service_code',
  'service_name',
  'description',
  'requested_datetime',
  'updated_datetime',
  'agency_responsible',
  'expected_datetime',
  'lat',
  'long',
];

let store: Store;
let auth: TestAuth;
let answeredId: string;
let openId: string;
const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => NOW, open311ApiKeys: [KEY] }));
const get = (path: string) => app().request(`/open311/v2${path}`);

beforeAll(async () => {
  auth = await testAuth();
  store = await createTestStore('open311');
  await putBody(store, { id: 'zha-roads', name: { ru: 'Управление дорог', en: 'Roads department' } });
  await putItem(store, item);
  const answered = await raiseQuestion(
    store,
    item,
    asker,
    { text: 'Why is the road still broken?' },
    { now: new Date('2026-06-10T05:00:00Z') },
  );
  await answerQuestion(store, answered, official, 'Repairs resume on 15 July.', {
    now: new Date('2026-06-12T05:00:00Z'),
  });
  const open = await raiseQuestion(
    store,
    item,
    asker,
    { text: 'When will the lights be fixed?' },
    { now: new Date('2026-06-20T05:00:00Z') },
  );
  answeredId = `${item.id}-${answered.id}`;
  openId = `${item.id}-${open.id}`;
});
afterAll(() => store.raw.destroy());

describe('GET services', () => {
  it('lists bodies as services in JSON', async () => {
    const res = await get('/services.json');
    expect(res.status).toBe(200);
    const services = await res.json();
    expect(services).toEqual([
      expect.objectContaining({
        service_code: 'zha-roads',
        service_name: 'Управление дорог',
        metadata: true,
        type: 'realtime',
      }),
    ]);
  });

  it('lists bodies as services in XML', async () => {
    const res = await get('/services.xml');
    expect(res.headers.get('content-type')).toContain('text/xml');
    const doc = xml.parse(await res.text());
    expect(doc.services.service[0]).toMatchObject({ service_code: 'zha-roads', metadata: true });
  });

  it('describes the item_id attribute a request needs', async () => {
    const definition = await (await get('/services/zha-roads.json')).json();
    expect(definition.attributes[0]).toMatchObject({ code: 'item_id', required: true, variable: true });
  });
});

describe('GET requests', () => {
  it('returns questions with every field the spec requires, answers as status_notes (JSON)', async () => {
    const rows = await (await get('/requests.json')).json();
    expect(rows).toHaveLength(2);
    for (const r of rows) for (const f of REQUIRED_REQUEST_FIELDS) expect(r, f).toHaveProperty(f);
    const answered = rows.find((r: { service_request_id: string }) => r.service_request_id === answeredId);
    expect(answered).toMatchObject({
      status: 'closed',
      status_notes: 'Repairs resume on 15 July.',
      lat: 42.9,
      long: 71.37,
    });
  });

  it('returns the same requests in XML under <service_requests><request>', async () => {
    const res = await get('/requests.xml');
    const doc = xml.parse(await res.text());
    expect(doc.service_requests.request).toHaveLength(2);
    for (const r of doc.service_requests.request)
      for (const f of REQUIRED_REQUEST_FIELDS) expect(r, f).toHaveProperty(f);
  });

  it('filters by status and by requested date range', async () => {
    const open = await (await get('/requests.json?status=open')).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([openId]);
    const june = await (
      await get('/requests.json?start_date=2026-06-01T00:00:00Z&end_date=2026-06-15T00:00:00Z')
    ).json();
    expect(june.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([answeredId]);
    const other = await (await get('/requests.json?service_code=akimat-taraz')).json();
    expect(other).toEqual([]);
  });

  it('answers a range longer than 90 days with the spec error list', async () => {
    const res = await get('/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ code: 400, description: expect.stringContaining('90 days') }]);
  });

  it('answers a malformed date with an XML error list on the .xml endpoint', async () => {
    const res = await get('/requests.xml?start_date=yesterday');
    expect(res.status).toBe(400);
    const doc = xml.parse(await res.text());
    expect(doc.errors.error[0]).toMatchObject({ code: 400 });
  });

  it('returns one request by id in either format', async () => {
    const one = await (await get(`/requests/${answeredId}.json`)).json();
    expect(one).toEqual([
      expect.objectContaining({ service_request_id: answeredId, agency_responsible: 'Управление дорог' }),
    ]);
    const doc = xml.parse(await (await get(`/requests/${answeredId}.xml`)).text());
    expect(doc.service_requests.request[0].service_request_id).toBe(answeredId);
  });

  it('leaves out the text of a question and an answer a moderator hid, and shows them again once restored', async () => {
    const [, questionId] = answeredId.split('-');
    const parts = [
      { kind: 'question', id: `${item.id}_${questionId}` },
      { kind: 'answer', id: `${item.id}_${questionId}_1` },
    ];
    const mod = { sub: 'mod-311', name: 'Mod' };
    const read = async () => (await (await get(`/requests/${answeredId}.json`)).json())[0];
    for (const ref of parts)
      await decideContent(store, ref, { action: 'hide', reason: 'personal_data', note: 'test' }, mod, NOW);
    const hidden = await read();
    expect(hidden).toMatchObject({ service_request_id: answeredId, description: '' });
    expect(hidden).not.toHaveProperty('status_notes');
    const list = await (await get('/requests.xml')).text();
    expect(list).not.toContain('Why is the road still broken?');
    expect(list).not.toContain('Repairs resume on 15 July.');
    for (const ref of parts)
      await decideContent(store, ref, { action: 'restore', reason: 'other', note: 'test' }, mod, NOW);
    expect(await read()).toMatchObject({
      description: 'Why is the road still broken?',
      status_notes: 'Repairs resume on 15 July.',
    });
  });

  it('answers an unknown id with 404 in the spec format', async () => {
    const res = await get(`/requests/${item.id}-01JZ0000000000000000000000.json`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});

describe('POST requests', () => {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const valid = {
    service_code: 'zha-roads',
    'attribute[item_id]': item.id,
    description: 'Потоп на дороге после дождя',
    first_name: 'Ержан',
  };

  it('refuses a request without a valid API key with 403', async () => {
    const res = await app().request('/open311/v2/requests.json', form({ ...valid, api_key: 'wrong' }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual([{ code: 403, description: expect.any(String) }]);
  });

  it('raises a question on the item with a valid key, readable right after', async () => {
    const res = await app().request('/open311/v2/requests.json', form({ ...valid, api_key: KEY }));
    expect(res.status).toBe(201);
    const [created] = await res.json();
    expect(created.service_request_id).toMatch(/^01JZ0000000000000000000311-[0-9A-Z]{26}$/);
    const [read] = await (await get(`/requests/${created.service_request_id}.json`)).json();
    expect(read).toMatchObject({
      status: 'open',
      description: valid.description,
      service_notice: 'Келіп түсті',
    });
    const [inRussian] = await (await get(`/requests/${created.service_request_id}.json?locale=ru`)).json();
    expect(inRussian.service_notice).toBe('Поступил');
  });

  it('refuses a service_code that is not the body of the item', async () => {
    const res = await app().request(
      '/open311/v2/requests.xml',
      form({ ...valid, service_code: 'akimat-taraz', api_key: KEY }),
    );
    expect(res.status).toBe(400);
    expect(xml.parse(await res.text()).errors.error[0].description).toContain('akimat-taraz');
  });
});

describe('Open311 keys issued by admins (issue 22)', () => {
  const admin = user('admin', { sub: 'admin-311' });
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const raise = (apiKey: string) =>
    app().request(
      '/open311/v2/requests.json',
      form({
        service_code: 'zha-roads',
        'attribute[item_id]': item.id,
        description: 'Жол шұңқырлары әлі жөнделмеген',
        api_key: apiKey,
      }),
    );
  const issue = async (as = admin, idempotencyKey?: string) =>
    app().request('/api/admin/open311-keys', {
      method: 'POST',
      headers: {
        ...(await auth.bearer(as)),
        'Content-Type': 'application/json',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: JSON.stringify({ name: 'City app' }),
    });

  it('an issued key raises a question; revoked, it is refused; the list shows prefix and last use only', async () => {
    const created = await issue(admin, 'issue-key-once');
    expect(created.status).toBe(201);
    const { id, key, prefix } = await created.json();
    expect(key).toMatch(new RegExp(`^${prefix}_[0-9a-f]{64}$`));
    expect((await raise(key)).status).toBe(201);
    // A retry of the create answers the record without the key: the key was never stored.
    const again = await (await issue(admin, 'issue-key-once')).json();
    expect(again).toMatchObject({ id, prefix });
    expect(again).not.toHaveProperty('key');
    const list = await app().request('/api/admin/open311-keys', { headers: await auth.bearer(admin) });
    const listed = (await list.json()).keys.find((k: { id: string }) => k.id === id);
    // The right id with a wrong secret is no key at all.
    expect((await raise(`${prefix}_${'0'.repeat(64)}`)).status).toBe(403);
    expect(listed).toEqual({
      id,
      name: 'City app',
      prefix,
      createdAt: NOW.toISOString(),
      lastUsedAt: NOW.toISOString(),
    });
    const revoked = await app().request(`/api/admin/open311-keys/${id}`, {
      method: 'DELETE',
      headers: await auth.bearer(admin),
    });
    expect(revoked.status).toBe(200);
    const refused = await raise(key);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    const raw = JSON.stringify((await store.doc.send(new ScanCommand({ TableName: store.table }))).Items);
    expect(raw).not.toContain(key.slice(prefix.length));
  });

  it('only an admin issues keys', async () => {
    const res = await issue(user('moderator', { sub: 'mod-311' }));
    expect(res.status).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  it('includes the Open311 and open-data routes and validates as OpenAPI 3.1', async () => {
    const doc = await (await app().request('/api/openapi.json')).json();
    for (const path of [
      '/open311/v2/services.json',
      '/open311/v2/requests.xml',
      '/api/import',
      '/api/export/oc4ids.json',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });
});

/**
 * Exports through the real API on DynamoDB Local: filters like /api/items, the OC4IDS package valid
 * against the published schema (ajv), and the round trip export → empty store → import → export
 * giving the very same bytes, for CSV and OC4IDS.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { importFile } from '../../functions/services/import';
import { refuseTokens, sampleItem } from '../support/fixtures';
import { createTestStore } from '../support/store';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const json = (path: string) => JSON.parse(fixture(path).toString('utf8')) as Record<string, unknown>;
const NOW = new Date('2026-07-01T06:00:00Z');

/** The OC4IDS schemas are draft-04 (`id`); Ajv 8 reads them once the root id is spelled `$id`. */
function draft4(schema: Record<string, unknown>): AnySchema {
  const { id, $schema: _drop, ...rest } = schema;
  return { $id: id, ...rest } as AnySchema;
}

function oc4idsValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(draft4(json('oc4ids/project-schema.json')));
  return ajv.compile(draft4(json('oc4ids/project-package-schema.json')));
}

const app = (store: Store) => createApp({ store, auth: refuseTokens, now: () => NOW });
const get = async (store: Store, path: string) => {
  const res = await app(store).request(path);
  expect(res.status).toBe(200);
  return res;
};

let source: Store;
beforeAll(async () => {
  source = await createTestStore('od-export');
  await importFile(source, fixture('opendata/budget-ru.csv'), { now: () => NOW });
  await importFile(source, fixture('opendata/budget-kk.csv'), { now: () => NOW });
  await importFile(source, fixture('opendata/oc4ids-kzt.json'), { now: () => NOW });
  // A demo item with a road line, milestones in every status and no contract yet.
  await putItem(
    source,
    sampleItem({
      id: '01JZ0000000000000000000001',
      description: { ru: 'Демонстрационный объект', en: 'Demo item' },
      amounts: { planned: '5000000.00', contracted: '0.00', spent: '0.00' },
      location: {
        point: [71.4, 42.9],
        geometry: {
          type: 'LineString',
          coordinates: [
            [71.39, 42.89],
            [71.4, 42.9],
            [71.41, 42.91],
          ],
        },
        address: 'Taraz, Abay avenue',
      },
      milestones: [
        {
          id: 'm1',
          title: { kk: 'Жобалау', en: 'Design' },
          due: '2026-03-01',
          met: '2026-02-27',
          status: 'met',
        },
        { id: 'm2', title: { kk: 'Құрылыс' }, due: '2026-09-01', status: 'scheduled' },
        { id: 'm3', title: { en: 'Old plan' }, due: '2026-02-01', status: 'cancelled' },
        { id: 'm4', title: { en: 'Late step' }, due: '2026-05-01', status: 'missed' },
      ],
    }),
  );
});
afterAll(() => source.raw.destroy());

describe('GET /api/export/*', () => {
  it('serves every item as GeoJSON, lines as lines, with the CSV columns as properties', async () => {
    const res = await get(source, '/api/export/items.geojson');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(7);
    const demo = fc.features.find((f: { id: string }) => f.id === '01JZ0000000000000000000001');
    expect(demo.geometry.type).toBe('LineString');
    expect(demo.properties).toMatchObject({ provenance: 'demo', planned: '5000000.00', currency: 'KZT' });
  });

  it('applies the item-list filters to the export', async () => {
    const fc = await (await get(source, '/api/export/items.geojson?area=merki')).json();
    expect(fc.features.map((f: { properties: { area: string } }) => f.properties.area)).toEqual(['merki']);
    const csv = await (await get(source, '/api/export/items.csv?category=education')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(2);
  });

  it('answers a bad filter with 400 naming the field', async () => {
    const res = await app(source).request('/api/export/items.csv?area=atlantis');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({ in: 'query', field: 'area' });
  });

  it('writes an OC4IDS project package that the published schema accepts', async () => {
    const pkg = await (await get(source, '/api/export/oc4ids.json')).json();
    const validate = oc4idsValidator();
    expect(validate(pkg), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(pkg.projects).toHaveLength(7);
  });

  it('the schema check can fail: a project without an id is refused', async () => {
    const pkg = await (await get(source, '/api/export/oc4ids.json')).json();
    delete pkg.projects[0].id;
    expect(oc4idsValidator()(pkg)).toBe(false);
  });
});

describe('round trip: export → empty store → import → export', () => {
  for (const [format, path] of [
    ['CSV', '/api/export/items.csv'],
    ['OC4IDS', '/api/export/oc4ids.json'],
    ['GeoJSON after a CSV import', '/api/export/items.geojson'],
  ] as const) {
    it(`gives the same ${format} bytes`, async () => {
      const first = await (await get(source, path)).text();
      const importPath = format === 'OC4IDS' ? path : '/api/export/items.csv';
      const file = format === 'OC4IDS' ? first : await (await get(source, importPath)).text();
      const target = await createTestStore('od-trip');
      const report = await importFile(target, new TextEncoder().encode(file), {
        now: () => new Date('2027-01-01T00:00:00Z'),
      });
      expect(report).toMatchObject({ created: 7, rejected: 0 });
      const second = await (await get(target, path)).text();
      target.raw.destroy();
      if (format === 'GeoJSON after a CSV import') {
        // CSV carries no line geometry: compare everything else.
        const strip = (s: string) => JSON.parse(s).features.map((f: { properties: unknown }) => f.properties);
        expect(strip(second)).toEqual(strip(first));
      } else {
        expect(second).toBe(first);
      }
    });
  }
});

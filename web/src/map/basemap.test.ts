import { describe, expect, it } from 'vitest';
import { AREAS } from '../../../shared/areas';
import { areaLabels, OUTLINE_BBOX, offlineStyle } from './basemap';

describe('offline basemap', () => {
  it('makes no request: no glyphs, sprite or remote source', () => {
    const style = offlineStyle();
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  it('labels every area whose centre the gazetteer locates, in the chosen language', () => {
    const labels = areaLabels('ru');
    expect(labels.features).toHaveLength(AREAS.filter((a) => a.centreLocated).length);
    expect(labels.features.map((f) => f.properties?.name)).toContain('Меркенский район');
  });

  it('leaves out a district whose centre is not in the gazetteer rather than label empty steppe', () => {
    const names = areaLabels('ru').features.map((f) => f.properties?.name);
    expect(names).not.toContain('Шуский район');
  });
});

describe('committed region outline', () => {
  it('is one small closed polygon of KZ-ZHA whose box is the one the map opens on', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../public/zhambyl.geojson', import.meta.url), 'utf8');
    const fc = JSON.parse(text) as {
      features: {
        properties: { iso_3166_2: string };
        geometry: { type: string; coordinates: [number, number][][] };
      }[];
    };
    expect(text.length).toBeLessThan(20_000);
    const [region] = fc.features;
    expect(region?.properties.iso_3166_2).toBe('KZ-ZHA');
    const ring = region!.geometry.coordinates[0]!;
    expect(ring[0]).toEqual(ring.at(-1));
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    // The map opens on this box, so it must be the outline's own.
    expect([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]).toEqual([
      ...OUTLINE_BBOX,
    ]);
  });
});

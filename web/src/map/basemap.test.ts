import { describe, expect, it } from 'vitest';
import { AREAS } from '../../../shared/areas';
import { areaLabels, offlineStyle } from './basemap';

describe('offline basemap', () => {
  it('makes no request: no glyphs, sprite or remote source', () => {
    const style = offlineStyle();
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  it('labels every area in the chosen language', () => {
    const labels = areaLabels('ru');
    expect(labels.features).toHaveLength(AREAS.length);
    expect(labels.features.map((f) => f.properties?.name)).toContain('Шуский район');
  });
});

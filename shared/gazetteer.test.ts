import { describe, expect, it } from 'vitest';
import { extractGazetteer } from '../scripts/extract-gazetteer';
import { AREAS, REGION_BBOX } from './areas';
import { centreOf, GAZETTEER, kmBetween, nearestPlace, PLACES, placeByName } from './gazetteer';

describe('gazetteer of Zhambyl region', () => {
  it('states its provenance and licence', () => {
    expect(GAZETTEER.source).toMatch(/GeoNames.*cities\.json \d+\.\d+\.\d+/);
    expect(GAZETTEER.licence).toMatch(/^CC BY 4\.0/);
  });

  it('places every district centre exactly where the gazetteer has it, with the reviewed kk/ru names', () => {
    for (const area of AREAS.filter((a) => a.centreLocated)) {
      const centre = centreOf(area.code)!;
      expect([area.code, area.lon, area.lat]).toEqual([area.code, centre.lon, centre.lat]);
      expect(centre.name.kk).toBe(area.centre.kk);
      expect(centre.name.ru).toBe(area.centre.ru);
    }
  });

  it('reports Tole Bi as missing instead of locating it, and locates every other centre', () => {
    expect(GAZETTEER.missing.map((m) => m.area)).toEqual(['shu']);
    expect(AREAS.filter((a) => !a.centreLocated).map((a) => a.code)).toEqual(['shu']);
  });

  it('keeps every place inside the region', () => {
    const [w, s, e, n] = REGION_BBOX;
    for (const p of PLACES) expect(p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n).toBe(true);
  });

  it('finds places by kk, ru, GeoNames and old names', () => {
    expect(placeByName('Жаңатас')?.area).toBe('sarysu');
    expect(placeByName('мерке')?.area).toBe('merki');
    expect(placeByName('Zhangatas')?.area).toBe('sarysu');
    expect(placeByName('Lugovoy')?.area).toBe('ryskulov');
    expect(placeByName('Төле би')).toBeUndefined();
  });

  it('measures distances in km and finds the nearest settlement', () => {
    // Taraz to Asa: about 19 km east-west at this latitude.
    const taraz = centreOf('taraz')!;
    const asa = centreOf('zhambyl')!;
    expect(kmBetween(taraz.lon, taraz.lat, asa.lon, asa.lat)).toBeGreaterThan(15);
    expect(kmBetween(taraz.lon, taraz.lat, asa.lon, asa.lat)).toBeLessThan(25);
    expect(nearestPlace(asa.lon + 0.01, asa.lat).place.id).toBe(asa.id);
  });

  it('extraction reports a centre GeoNames lacks and keeps old names out of the places', () => {
    const rows = [
      { name: 'Taraz', lat: '42.9', lng: '71.37', country: 'KZ', admin1: '17' },
      { name: 'Lugovoy', lat: '42.94', lng: '72.76', country: 'KZ', admin1: '17' },
      { name: 'Shymkent', lat: '42.3', lng: '69.6', country: 'KZ', admin1: '1537272' },
    ];
    const g = extractGazetteer(rows, '0.0.1');
    expect(g.places.map((p) => p.id)).toEqual(['taraz']);
    expect(g.missing).toHaveLength(10);
    expect(g.unassigned).toEqual([]);
  });
});

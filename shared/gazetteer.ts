/**
 * The gazetteer of Zhambyl region's settlements: the one source of coordinates for area centres, demo
 * placement, the import's "nearest district" rule and the procurement connector's places.
 * Coordinates © GeoNames (CC BY 4.0), extracted once by scripts/extract-gazetteer.ts into
 * shared/gazetteer/zhambyl-places.json, which states its provenance and licence.
 */

import type { AreaCode } from './areas';
import data from './gazetteer/zhambyl-places.json' with { type: 'json' };
import type { Localized } from './i18n-text';

export interface GazetteerPlace {
  /** Stable id, e.g. `merki-centre`. */
  id: string;
  name: Localized;
  /** The name GeoNames files it under (Latin, sometimes an older name). */
  geonamesName: string;
  area: AreaCode;
  centre: boolean;
  lat: number;
  lon: number;
}

export interface Gazetteer {
  source: string;
  licence: string;
  namesSource: string;
  oldNames: Record<string, string>;
  places: GazetteerPlace[];
  /** District centres GeoNames does not hold: reported, never placed from memory. */
  missing: { area: AreaCode; name: Localized; reason: string }[];
  /** Other GeoNames places of the region with no reviewed name or district yet: never used. */
  unassigned: { geonamesName: string; lat: number; lon: number }[];
}

export const GAZETTEER = data as Gazetteer;
export const PLACES: readonly GazetteerPlace[] = GAZETTEER.places;

/** The listed settlements of an area (empty when none is known, e.g. a missing centre). */
export function placesOf(area: AreaCode): GazetteerPlace[] {
  return PLACES.filter((p) => p.area === area);
}

export function centreOf(area: AreaCode): GazetteerPlace | undefined {
  return PLACES.find((p) => p.area === area && p.centre);
}

/** Great-circle distance in km (haversine; the region is small enough for any formula, this one is exact). */
export function kmBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const R = 6371.0088;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

/** The listed settlement nearest a point, with its distance in km. */
export function nearestPlace(lon: number, lat: number): { place: GazetteerPlace; km: number } {
  let best = PLACES[0]!;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const p of PLACES) {
    const km = kmBetween(lon, lat, p.lon, p.lat);
    if (km < bestKm) {
      best = p;
      bestKm = km;
    }
  }
  return { place: best, km: bestKm };
}

/** A settlement by any of its names (kk, ru, en, or the GeoNames name, old names included), case-insensitive. */
export function placeByName(name: string): GazetteerPlace | undefined {
  const key = name.trim().toLowerCase();
  const geonames = Object.entries(GAZETTEER.oldNames).find(([old]) => old.toLowerCase() === key)?.[1];
  return PLACES.find(
    (p) =>
      [p.name.kk, p.name.ru, p.name.en, p.geonamesName].some((n) => n?.toLowerCase() === key) ||
      (geonames !== undefined && p.geonamesName === geonames),
  );
}

/**
 * Distance from a reported position to an item's point, line (a road) or area, in metres. Items are
 * at most tens of kilometres long, so a local equirectangular projection around the position is
 * precise to well under a metre at these latitudes; the point distance uses the haversine formula.
 */
type LonLat = readonly [number, number];

interface ItemPlace {
  point: LonLat;
  geometry?: { type: 'LineString'; coordinates: LonLat[] } | { type: 'Polygon'; coordinates: LonLat[][] };
}

const EARTH_RADIUS = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

export function haversineMetres(a: LonLat, b: LonLat): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres east/north of `origin`. */
function project(origin: LonLat, p: LonLat): [number, number] {
  return [
    rad(p[0] - origin[0]) * Math.cos(rad(origin[1])) * EARTH_RADIUS,
    rad(p[1] - origin[1]) * EARTH_RADIUS,
  ];
}

/** Distance from the origin (0,0) to the segment a–b in the plane. */
function toSegment(a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
  return Math.hypot(a[0] + t * dx, a[1] + t * dy);
}

function toPath(at: LonLat, path: readonly LonLat[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < path.length; i++) {
    best = Math.min(best, toSegment(project(at, path[i - 1]!), project(at, path[i]!)));
  }
  return best;
}

/** Ray casting in the projected plane: is the origin inside the ring? */
function insideRing(at: LonLat, ring: readonly LonLat[]): boolean {
  let inside = false;
  const pts = ring.map((p) => project(at, p));
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]!;
    const [xj, yj] = pts[j]!;
    if (yi > 0 !== yj > 0 && 0 < ((xj - xi) * (0 - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Metres from `at` to the nearest part of the item: its line or area when it has one, else its point. */
export function distanceToItem(at: LonLat, place: ItemPlace): number {
  const g = place.geometry;
  if (g?.type === 'LineString') return Math.min(toPath(at, g.coordinates), haversineMetres(at, place.point));
  if (g?.type === 'Polygon') {
    const [outer, ...holes] = g.coordinates;
    if (outer && insideRing(at, outer) && !holes.some((h) => insideRing(at, h))) return 0;
    return Math.min(...g.coordinates.map((ring) => toPath(at, ring)), haversineMetres(at, place.point));
  }
  return haversineMetres(at, place.point);
}

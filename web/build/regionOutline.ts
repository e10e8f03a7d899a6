/**
 * `virtual:region-outline`: the region's outline (web/public/zhambyl.geojson, the same file the map
 * draws) as an SVG path in Web Mercator, made at build time, so the map page's first paint shows
 * the region where MapLibre will draw it, without loading the GeoJSON or MapLibre first.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const ID = 'virtual:region-outline';
/** Width of the SVG's viewBox; the height follows the outline's proportions. */
const WIDTH = 1000;

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

export interface RegionOutline {
  /** [west, south, east, north] in degrees. */
  bbox: [number, number, number, number];
  width: number;
  height: number;
  /** SVG path data of the outline in viewBox units. */
  path: string;
}

export function regionOutline(geojson: string): RegionOutline {
  const data = JSON.parse(geojson) as {
    features: { geometry: { type: string; coordinates: number[][][] | number[][][][] } }[];
  };
  const polygons: number[][][][] = [];
  for (const f of data.features) {
    const g = f.geometry;
    if (g.type === 'Polygon') polygons.push(g.coordinates as number[][][]);
    else if (g.type === 'MultiPolygon') polygons.push(...(g.coordinates as number[][][][]));
  }
  const points = polygons.flat(2);
  const west = Math.min(...points.map((p) => p[0]!));
  const east = Math.max(...points.map((p) => p[0]!));
  const south = Math.min(...points.map((p) => p[1]!));
  const north = Math.max(...points.map((p) => p[1]!));
  const scale = WIDTH / (east - west);
  const top = mercatorY(north);
  const degPerRad = 180 / Math.PI;
  const height = Math.round((top - mercatorY(south)) * degPerRad * scale);
  const xy = ([lon, lat]: number[]) =>
    `${Math.round((lon! - west) * scale)} ${Math.round((top - mercatorY(lat!)) * degPerRad * scale)}`;
  const path = polygons.flatMap((rings) => rings.map((ring) => `M${ring.map(xy).join('L')}Z`)).join('');
  return { bbox: [west, south, east, north], width: WIDTH, height, path };
}

export function regionOutlinePlugin(geojsonPath: string): Plugin {
  return {
    name: 'obm-region-outline',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    load(id) {
      if (id !== `\0${ID}`) return null;
      this.addWatchFile(geojsonPath);
      return `export default ${JSON.stringify(regionOutline(readFileSync(geojsonPath, 'utf8')))};`;
    },
  };
}

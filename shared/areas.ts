/**
 * Administrative areas of Zhambyl region: Taraz city and the 10 districts.
 * Codes are stable identifiers used in URLs, keys and exports; never rename one.
 * Centres are the district centres, their coordinates taken from the gazetteer (GeoNames, see
 * shared/gazetteer.ts); `demoRadiusKm` is how far from a listed settlement demo items may be placed.
 */
import { centreOf } from './gazetteer';
import type { Localized } from './i18n-text';

export interface Area {
  code: AreaCode;
  name: Localized;
  centre: Localized;
  lat: number;
  lon: number;
  /**
   * False when the gazetteer has no coordinates for the centre (Tole Bi, Shu district, is not in
   * GeoNames' cities): lat/lon are then only a rough label point, never used to place or assign.
   */
  centreLocated: boolean;
  demoRadiusKm: number;
}

export const AREA_CODES = [
  'taraz',
  'bayzak',
  'zhambyl',
  'zhualy',
  'kordai',
  'merki',
  'moiynkum',
  'sarysu',
  'talas',
  'shu',
  'ryskulov',
] as const;
export type AreaCode = (typeof AREA_CODES)[number];

/** Demo items lie within this distance of a listed settlement, well inside every district. */
export const DEMO_RADIUS_KM = 4;

/**
 * The centre's coordinates from the gazetteer. `unlocated` is the label point used only while the
 * gazetteer lacks the centre; it is never placed from memory as if it were the settlement.
 */
function located(
  code: AreaCode,
  unlocated?: [number, number],
): Pick<Area, 'lat' | 'lon' | 'centreLocated' | 'demoRadiusKm'> {
  const centre = centreOf(code);
  if (centre) return { lat: centre.lat, lon: centre.lon, centreLocated: true, demoRadiusKm: DEMO_RADIUS_KM };
  if (!unlocated) throw new Error(`no gazetteer centre for ${code}`);
  return { lon: unlocated[0], lat: unlocated[1], centreLocated: false, demoRadiusKm: DEMO_RADIUS_KM };
}

export const AREAS: readonly Area[] = [
  {
    code: 'taraz',
    name: { kk: 'Тараз қаласы', ru: 'город Тараз', en: 'Taraz city' },
    centre: { kk: 'Тараз', ru: 'Тараз', en: 'Taraz' },
    ...located('taraz'),
  },
  {
    code: 'bayzak',
    name: { kk: 'Байзақ ауданы', ru: 'Байзакский район', en: 'Bayzak district' },
    centre: { kk: 'Сарыкемер', ru: 'Сарыкемер', en: 'Sarykemer' },
    ...located('bayzak'),
  },
  {
    code: 'zhambyl',
    name: { kk: 'Жамбыл ауданы', ru: 'Жамбылский район', en: 'Zhambyl district' },
    centre: { kk: 'Аса', ru: 'Аса', en: 'Asa' },
    ...located('zhambyl'),
  },
  {
    code: 'zhualy',
    name: { kk: 'Жуалы ауданы', ru: 'Жуалынский район', en: 'Zhualy district' },
    centre: { kk: 'Бауыржан Момышұлы', ru: 'Бауыржан Момышулы', en: 'Bauyrzhan Momyshuly' },
    ...located('zhualy'),
  },
  {
    code: 'kordai',
    name: { kk: 'Қордай ауданы', ru: 'Кордайский район', en: 'Kordai district' },
    centre: { kk: 'Қордай', ru: 'Кордай', en: 'Kordai' },
    ...located('kordai'),
  },
  {
    code: 'merki',
    name: { kk: 'Меркі ауданы', ru: 'Меркенский район', en: 'Merki district' },
    centre: { kk: 'Меркі', ru: 'Мерке', en: 'Merki' },
    ...located('merki'),
  },
  {
    code: 'moiynkum',
    name: { kk: 'Мойынқұм ауданы', ru: 'Мойынкумский район', en: 'Moiynkum district' },
    centre: { kk: 'Мойынқұм', ru: 'Мойынкум', en: 'Moiynkum' },
    ...located('moiynkum'),
  },
  {
    code: 'sarysu',
    name: { kk: 'Сарысу ауданы', ru: 'Сарысуский район', en: 'Sarysu district' },
    centre: { kk: 'Жаңатас', ru: 'Жанатас', en: 'Zhanatas' },
    ...located('sarysu'),
  },
  {
    code: 'talas',
    name: { kk: 'Талас ауданы', ru: 'Таласский район', en: 'Talas district' },
    centre: { kk: 'Қаратау', ru: 'Каратау', en: 'Karatau' },
    ...located('talas'),
  },
  {
    code: 'shu',
    name: { kk: 'Шу ауданы', ru: 'Шуский район', en: 'Shu district' },
    centre: { kk: 'Төле би', ru: 'Толе би', en: 'Tole Bi' },
    // Tole Bi is not in GeoNames' cities: the old label point, kept only to label the district.
    ...located('shu', [73.5, 43.75]),
  },
  {
    code: 'ryskulov',
    name: { kk: 'Т. Рысқұлов ауданы', ru: 'район Т. Рыскулова', en: 'T. Ryskulov district' },
    centre: { kk: 'Құлан', ru: 'Кулан', en: 'Kulan' },
    ...located('ryskulov'),
  },
];

const byCode = new Map(AREAS.map((a) => [a.code, a]));
export function areaByCode(code: AreaCode): Area {
  return byCode.get(code)!;
}

/**
 * The region's bounding box, [west, south, east, north], used to reject coordinates elsewhere:
 * the Natural Earth outline in web/public/zhambyl.geojson (69.17–75.81 E, 42.34–45.96 N) plus a
 * small margin, so real places near Kordai and in the north are accepted.
 */
export const REGION_BBOX = [69.1, 42.3, 75.9, 46.0] as const;

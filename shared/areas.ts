/**
 * Administrative areas of Zhambyl region: Taraz city and the 10 districts.
 * Codes are stable identifiers used in URLs, keys and exports; never rename one.
 * Centres are the district centres; `demoRadiusKm` is how far from the centre demo items may be
 * placed while staying inside the district.
 */
import type { Localized } from './i18n-text';

export interface Area {
  code: AreaCode;
  name: Localized;
  centre: Localized;
  lat: number;
  lon: number;
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

export const AREAS: readonly Area[] = [
  {
    code: 'taraz',
    name: { kk: 'Тараз қаласы', ru: 'город Тараз', en: 'Taraz city' },
    centre: { kk: 'Тараз', ru: 'Тараз', en: 'Taraz' },
    lat: 42.9,
    lon: 71.37,
    demoRadiusKm: 5,
  },
  {
    code: 'bayzak',
    name: { kk: 'Байзақ ауданы', ru: 'Байзакский район', en: 'Bayzak district' },
    centre: { kk: 'Сарыкемер', ru: 'Сарыкемер', en: 'Sarykemer' },
    lat: 43.35,
    lon: 71.55,
    demoRadiusKm: 18,
  },
  {
    code: 'zhambyl',
    name: { kk: 'Жамбыл ауданы', ru: 'Жамбылский район', en: 'Zhambyl district' },
    centre: { kk: 'Аса', ru: 'Аса', en: 'Asa' },
    lat: 42.98,
    lon: 70.95,
    demoRadiusKm: 12,
  },
  {
    code: 'zhualy',
    name: { kk: 'Жуалы ауданы', ru: 'Жуалынский район', en: 'Zhualy district' },
    centre: { kk: 'Бауыржан Момышұлы', ru: 'Бауыржан Момышулы', en: 'Bauyrzhan Momyshuly' },
    lat: 42.66,
    lon: 70.72,
    demoRadiusKm: 14,
  },
  {
    code: 'kordai',
    name: { kk: 'Қордай ауданы', ru: 'Кордайский район', en: 'Kordai district' },
    centre: { kk: 'Қордай', ru: 'Кордай', en: 'Kordai' },
    lat: 43.3,
    lon: 74.65,
    demoRadiusKm: 16,
  },
  {
    code: 'merki',
    name: { kk: 'Меркі ауданы', ru: 'Меркенский район', en: 'Merki district' },
    centre: { kk: 'Меркі', ru: 'Мерке', en: 'Merki' },
    lat: 42.98,
    lon: 73.2,
    demoRadiusKm: 12,
  },
  {
    code: 'moiynkum',
    name: { kk: 'Мойынқұм ауданы', ru: 'Мойынкумский район', en: 'Moiynkum district' },
    centre: { kk: 'Мойынқұм', ru: 'Мойынкум', en: 'Moiynkum' },
    lat: 44.3,
    lon: 72.9,
    demoRadiusKm: 25,
  },
  {
    code: 'sarysu',
    name: { kk: 'Сарысу ауданы', ru: 'Сарысуский район', en: 'Sarysu district' },
    centre: { kk: 'Жаңатас', ru: 'Жанатас', en: 'Zhanatas' },
    lat: 44.0,
    lon: 69.95,
    demoRadiusKm: 20,
  },
  {
    code: 'talas',
    name: { kk: 'Талас ауданы', ru: 'Таласский район', en: 'Talas district' },
    centre: { kk: 'Қаратау', ru: 'Каратау', en: 'Karatau' },
    lat: 43.4,
    lon: 70.6,
    demoRadiusKm: 15,
  },
  {
    code: 'shu',
    name: { kk: 'Шу ауданы', ru: 'Шуский район', en: 'Shu district' },
    centre: { kk: 'Төле би', ru: 'Толе би', en: 'Tole Bi' },
    lat: 43.75,
    lon: 73.5,
    demoRadiusKm: 20,
  },
  {
    code: 'ryskulov',
    name: { kk: 'Т. Рысқұлов ауданы', ru: 'район Т. Рыскулова', en: 'T. Ryskulov district' },
    centre: { kk: 'Құлан', ru: 'Кулан', en: 'Kulan' },
    lat: 42.95,
    lon: 72.6,
    demoRadiusKm: 12,
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

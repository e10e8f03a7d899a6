/**
 * Government bodies of the demo data set: regional departments (ids `zha-…`) and the akimats of
 * Taraz city and the 10 districts (ids `akimat-<area>`). Real names of the kinds of bodies such a
 * region has; the data attached to them in the demo is invented and labelled so.
 */
import { AREAS, type AreaCode } from '../../shared/areas';
import type { Category } from '../../shared/categories';
import type { Localized } from '../../shared/i18n-text';

export interface DemoBody {
  id: string;
  name: Localized;
  /** Area the body serves; regional departments serve the whole region (undefined). */
  area?: AreaCode;
  parentId?: string;
  /** Categories this body is usually responsible for. */
  categories: Category[];
}

const regional: DemoBody[] = [
  {
    id: 'zha-roads',
    name: {
      kk: 'Жамбыл облысының жолаушылар көлігі және автомобиль жолдары басқармасы',
      ru: 'Управление пассажирского транспорта и автомобильных дорог Жамбылской области',
      en: 'Zhambyl Region Department of Passenger Transport and Roads',
    },
    categories: ['roads', 'transport'],
  },
  {
    id: 'zha-education',
    name: {
      kk: 'Жамбыл облысының білім басқармасы',
      ru: 'Управление образования Жамбылской области',
      en: 'Zhambyl Region Department of Education',
    },
    categories: ['education'],
  },
  {
    id: 'zha-health',
    name: {
      kk: 'Жамбыл облысының денсаулық сақтау басқармасы',
      ru: 'Управление здравоохранения Жамбылской области',
      en: 'Zhambyl Region Department of Health',
    },
    categories: ['health'],
  },
  {
    id: 'zha-energy',
    name: {
      kk: 'Жамбыл облысының энергетика және тұрғын үй-коммуналдық шаруашылық басқармасы',
      ru: 'Управление энергетики и жилищно-коммунального хозяйства Жамбылской области',
      en: 'Zhambyl Region Department of Energy, Housing and Utilities',
    },
    categories: ['housing_utilities', 'water_supply'],
  },
  {
    id: 'zha-land',
    name: {
      kk: 'Жамбыл облысының жер қатынастары басқармасы',
      ru: 'Управление земельных отношений Жамбылской области',
      en: 'Zhambyl Region Department of Land Relations',
    },
    categories: ['land_relations'],
  },
  {
    id: 'zha-agriculture',
    name: {
      kk: 'Жамбыл облысының ауыл шаруашылығы басқармасы',
      ru: 'Управление сельского хозяйства Жамбылской области',
      en: 'Zhambyl Region Department of Agriculture',
    },
    categories: ['agriculture'],
  },
  {
    id: 'zha-culture-sport',
    name: {
      kk: 'Жамбыл облысының мәдениет және спорт басқармасы',
      ru: 'Управление культуры и спорта Жамбылской области',
      en: 'Zhambyl Region Department of Culture and Sport',
    },
    categories: ['culture_sport'],
  },
  {
    id: 'zha-social',
    name: {
      kk: 'Жамбыл облысының жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы',
      ru: 'Управление координации занятости и социальных программ Жамбылской области',
      en: 'Zhambyl Region Department of Employment and Social Programmes',
    },
    categories: ['social_protection'],
  },
];

// Russian puts the district in the genitive ("Акимат Байзакского района"), which no rule derives.
const AKIMAT_RU: Record<AreaCode, string> = {
  taraz: 'Акимат города Тараз',
  bayzak: 'Акимат Байзакского района',
  zhambyl: 'Акимат Жамбылского района',
  zhualy: 'Акимат Жуалынского района',
  kordai: 'Акимат Кордайского района',
  merki: 'Акимат Меркенского района',
  moiynkum: 'Акимат Мойынкумского района',
  sarysu: 'Акимат Сарысуского района',
  talas: 'Акимат Таласского района',
  shu: 'Акимат Шуского района',
  ryskulov: 'Акимат района Т. Рыскулова',
};

// The genitive throughout, as the official names have it: «Байзақ ауданының әкімдігі» like
// «Тараз қаласының әкімдігі» (language review 4.1).
const akimatName = (area: (typeof AREAS)[number]): Localized => ({
  kk: `${area.name.kk.replace(/ауданы$/, 'ауданының').replace(/қаласы$/, 'қаласының')} әкімдігі`,
  ru: AKIMAT_RU[area.code],
  en: `${area.name.en} Akimat`,
});

const akimats: DemoBody[] = AREAS.map((area) => ({
  id: `akimat-${area.code}`,
  name: akimatName(area),
  area: area.code,
  categories: ['roads', 'education', 'housing_utilities', 'water_supply', 'culture_sport', 'other'],
}));

export const DEMO_BODIES: readonly DemoBody[] = [...regional, ...akimats];

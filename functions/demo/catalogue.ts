/**
 * The words of the demo data: what kinds of objects each category has (titles and descriptions in
 * kk, ru and en, terms from the glossary in shared/LANGUAGE-REVIEW.md §7), the street names used to
 * tell objects apart, the demo contractors and the budget administrator codes. All invented, all
 * labelled demo where they are shown; place names come from the gazetteer.
 */
import type { AreaCode } from '../../shared/areas';
import type { Category } from '../../shared/categories';
import type { Localized } from '../../shared/i18n-text';

/** Names common to streets in towns and villages of the region; used only to tell demo objects apart. */
export const STREETS: readonly { kk: string; ru: string; en: string }[] = [
  { kk: 'Абай', ru: 'Абая', en: 'Abai' },
  { kk: 'Жамбыл', ru: 'Жамбыла', en: 'Zhambyl' },
  { kk: 'Төле би', ru: 'Толе би', en: 'Tole Bi' },
  { kk: 'Қазыбек би', ru: 'Казыбек би', en: 'Kazybek Bi' },
  { kk: 'Әйтеке би', ru: 'Айтеке би', en: 'Aiteke Bi' },
  { kk: 'Сәтбаев', ru: 'Сатпаева', en: 'Satbayev' },
  { kk: 'Әуезов', ru: 'Ауэзова', en: 'Auezov' },
  { kk: 'Қонаев', ru: 'Кунаева', en: 'Kunayev' },
  { kk: 'Бейбітшілік', ru: 'Бейбитшилик', en: 'Beibitshilik' },
  { kk: 'Тәуелсіздік', ru: 'Тауелсиздик', en: 'Tauelsizdik' },
  { kk: 'Желтоқсан', ru: 'Желтоксан', en: 'Zheltoksan' },
  { kk: 'Жастар', ru: 'Жастар', en: 'Zhastar' },
  { kk: 'Достық', ru: 'Достык', en: 'Dostyk' },
  { kk: 'Рысқұлов', ru: 'Рыскулова', en: 'Ryskulov' },
  { kk: 'Наурыз', ru: 'Наурыз', en: 'Nauryz' },
];

export interface Slot {
  street: (typeof STREETS)[number];
  n: number;
}

export interface ObjectKind {
  /** Title without the place: the generator puts "{place}: " in front. */
  title: (s: Slot) => Localized;
  description: Localized;
  /** Planned amount range in millions of KZT. */
  millions: [number, number];
  /** Subprogramme of the category's programme (the third part of the programme code). */
  sub: string;
  /** Drawn as a line (streets, pipes) or an area (land); else a point. */
  shape?: 'line' | 'area';
}

const k = (
  kk: (s: Slot) => string,
  ru: (s: Slot) => string,
  en: (s: Slot) => string,
): ((s: Slot) => Localized) => {
  return (s) => ({ kk: kk(s), ru: ru(s), en: en(s) });
};

export const OBJECTS: Record<Category, ObjectKind[]> = {
  roads: [
    {
      title: k(
        (s) => `${s.street.kk} көшесін орташа жөндеу`,
        (s) => `средний ремонт улицы ${s.street.ru}`,
        (s) => `medium repair of ${s.street.en} Street`,
      ),
      description: {
        kk: 'Асфальт жабынын ауыстыру, жиектастарды және жол белгілерін қалпына келтіру.',
        ru: 'Замена асфальтового покрытия, восстановление бордюров и дорожной разметки.',
        en: 'New asphalt surface, kerbs and road markings restored.',
      },
      millions: [60, 600],
      sub: '000',
      shape: 'line',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесін күрделі жөндеу`,
        (s) => `капитальный ремонт улицы ${s.street.ru}`,
        (s) => `overhaul of ${s.street.en} Street`,
      ),
      description: {
        kk: 'Жол төсемін толық ауыстыру, су бұру арықтарын салу, жаяу жүргінші жолдарын төсеу.',
        ru: 'Полная замена дорожной одежды, устройство водоотводных арыков и тротуаров.',
        en: 'Full reconstruction of the road bed, drainage ditches and pavements.',
      },
      millions: [300, 2000],
      sub: '000',
      shape: 'line',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесін ағымдағы жөндеу`,
        (s) => `текущий ремонт улицы ${s.street.ru}`,
        (s) => `routine repair of ${s.street.en} Street`,
      ),
      description: {
        kk: 'Шұңқырларды жамау және жол жиегін тазарту.',
        ru: 'Ямочный ремонт и очистка обочин.',
        en: 'Pothole patching and verge clearing.',
      },
      millions: [15, 120],
      sub: '000',
      shape: 'line',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесінде тротуар салу және жарықтандыру`,
        (s) => `устройство тротуаров и освещения на улице ${s.street.ru}`,
        (s) => `pavements and street lighting on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Тротуар плиткасын төсеу және жарықдиодты шамдар орнату.',
        ru: 'Укладка тротуарной плитки и установка светодиодных светильников.',
        en: 'Paving slabs laid and LED street lights installed.',
      },
      millions: [40, 250],
      sub: '000',
      shape: 'line',
    },
  ],
  education: [
    {
      title: k(
        (s) => `№${s.n} мектептің шатырын жөндеу`,
        (s) => `ремонт кровли школы №${s.n}`,
        (s) => `roof repair of school No. ${s.n}`,
      ),
      description: {
        kk: 'Шатыр жабынын ауыстыру және жаңбыр суын бұру жүйесін орнату.',
        ru: 'Замена кровельного покрытия и устройство водостока.',
        en: 'New roofing and gutters.',
      },
      millions: [20, 150],
      sub: '015',
    },
    {
      title: k(
        (s) => `№${s.n} мектепті күрделі жөндеу`,
        (s) => `капитальный ремонт школы №${s.n}`,
        (s) => `overhaul of school No. ${s.n}`,
      ),
      description: {
        kk: 'Жылу, су және электр жүйелерін ауыстыру, сыныптарды жөндеу.',
        ru: 'Замена систем отопления, водоснабжения и электроснабжения, ремонт классов.',
        en: 'Heating, water and electrical systems replaced; classrooms repaired.',
      },
      millions: [200, 1200],
      sub: '015',
    },
    {
      title: k(
        (s) => `№${s.n} балабақшаны күрделі жөндеу`,
        (s) => `капитальный ремонт детского сада №${s.n}`,
        (s) => `overhaul of kindergarten No. ${s.n}`,
      ),
      description: {
        kk: 'Топ бөлмелерін, ас блогын және аумақты абаттандыруды жөндеу.',
        ru: 'Ремонт групповых помещений, пищеблока и благоустройство территории.',
        en: 'Group rooms, kitchen and grounds repaired.',
      },
      millions: [80, 400],
      sub: '011',
    },
    {
      title: k(
        (s) => `№${s.n} мектептің спорт залын жөндеу`,
        (s) => `ремонт спортивного зала школы №${s.n}`,
        (s) => `repair of the gym of school No. ${s.n}`,
      ),
      description: {
        kk: 'Еденді, терезелерді және желдету жүйесін ауыстыру.',
        ru: 'Замена пола, окон и системы вентиляции.',
        en: 'New floor, windows and ventilation.',
      },
      millions: [25, 120],
      sub: '015',
    },
  ],
  health: [
    {
      title: k(
        (s) => `№${s.n} емхананы медициналық жабдықпен жарақтандыру`,
        (s) => `оснащение поликлиники №${s.n} медицинским оборудованием`,
        (s) => `medical equipment for polyclinic No. ${s.n}`,
      ),
      description: {
        kk: 'Ультрадыбыстық және рентген аппараттарын сатып алу.',
        ru: 'Приобретение аппаратов УЗИ и рентгена.',
        en: 'Ultrasound and X-ray equipment purchased.',
      },
      millions: [50, 400],
      sub: '000',
    },
    {
      title: k(
        (s) => `№${s.n} емхананы ағымдағы жөндеу`,
        (s) => `текущий ремонт поликлиники №${s.n}`,
        (s) => `routine repair of polyclinic No. ${s.n}`,
      ),
      description: {
        kk: 'Қабылдау бөлмелерін, дәліздерді және кіреберісті жөндеу.',
        ru: 'Ремонт кабинетов приёма, коридоров и входной группы.',
        en: 'Consulting rooms, corridors and entrance repaired.',
      },
      millions: [20, 150],
      sub: '000',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесінде дәрігерлік амбулатория салу`,
        (s) => `строительство врачебной амбулатории на улице ${s.street.ru}`,
        (s) => `new medical outpatient clinic on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Ауысымына 50 келушіге арналған амбулатория ғимараты.',
        ru: 'Здание амбулатории на 50 посещений в смену.',
        en: 'Outpatient clinic for 50 visits per shift.',
      },
      millions: [150, 700],
      sub: '000',
    },
  ],
  land_relations: [
    {
      title: k(
        (s) => `${s.n}-кварталдың жерге орналастыру жобасын әзірлеу`,
        (s) => `разработка проекта землеустройства квартала №${s.n}`,
        (s) => `land-management plan for block No. ${s.n}`,
      ),
      description: {
        kk: 'Жер учаскелерінің шекараларын белгілеу және жобаны бекітуге дайындау.',
        ru: 'Установление границ земельных участков и подготовка проекта к утверждению.',
        en: 'Plot boundaries set and the plan prepared for approval.',
      },
      millions: [3, 40],
      sub: '000',
      shape: 'area',
    },
    {
      title: k(
        (s) => `№${s.n} учаскедегі жайылымдарды геоботаникалық зерттеу`,
        (s) => `геоботаническое обследование пастбищ участка №${s.n}`,
        (s) => `geobotanical survey of pasture plot No. ${s.n}`,
      ),
      description: {
        kk: 'Жайылымның жай-күйін бағалау және жүктеме нормаларын есептеу.',
        ru: 'Оценка состояния пастбищ и расчёт норм нагрузки.',
        en: 'Pasture condition assessed and grazing limits calculated.',
      },
      millions: [5, 60],
      sub: '000',
      shape: 'area',
    },
  ],
  housing_utilities: [
    {
      title: k(
        (s) => `${s.street.kk} көшесіндегі көппәтерлі үйлердің жылу желілерін ауыстыру`,
        (s) => `замена тепловых сетей многоквартирных домов на улице ${s.street.ru}`,
        (s) => `new heating mains for apartment blocks on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Тозған құбырларды алдын ала оқшауланған құбырларға ауыстыру.',
        ru: 'Замена изношенных труб на предизолированные.',
        en: 'Worn pipes replaced with pre-insulated ones.',
      },
      millions: [100, 900],
      sub: '000',
      shape: 'line',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесіндегі кәріз желісін реконструкциялау`,
        (s) => `реконструкция канализационной сети на улице ${s.street.ru}`,
        (s) => `reconstruction of the sewer on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Кәріз коллекторын және құдықтарды ауыстыру.',
        ru: 'Замена канализационного коллектора и колодцев.',
        en: 'Sewer main and manholes replaced.',
      },
      millions: [150, 1200],
      sub: '000',
      shape: 'line',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесі, ${s.n}-үйдің шатырын жөндеу`,
        (s) => `ремонт кровли жилого дома №${s.n} на улице ${s.street.ru}`,
        (s) => `roof repair of block No. ${s.n}, ${s.street.en} Street`,
      ),
      description: {
        kk: 'Көппәтерлі тұрғын үйдің шатырын жөндеу.',
        ru: 'Ремонт кровли многоквартирного жилого дома.',
        en: 'Roof of an apartment block repaired.',
      },
      millions: [15, 90],
      sub: '000',
    },
  ],
  water_supply: [
    {
      title: k(
        (s) => `${s.street.kk} көшесінде ауыз су құбырын салу`,
        (s) => `строительство водопровода на улице ${s.street.ru}`,
        (s) => `new drinking-water main on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Үйлерге су құбырын тарту және үй ішіне кіргізу.',
        ru: 'Прокладка водопровода с вводами в дома.',
        en: 'Water main laid with connections to the houses.',
      },
      millions: [200, 1500],
      sub: '000',
      shape: 'line',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесіндегі су тарату желілерін реконструкциялау`,
        (s) => `реконструкция разводящих сетей водоснабжения на улице ${s.street.ru}`,
        (s) => `reconstruction of water distribution networks on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Болат құбырларды полиэтилен құбырларға ауыстыру.',
        ru: 'Замена стальных труб на полиэтиленовые.',
        en: 'Steel pipes replaced with polyethylene ones.',
      },
      millions: [120, 900],
      sub: '000',
      shape: 'line',
    },
  ],
  culture_sport: [
    {
      title: k(
        (s) => `${s.street.kk} көшесінде көпфункциялы спорт алаңын салу`,
        (s) => `строительство многофункциональной спортивной площадки на улице ${s.street.ru}`,
        (s) => `multi-purpose sports ground on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Жасанды жабыны бар алаң, қоршау және жарықтандыру.',
        ru: 'Площадка с искусственным покрытием, ограждением и освещением.',
        en: 'Artificial-turf ground with fencing and lighting.',
      },
      millions: [15, 90],
      sub: '000',
    },
    {
      title: k(
        (s) => `№${s.n} балалар музыка мектебін жөндеу`,
        (s) => `ремонт детской музыкальной школы №${s.n}`,
        (s) => `repair of children's music school No. ${s.n}`,
      ),
      description: {
        kk: 'Сынып бөлмелерін және концерт залын жөндеу.',
        ru: 'Ремонт классов и концертного зала.',
        en: 'Classrooms and concert hall repaired.',
      },
      millions: [30, 200],
      sub: '000',
    },
  ],
  agriculture: [
    {
      title: k(
        (s) => `№${s.n} суару арығын тазарту`,
        (s) => `очистка оросительного канала №${s.n}`,
        (s) => `cleaning of irrigation canal No. ${s.n}`,
      ),
      description: {
        kk: 'Арнаны тұнбадан тазарту және гидротехникалық құрылыстарды жөндеу.',
        ru: 'Очистка русла от наносов и ремонт гидросооружений.',
        en: 'Silt removed and water structures repaired.',
      },
      millions: [20, 250],
      sub: '000',
      shape: 'line',
    },
    {
      title: k(
        (s) => `№${s.n} ветеринариялық пунктті жөндеу`,
        (s) => `ремонт ветеринарного пункта №${s.n}`,
        (s) => `repair of veterinary station No. ${s.n}`,
      ),
      description: {
        kk: 'Ғимаратты жөндеу және вакцина сақтауға арналған тоңазытқыш жабдық.',
        ru: 'Ремонт здания и холодильное оборудование для хранения вакцин.',
        en: 'Building repaired; refrigeration for vaccines.',
      },
      millions: [8, 40],
      sub: '000',
    },
  ],
  social_protection: [
    {
      title: k(
        (s) => `${s.street.kk} көшесіндегі мекемелерге пандустар орнату`,
        (s) => `установка пандусов в учреждениях на улице ${s.street.ru}`,
        (s) => `ramps at public buildings on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Мүгедектігі бар адамдар үшін кіреберістерді бейімдеу.',
        ru: 'Приспособление входов для людей с инвалидностью.',
        en: 'Entrances adapted for people with disabilities.',
      },
      millions: [5, 60],
      sub: '000',
    },
    {
      title: k(
        (s) => `№${s.n} әлеуметтік қызмет көрсету орталығын жөндеу`,
        (s) => `ремонт центра социального обслуживания №${s.n}`,
        (s) => `repair of social services centre No. ${s.n}`,
      ),
      description: {
        kk: 'Күндізгі болу бөлімшесінің бөлмелерін жөндеу.',
        ru: 'Ремонт помещений отделения дневного пребывания.',
        en: 'Day-care rooms repaired.',
      },
      millions: [30, 200],
      sub: '000',
    },
  ],
  transport: [
    {
      title: k(
        (s) => `${s.street.kk} көшесінде аялдама павильондарын орнату`,
        (s) => `установка остановочных павильонов на улице ${s.street.ru}`,
        (s) => `bus-stop shelters on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Жарығы және орындықтары бар аялдама павильондары.',
        ru: 'Остановочные павильоны с освещением и скамейками.',
        en: 'Bus-stop shelters with lighting and benches.',
      },
      millions: [10, 80],
      sub: '000',
    },
    {
      title: k(
        (s) => `№${s.n} әлеуметтік маңызы бар автобус бағытын субсидиялау`,
        (s) => `субсидирование социально значимого автобусного маршрута №${s.n}`,
        (s) => `subsidy for socially important bus route No. ${s.n}`,
      ),
      description: {
        kk: 'Тасымалдаушының шығынын өтеу, бағыт бойынша қатынау жиілігін сақтау.',
        ru: 'Возмещение убытков перевозчика при сохранении частоты движения по маршруту.',
        en: "The carrier's losses covered so the route keeps its frequency.",
      },
      millions: [50, 400],
      sub: '000',
    },
  ],
  other: [
    {
      title: k(
        (s) => `${s.street.kk} көшесіндегі саябақты абаттандыру`,
        (s) => `благоустройство сквера на улице ${s.street.ru}`,
        (s) => `improvement of the square on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Жаяу жүргінші жолдары, орындықтар, көгалдандыру және суару жүйесі.',
        ru: 'Дорожки, скамейки, озеленение и система полива.',
        en: 'Paths, benches, planting and irrigation.',
      },
      millions: [10, 200],
      sub: '000',
    },
    {
      title: k(
        (s) => `${s.street.kk} көшесіне көше жарығын орнату`,
        (s) => `установка уличного освещения на улице ${s.street.ru}`,
        (s) => `street lighting on ${s.street.en} Street`,
      ),
      description: {
        kk: 'Тіректер мен жарықдиодты шамдар орнату.',
        ru: 'Установка опор и светодиодных светильников.',
        en: 'Poles and LED lights installed.',
      },
      millions: [10, 120],
      sub: '000',
      shape: 'line',
    },
  ],
};

/** The budget programme of a category (second part of the programme code). */
export const PROGRAMME_OF: Record<Category, string> = {
  roads: '023',
  education: '029',
  health: '034',
  land_relations: '001',
  housing_utilities: '018',
  water_supply: '028',
  culture_sport: '025',
  agriculture: '010',
  social_protection: '013',
  transport: '024',
  other: '016',
};

/**
 * One budget administrator code (АБП / ББӘ) per body: the regional departments have their own;
 * district and city akimats all carry the code of an akimat's office. Demo values.
 */
export const ADMINISTRATOR_CODE: Record<string, string> = {
  'zha-roads': '268',
  'zha-education': '261',
  'zha-health': '253',
  'zha-energy': '279',
  'zha-land': '251',
  'zha-agriculture': '255',
  'zha-culture-sport': '263',
  'zha-social': '256',
};
export const AKIMAT_ADMINISTRATOR_CODE = '122';

export interface DemoContractor {
  name: string;
  /** Registration year and month: the first four digits of the BIN. */
  registered: [number, number];
  /** Where it is based: it works there and in the nearest districts. */
  base: AreaCode;
  categories: Category[];
}

/** Invented firms with Kazakh names, each based in one place and working in one or two lines of work. */
export const CONTRACTORS: readonly DemoContractor[] = [
  { name: 'Әулиеата Жол Құрылыс', registered: [2006, 4], base: 'taraz', categories: ['roads', 'transport'] },
  { name: 'Тараз Су Арнасы', registered: [2009, 9], base: 'taraz', categories: ['water_supply'] },
  { name: 'Жамбыл Білім Құрылыс', registered: [2011, 2], base: 'taraz', categories: ['education'] },
  { name: 'Тараз Жылу Монтаж', registered: [2008, 11], base: 'taraz', categories: ['housing_utilities'] },
  { name: 'Жамбыл Медтехника', registered: [2013, 6], base: 'taraz', categories: ['health'] },
  { name: 'Жер Кадастр Сервис', registered: [2015, 3], base: 'taraz', categories: ['land_relations'] },
  {
    name: 'Әлеумет Құрылыс',
    registered: [2016, 8],
    base: 'taraz',
    categories: ['social_protection', 'culture_sport'],
  },
  { name: 'Сарыкемер Құрылыс', registered: [2010, 5], base: 'bayzak', categories: ['roads', 'other'] },
  {
    name: 'Байзақ Агросервис',
    registered: [2012, 10],
    base: 'bayzak',
    categories: ['agriculture', 'land_relations'],
  },
  { name: 'Аса Су Құрылыс', registered: [2014, 7], base: 'zhambyl', categories: ['water_supply'] },
  {
    name: 'Жамбыл Ауыл Құрылыс',
    registered: [2007, 12],
    base: 'zhambyl',
    categories: ['education', 'culture_sport'],
  },
  { name: 'Жуалы Жол', registered: [2005, 3], base: 'zhualy', categories: ['roads'] },
  { name: 'Момышұлы Құрылыс', registered: [2017, 2], base: 'zhualy', categories: ['education', 'health'] },
  {
    name: 'Қордай Құрылыс Монтаж',
    registered: [2009, 6],
    base: 'kordai',
    categories: ['housing_utilities', 'water_supply'],
  },
  { name: 'Қордай Жол Сервис', registered: [2012, 4], base: 'kordai', categories: ['roads', 'transport'] },
  { name: 'Меркі Құрылыс', registered: [2010, 9], base: 'merki', categories: ['roads', 'housing_utilities'] },
  { name: 'Меркі Агро', registered: [2018, 1], base: 'merki', categories: ['agriculture'] },
  { name: 'Мойынқұм Құрылыс', registered: [2011, 8], base: 'moiynkum', categories: ['education', 'other'] },
  {
    name: 'Жаңатас Құрылыс',
    registered: [2008, 2],
    base: 'sarysu',
    categories: ['housing_utilities', 'culture_sport'],
  },
  {
    name: 'Қаратау Инжиниринг',
    registered: [2007, 5],
    base: 'talas',
    categories: ['water_supply', 'roads'],
  },
  {
    name: 'Қаратау Медсервис',
    registered: [2019, 4],
    base: 'talas',
    categories: ['health', 'social_protection'],
  },
  { name: 'Құлан Құрылыс', registered: [2013, 11], base: 'ryskulov', categories: ['roads', 'education'] },
];

/**
 * Demo questions to bodies: a realistic mix on the legal clock — answered on time (some accepted and
 * rated), answered late, overdue now, extended, redirected, disputed, and fresh ones. Dates are set
 * relative to `today` so the mix stays meaningful whenever the demo is loaded; given the same items
 * and `today` the records are the same. Every change goes through the same functions as the API, so
 * the audit chain holds the demo history too. Every text says it is demo data.
 */
import { encodeTime } from 'ulid';
import { almatyDate } from '../../shared/dates';
import { addDays, addWorkingDays, extensionCap, isWorkingDay } from '../../shared/deadlines';
import type { Item } from '../../shared/item';
import type { Question } from '../../shared/questions';
import type { Principal } from '../../shared/users';
import { DEMO_USERS } from '../auth/demo-users';
import type { Store } from '../data/client';
import {
  acceptAnswer,
  answerQuestion,
  disputeAnswer,
  extendQuestion,
  publishAnswerOnThread,
  raiseQuestion,
  rateAnswer,
  redirectQuestion,
  reviewQuestion,
} from '../services/questions';
import { DEMO_BODIES } from './bodies';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose time part is `at` and whose random part is a counter: stable between runs. */
function demoId(at: Date, n: number): string {
  let tail = '';
  let v = n;
  for (let i = 0; i < 16; i++) {
    tail = CROCKFORD[v % 32] + tail;
    v = Math.floor(v / 32);
  }
  return encodeTime(at.getTime(), 10) + tail;
}

function workingDaysBefore(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** 11:00 in Almaty (UTC+5) on `date`, plus `minutes` to keep a question's steps in order. */
const at = (date: string, minutes = 0) => new Date(Date.parse(`${date}T06:00:00Z`) + minutes * 60_000);

/** The sign-in demo citizens ask, so each of them finds their questions under "My questions". */
const ASKER_SUBS = ['demo-citizen-aigerim', 'demo-citizen-nurlan', 'demo-member-dana', 'demo-member-erlan'];
const ASKERS: Principal[] = ASKER_SUBS.map((sub) => DEMO_USERS.find((u) => u.sub === sub)!);
/** The body's own sign-in official answers, under their name. */
const official = (bodyId: string): Principal => DEMO_USERS.find((u) => u.sub === `demo-official-${bodyId}`)!;

type Lang = 'kk' | 'ru';
type Situation = 'works' | 'done' | 'stopped' | 'notStarted' | 'cancelled';

function situationOf(item: Item): Situation {
  switch (item.status) {
    case 'completed':
      return 'done';
    case 'suspended':
      return 'stopped';
    case 'cancelled':
      return 'cancelled';
    case 'planned':
    case 'procurement':
      return 'notStarted';
    default:
      return 'works';
  }
}

/** What a resident would see on such an object, by category (kk, ru). */
const CONCERN: Record<Item['category'], [string, string]> = {
  roads: ['Жол жабыны', 'Дорожное покрытие'],
  education: ['Мектеп ғимараты', 'Здание школы'],
  health: ['Емхана', 'Поликлиника'],
  land_relations: ['Жер учаскелері', 'Земельные участки'],
  housing_utilities: ['Үйлердегі жылу мен кәріз', 'Отопление и канализация в домах'],
  water_supply: ['Су құбыры', 'Водопровод'],
  culture_sport: ['Алаң мен ғимарат', 'Площадка и здание'],
  agriculture: ['Арық пен суару', 'Канал и полив'],
  social_protection: ['Кіреберістер', 'Входы в здания'],
  transport: ['Аялдамалар мен автобустар', 'Остановки и автобусы'],
  other: ['Абаттандыру', 'Благоустройство'],
};

/** A question that fits the item's state and category, in the asker's language; always marked demo. */
function questionText(item: Item, lang: Lang): string {
  const [ck, cr] = CONCERN[item.category];
  const q: Record<Situation, [string, string]> = {
    works: [
      `Нысан бойынша жұмыс қашан аяқталады? Кесте бойынша мерзім жақындап қалды, ал жұмысшылар аз. ${ck} әлі дайын емес. (демо)`,
      `Когда будут завершены работы по объекту? Срок по графику близок, а рабочих на площадке мало. ${cr}: работы не закончены. (демо)`,
    ],
    done: [
      `Нысан пайдалануға берілді, бірақ ақаулар бар. ${ck}: кепілдік мерзімінде мердігер жөндей ме? Орындалған жұмыстар актісін жариялаңызшы. (демо)`,
      `Объект сдан, но есть недостатки. ${cr}: устранит ли подрядчик их в гарантийный срок? Прошу опубликовать акт выполненных работ. (демо)`,
    ],
    stopped: [
      `Жұмыс неге тоқтатылды және қашан қайта басталады? Қаржының бір бөлігі игерілген. (демо)`,
      `Почему работы приостановлены и когда они возобновятся? Часть средств уже освоена. (демо)`,
    ],
    notStarted: [
      `Бұл жоба бойынша мемлекеттік сатып алу қашан өтеді және жұмыс қай айда басталады? (демо)`,
      `Когда пройдут государственные закупки по этому проекту и в каком месяце начнутся работы? (демо)`,
    ],
    cancelled: [
      `Жоба неге бас тартылды? Қаржы басқа нысанға бағыттала ма? (демо)`,
      `Почему проект отменён? Будут ли средства направлены на другой объект? (демо)`,
    ],
  };
  return q[situationOf(item)][lang === 'kk' ? 0 : 1];
}

/** The body's answer, in the language of the question; always marked demo. */
function answerText(item: Item, lang: Lang): string {
  const a: Record<Situation, [string, string]> = {
    works: [
      'Мердігерге жұмысшылар мен техниканы көбейту туралы хат жіберілді; техникалық қадағалау апта сайын тексереді. Жұмыс шарт мерзімінде аяқталады. (демо жауап)',
      'Подрядчику направлено письмо об увеличении числа рабочих и техники; технадзор проверяет объект еженедельно. Работы будут завершены в срок договора. (демо-ответ)',
    ],
    done: [
      'Ақаулар тізімі мердігерге кепілдік міндеттемесі бойынша жіберілді, жөндеу 20 жұмыс күні ішінде жүргізіледі. Акт мемлекеттік сатып алу порталында жарияланған. (демо жауап)',
      'Перечень недостатков направлен подрядчику по гарантийным обязательствам, устранение — в течение 20 рабочих дней. Акт опубликован на портале государственных закупок. (демо-ответ)',
    ],
    stopped: [
      'Жұмыс жобалық-сметалық құжаттаманы түзету үшін уақытша тоқтатылды; сараптама қорытындысынан кейін қайта басталады. (демо жауап)',
      'Работы приостановлены для корректировки проектно-сметной документации; возобновятся после заключения экспертизы. (демо-ответ)',
    ],
    notStarted: [
      'Конкурс хабарландыруы келесі тоқсанда жарияланады; жұмыс шарт жасалғаннан кейін басталады. (демо жауап)',
      'Объявление о конкурсе будет опубликовано в следующем квартале; работы начнутся после заключения договора. (демо-ответ)',
    ],
    cancelled: [
      'Жоба қайталанатын шығыс ретінде бас тартылды; қаржы бюджеттің нақтыланған жоспарына сәйкес қайта бөлінді. (демо жауап)',
      'Проект отменён как дублирующий расход; средства перераспределены согласно уточнённому бюджету. (демо-ответ)',
    ],
  };
  return a[situationOf(item)][lang === 'kk' ? 0 : 1];
}

type Scenario =
  | 'onTime'
  | 'onTimeAccepted'
  | 'late'
  | 'overdue'
  | 'extended'
  | 'redirected'
  | 'disputed'
  | 'fresh';

/**
 * Bodies that get questions, each with its own record, so responsiveness differs between them:
 * regional departments and akimats, prompt ones and slow ones. Every scenario appears somewhere.
 */
const PROFILES: { bodyId: string; scenarios: Scenario[] }[] = [
  {
    bodyId: 'akimat-taraz',
    scenarios: [
      'onTimeAccepted',
      'onTime',
      'late',
      'overdue',
      'onTimeAccepted',
      'extended',
      'fresh',
      'disputed',
      'redirected',
    ],
  },
  { bodyId: 'zha-roads', scenarios: ['late', 'overdue', 'late', 'onTime', 'overdue', 'disputed', 'fresh'] },
  { bodyId: 'zha-education', scenarios: ['onTimeAccepted', 'onTimeAccepted', 'onTime', 'onTime', 'fresh'] },
  { bodyId: 'akimat-merki', scenarios: ['overdue', 'late', 'overdue', 'late', 'redirected'] },
  {
    bodyId: 'akimat-kordai',
    scenarios: ['onTimeAccepted', 'onTime', 'onTimeAccepted', 'extended', 'onTime'],
  },
  { bodyId: 'zha-energy', scenarios: ['onTime', 'late', 'extended', 'onTimeAccepted', 'fresh'] },
  { bodyId: 'akimat-talas', scenarios: ['onTime', 'overdue', 'fresh', 'late', 'onTime'] },
];

export interface DemoQuestionsOptions {
  /** Almaty date the mix is relative to (default: today). */
  today?: string;
  /** How many of the profiled bodies get questions (default: all). */
  bodies?: number;
}

/** Writes the demo questions; returns them. Call once on an empty store, after the items. */
export async function seedDemoQuestions(
  store: Store,
  items: readonly Item[],
  opts: DemoQuestionsOptions = {},
): Promise<Question[]> {
  const today = opts.today ?? almatyDate();
  const byBody = new Map<string, Item[]>();
  for (const item of items) byBody.set(item.body.id, [...(byBody.get(item.body.id) ?? []), item]);
  const profiles = PROFILES.filter((p) => byBody.has(p.bodyId)).slice(0, opts.bodies ?? PROFILES.length);
  // Redirect to the body that is competent for the item: its category's regional department, or
  // for a regional department's item, the akimat of the item's area.
  const competentFor = (item: Item, from: string): string =>
    (from.startsWith('akimat-')
      ? DEMO_BODIES.find((b) => !b.area && b.categories.includes(item.category))?.id
      : `akimat-${item.area}`) ?? 'akimat-taraz';

  const out: Question[] = [];
  let n = 0;
  for (const { bodyId, scenarios } of profiles) {
    const bodyItems = byBody.get(bodyId)!;
    const body = official(bodyId);
    for (let i = 0; i < scenarios.length; i++) {
      const scenario = scenarios[i]!;
      const item = bodyItems[i % bodyItems.length]!;
      const asker = ASKERS[n % ASKERS.length]!;
      const lang: Lang = n % 2 === 0 ? 'kk' : 'ru';
      const text = questionText(item, lang);
      const reply = answerText(item, lang);
      n++;
      const raisedOn = workingDaysBefore(
        today,
        {
          onTime: 25,
          onTimeAccepted: 30,
          late: 40,
          overdue: 19,
          extended: 20,
          redirected: 2,
          disputed: 35,
          fresh: 3,
        }[scenario],
      );
      const id = demoId(at(raisedOn), n);
      let q = await raiseQuestion(store, item, asker, { text }, { now: at(raisedOn), newId: () => id });
      const step = (date: string, k: number) => ({ now: at(date, k) });
      const answer = async (on: string) => {
        q = await answerQuestion(store, q, body, reply, step(on, 2));
        await publishAnswerOnThread(store, q, at(on, 2));
      };
      switch (scenario) {
        case 'onTime':
        case 'onTimeAccepted':
          q = await reviewQuestion(store, q, body, step(addWorkingDays(raisedOn, 1), 1));
          await answer(addWorkingDays(raisedOn, 9));
          if (scenario === 'onTimeAccepted') {
            const on = addWorkingDays(raisedOn, 11);
            q = await rateAnswer(store, q, asker, 4 + (n % 2), step(on, 3));
            q = await acceptAnswer(store, q, asker, step(on, 4));
          }
          break;
        case 'late':
          q = await reviewQuestion(store, q, body, step(addWorkingDays(raisedOn, 2), 1));
          await answer(addWorkingDays(raisedOn, 19));
          q = await rateAnswer(store, q, asker, 2, step(addWorkingDays(raisedOn, 20), 3));
          break;
        case 'overdue':
          q = await reviewQuestion(store, q, body, step(addWorkingDays(raisedOn, 3), 1));
          break;
        case 'extended':
          q = await reviewQuestion(store, q, body, step(addWorkingDays(raisedOn, 2), 1));
          q = await extendQuestion(
            store,
            q,
            body,
            {
              reason:
                lang === 'kk'
                  ? 'Комиссияның нысанға шығуы және жұмыс сапасына сараптама қажет (демо).'
                  : 'Требуется выезд комиссии и экспертиза качества работ (демо).',
              newDueOn: extensionCap(raisedOn),
            },
            step(addWorkingDays(raisedOn, 12), 2),
          );
          break;
        case 'redirected':
          q = await redirectQuestion(
            store,
            q,
            body,
            {
              toBodyId: competentFor(item, bodyId),
              reason:
                lang === 'kk'
                  ? 'Мәселе басқа органның құзыретіне жатады (демо).'
                  : 'Вопрос относится к компетенции другого органа (демо).',
            },
            step(addWorkingDays(raisedOn, 1), 1),
          );
          break;
        case 'disputed': {
          await answer(addWorkingDays(raisedOn, 12));
          q = await disputeAnswer(
            store,
            q,
            asker,
            lang === 'kk'
              ? 'Жауап нақты емес: мерзімдер мен жауапты адам көрсетілмеген (демо).'
              : 'Ответ не конкретный: не указаны сроки и ответственный (демо).',
            step(addWorkingDays(raisedOn, 14), 3),
          );
          break;
        }
        case 'fresh':
          break;
      }
      out.push(q);
    }
  }
  return out;
}

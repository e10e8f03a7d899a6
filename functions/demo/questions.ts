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
} from '../data/questions';

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

const ASKERS: Principal[] = [
  { sub: 'demo-citizen-1', name: 'Айгерім С. (demo)', roles: ['citizen'], bodies: [] },
  { sub: 'demo-citizen-2', name: 'Ерлан Т. (demo)', roles: ['citizen'], bodies: [] },
  { sub: 'demo-citizen-3', name: 'Марина К. (demo)', roles: ['citizen', 'club_member'], bodies: [] },
  { sub: 'demo-citizen-4', name: 'Нұрлан Ж. (demo)', roles: ['citizen'], bodies: [] },
];
const official = (bodyId: string): Principal => ({
  sub: `demo-official-${bodyId}`,
  name: `Demo official (${bodyId})`,
  roles: ['citizen', 'official'],
  bodies: [bodyId],
});

const QUESTIONS = [
  'Работы по объекту остановлены уже месяц. Когда подрядчик вернётся на площадку? (демо)',
  'Нысан бойынша жұмыс қай кезде аяқталады? Кесте бойынша мерзім өтіп кетті. (демо)',
  'Почему освоено 90% средств, а объект не сдан? Прошу предоставить акт выполненных работ. (демо)',
  'Who checks the quality of the work on this object, and where are the inspection reports? (demo)',
  'Жергілікті тұрғындар сапаға наразы. Кепілдік мерзімінде ақаулар жөнделе ме? (демо)',
  'Какая сумма штрафа применена к подрядчику за срыв сроков? (демо)',
];
const ANSWERS = [
  'Подрядчик возобновляет работы с понедельника; график согласован, контроль ведёт технадзор. (демо-ответ)',
  'Мердігерге ескерту жіберілді, жұмыстар келесі айдың соңына дейін аяқталады. (демо жауап)',
  'The acceptance certificate is published on the procurement portal; remaining defects are under warranty. (demo answer)',
];

type Scenario =
  | 'onTime'
  | 'onTimeAccepted'
  | 'late'
  | 'overdue'
  | 'extended'
  | 'redirected'
  | 'disputed'
  | 'fresh';
/** Every chosen body gets one of each, so each shows the whole life of a question and its rates. */
const ROTATION: Scenario[] = [
  'onTimeAccepted',
  'onTime',
  'late',
  'overdue',
  'onTimeAccepted',
  'extended',
  'fresh',
  'disputed',
  'redirected',
];

export interface DemoQuestionsOptions {
  /** Almaty date the mix is relative to (default: today). */
  today?: string;
  /** How many bodies get questions (the ones with the most items). */
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
  const bodies = [...byBody.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, opts.bodies ?? 5);
  const otherBody = (bodyId: string) => bodies.find(([id]) => id !== bodyId)?.[0] ?? 'akimat-taraz';

  const out: Question[] = [];
  let n = 0;
  for (const [bodyId, bodyItems] of bodies) {
    const body = official(bodyId);
    for (let i = 0; i < ROTATION.length; i++) {
      const scenario = ROTATION[i]!;
      const item = bodyItems[i % bodyItems.length]!;
      const asker = ASKERS[n % ASKERS.length]!;
      const text = QUESTIONS[n % QUESTIONS.length]!;
      const reply = ANSWERS[n % ANSWERS.length]!;
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
              reason: 'Требуется выезд комиссии и экспертиза качества работ (демо).',
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
              toBodyId: otherBody(bodyId),
              reason: 'Вопрос относится к компетенции другого органа (демо).',
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
            'Ответ не соответствует ситуации на объекте: работы не ведутся (демо).',
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

/**
 * Demo club sessions reproducing the origin's figures: 5 sessions held with minutes published and
 * 15 questions considered (3 per session), plus the next session with a published agenda. Every
 * text says it is demo data. Deterministic: the same items and clock give the same records.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import { clockTime } from '../../shared/agenda-timing';
import { almatyDate } from '../../shared/dates';
import type { Item } from '../../shared/item';
import {
  type AgendaEntry,
  type AgendaVersion,
  almatyInstant,
  type Recommendation,
  type Session,
} from '../../shared/sessions';
import { StaleWriteError } from '../audit/chain';
import type { Store } from '../data/client';
import { agendaVersionPut, recommendationPut } from '../data/sessions';
import { createSession } from '../services/sessions';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose time part is `at` and whose random part is a fixed counter: stable between runs. */
function demoId(at: string, n: number): string {
  let tail = '';
  let v = n;
  for (let i = 0; i < 16; i++) {
    tail = CROCKFORD[v % 32] + tail;
    v = Math.floor(v / 32);
  }
  return encodeTime(Date.parse(at), 10) + tail;
}

/** Demo sessions: each title in kk and ru names the theme its agenda's items are chosen by. */
const HELD: Array<{ startsAt: string; title: { kk: string; ru: string }; theme: string }> = [
  {
    startsAt: '2026-06-18T15:00',
    title: {
      kk: 'Клуб отырысы 1 (демо): Тараздағы жол жөндеу',
      ru: 'Заседание клуба 1 (демо): ремонт дорог в Таразе',
    },
    theme: 'roads',
  },
  {
    startsAt: '2026-07-16T15:00',
    title: {
      kk: 'Клуб отырысы 2 (демо): оқу жылы алдындағы мектептер',
      ru: 'Заседание клуба 2 (демо): школы перед учебным годом',
    },
    theme: 'education',
  },
  {
    startsAt: '2026-08-20T15:00',
    title: {
      kk: 'Клуб отырысы 3 (демо): емханалар мен медициналық пункттер',
      ru: 'Заседание клуба 3 (демо): поликлиники и медпункты',
    },
    theme: 'health',
  },
  {
    startsAt: '2026-09-17T15:00',
    title: {
      kk: 'Клуб отырысы 4 (демо): жер қатынастары және су',
      ru: 'Заседание клуба 4 (демо): земельные отношения и вода',
    },
    theme: 'land',
  },
  {
    startsAt: '2026-10-15T15:00',
    title: {
      kk: 'Клуб отырысы 5 (демо): бұрынғы ұсыныстардың орындалуы',
      ru: 'Заседание клуба 5 (демо): исполнение прежних рекомендаций',
    },
    theme: 'mixed',
  },
];

/** Varied decisions, each in kk and ru. */
const DECISIONS = [
  {
    kk: 'Жауапты органнан қабылдау актісі мен жұмыс кестесін жариялауды сұрау.',
    ru: 'Попросить ответственный орган опубликовать акт приёмки и график работ.',
  },
  {
    kk: 'Белсенділер мен мердігердің қатысуымен нысанға бірлесіп барып көруді сұрау.',
    ru: 'Запросить совместный выезд на объект с активистами и подрядчиком.',
  },
  {
    kk: 'Мерзімді бұзғаны үшін мердігерге наразылық-талап қоюды ұсыну.',
    ru: 'Рекомендовать претензию подрядчику за срыв сроков.',
  },
];

/** Named demo participants (fictional, marked as demo). */
const MEMBERS = ['Айгерім Сәрсенова (демо)', 'Бауыржан Омаров (демо)', 'Динара Ким (демо)'];
const VENUE = { kk: '«Antikor» орталығы, Тараз (демо)', ru: 'Центр «Antikor», Тараз (демо)' };

/** The first Thursday at 15:00 Almaty strictly after `now` and after the last held session. */
function nextThursday(now: Date): string {
  const last = Date.parse('2026-10-16T00:00:00Z');
  const d = new Date(Math.max(now.getTime(), last) + 24 * 3600_000);
  while (d.getUTCDay() !== 4) d.setUTCDate(d.getUTCDate() + 1);
  return `${almatyDate(d)}T15:00`;
}

/**
 * Writes the demo sessions using the first 18 demo items (15 considered, 3 on the next agenda).
 * Returns the number of sessions written; 0 when there are too few items.
 */
export async function seedDemoSessions(store: Store, items: Item[], now: Date = new Date()): Promise<number> {
  const chosen = [...items].sort((a, b) => a.id.localeCompare(b.id)).slice(0, 18);
  if (chosen.length < 18) return 0;
  const today = almatyDate(now);
  let n = 0;
  const sessions = [
    ...HELD.map((h) => ({ ...h, held: true })),
    {
      startsAt: nextThursday(now),
      title: {
        kk: 'Клуб отырысы 6 (демо): келесі отырыстың күн тәртібі',
        ru: 'Заседание клуба 6 (демо): повестка следующего заседания',
      },
      theme: 'next',
      held: false,
    },
  ];
  for (const [si, plan] of sessions.entries()) {
    const startUtc = almatyInstant(plan.startsAt).toISOString();
    const id = demoId(startUtc, ++n);
    const recs: Recommendation[] = [];
    const entries: AgendaEntry[] = chosen.slice(si * 3, si * 3 + 3).map((item, ei) => {
      const entryId = demoId(startUtc, ++n);
      const entry: AgendaEntry = {
        id: entryId,
        itemId: item.id,
        // Computed as the API computes it: 25 minutes each, end to end from the start (not "15:60").
        minutes: 25,
        slot: { start: clockTime(15 * 60 + ei * 25), minutes: 25 },
        presenter: MEMBERS[ei] as string,
        bodyId: item.body.id,
        notes: { kk: 'Демо-деректер.', ru: 'Демо-данные.' },
      };
      if (!plan.held) return entry;
      // Due a month after the session; the earlier ones done, the latest still running or overdue.
      const due = almatyDate(new Date(Date.parse(startUtc) + (30 + ei * 15) * 24 * 3600_000));
      const done = si < 3 || (si === 3 && ei === 0);
      const rec: Recommendation = {
        id: demoId(startUtc, ++n),
        sessionId: id,
        entryId,
        itemId: item.id,
        bodyId: item.body.id,
        text: {
          kk: `${DECISIONS[ei]?.kk} (демо-ұсыныс)`,
          ru: `${DECISIONS[ei]?.ru} (демо-рекомендация)`,
        },
        due,
        status: 'open',
        sessionTitle: plan.title,
        sessionStartsAt: plan.startsAt,
      };
      if (done && due <= today) {
        rec.status = 'done';
        rec.evidence = 'Письмо органа с приложенным актом (демо).';
        rec.doneAt = almatyInstant(`${due}T12:00`).toISOString();
      }
      recs.push(rec);
      return {
        ...entry,
        outcome: {
          decision: { kk: `${DECISIONS[ei]?.kk} (демо-шешім)`, ru: `${DECISIONS[ei]?.ru} (демо-решение)` },
          recommendationIds: [rec.id],
        },
      };
    });
    const published = almatyInstant(plan.startsAt).getTime() - 7 * 24 * 3600_000;
    const session: Session = {
      id,
      title: plan.title,
      startsAt: plan.startsAt,
      startUtc,
      durationMinutes: 120,
      venue: VENUE,
      format: 'in_person',
      participants: [
        ...MEMBERS.map((name) => ({ kind: 'member' as const, name })),
        ...[...new Set(entries.flatMap((e) => e.bodyId ?? []))].map((bodyId) => ({
          kind: 'official' as const,
          name: 'Приглашённый представитель органа (демо)',
          bodyId,
        })),
      ],
      status: plan.held ? 'minutes_published' : 'agenda_published',
      version: plan.held ? 4 : 2,
      agendaVersion: 1,
      entries,
      ...(plan.held
        ? {
            minutes: {
              text: {
                kk: `Хаттама: ${plan.title.kk}. Үш мәселе қаралды; әр мәселе бойынша шешімдер мен ұсыныстар төменде. Демо-деректер.`,
                ru: `Протокол: ${plan.title.ru}. Рассмотрено три вопроса; решения и рекомендации по каждому вопросу ниже. Демо-данные.`,
              },
              attendance: [
                ...MEMBERS.map((name, mi) => ({ name, present: mi !== si % 3 || si === 0 })),
                { name: 'Приглашённый представитель органа (демо)', present: si !== 2 },
              ],
              publishedAt: new Date(Date.parse(startUtc) + 3 * 24 * 3600_000).toISOString(),
            },
          }
        : {}),
      updatedAt: new Date(plan.held ? Date.parse(startUtc) + 3 * 24 * 3600_000 : published).toISOString(),
    };
    const agenda: AgendaVersion = {
      sessionId: id,
      version: 1,
      changeNote: '',
      publishedAt: new Date(published).toISOString(),
      publishedBy: 'Секретарь клуба (демо)',
      title: session.title,
      startsAt: session.startsAt,
      venue: session.venue,
      entries: entries.map(({ outcome: _, ...e }) => e),
    };
    try {
      await createSession(store, session);
    } catch (err) {
      // Already seeded (ids are deterministic): leave what is there. The chain reports the session's
      // refused put (its only condition: the id is free) as StaleWriteError at index 0.
      if (err instanceof StaleWriteError && err.index === 0) continue;
      throw err;
    }
    await store.doc.send(new PutCommand(agendaVersionPut(store, agenda).Put));
    for (const r of recs) await store.doc.send(new PutCommand(recommendationPut(store, r).Put));
  }
  return sessions.length;
}

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
import { agendaVersionPut, createSession, recommendationPut } from '../data/sessions';

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

const HELD: Array<{ startsAt: string; title: string; theme: string }> = [
  { startsAt: '2026-06-18T15:00', title: 'Клуб отырысы 1 (демо): Тараздағы жол жөндеу', theme: 'roads' },
  {
    startsAt: '2026-07-16T15:00',
    title: 'Клуб отырысы 2 (демо): оқу жылы алдындағы мектептер',
    theme: 'education',
  },
  {
    startsAt: '2026-08-20T15:00',
    title: 'Клуб отырысы 3 (демо): емханалар мен медпункттер',
    theme: 'health',
  },
  { startsAt: '2026-09-17T15:00', title: 'Клуб отырысы 4 (демо): жер қатынастары және су', theme: 'land' },
  {
    startsAt: '2026-10-15T15:00',
    title: 'Клуб отырысы 5 (демо): бұрынғы ұсыныстардың орындалуы',
    theme: 'mixed',
  },
];

const DECISIONS = [
  'Попросить ответственный орган опубликовать акт приёмки и график работ.',
  'Запросить совместный выезд на объект с активистами и подрядчиком.',
  'Рекомендовать претензию подрядчику за срыв сроков.',
];

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
      title: 'Клуб отырысы 6 (демо): келесі отырыстың күн тәртібі',
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
        presenter: `Член клуба ${ei + 1} (демо)`,
        bodyId: item.body.id,
        notes: 'Демо-данные.',
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
        text: `${DECISIONS[ei]} (демо-рекомендация)`,
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
        outcome: { decision: `${DECISIONS[ei]} (демо-решение)`, recommendationIds: [rec.id] },
      };
    });
    const published = almatyInstant(plan.startsAt).getTime() - 7 * 24 * 3600_000;
    const session: Session = {
      id,
      title: plan.title,
      startsAt: plan.startsAt,
      startUtc,
      durationMinutes: 120,
      venue: 'Центр «Antikor», Тараз (демо)',
      format: 'in_person',
      participants: [
        { kind: 'member', name: 'Член клуба 1 (демо)' },
        { kind: 'member', name: 'Член клуба 2 (демо)' },
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
              text: `Протокол: ${plan.title}. Рассмотрено три вопроса; решения и рекомендации по каждому вопросу ниже. Демо-данные.`,
              attendance: [
                { name: 'Член клуба 1 (демо)', present: true },
                { name: 'Член клуба 2 (демо)', present: true },
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

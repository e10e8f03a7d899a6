/**
 * Agenda candidates through the real API on DynamoDB Local: items and questions ranked by their
 * signals (execution state, risk flags, answers and recommendations past their date, site-visit
 * problems, followers), each with its reasons; a candidate is put on a chosen session in one step
 * and then shows where it is.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { visitCountModel } from '../../functions/data/entities/visits';
import { putItem } from '../../functions/data/items';
import { recordKey } from '../../functions/data/schema';
import { recommendationPut } from '../../functions/data/sessions';
import { type LocalFeed, startLocalFeed } from '../../functions/feed/local';
import { rankCandidates, scoreOf } from '../../functions/services/agenda-candidates';
import type { Principal } from '../../shared/users';
import { type TestAuth, testAuth, user } from '../support/auth';
import { GENEROUS_RATE_LIMITS, sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

/** Questions are raised on 2026-10-01 (due within 15 working days), the candidates read on 2026-12-01. */
const ASKED = new Date('2026-10-01T06:00:00Z');
const NOW = new Date('2026-12-01T06:00:00Z');
let clock = ASKED;
const member = user('club_member', { sub: 'member-1', name: 'Aigerim' });
const citizen = user('citizen', { sub: 'citizen-1', name: 'Arman' });
const official = user('official', { sub: 'official-roads', bodies: ['zha-roads'] });

let store: Store;
let auth: TestAuth;
let feed: LocalFeed;
let app: ReturnType<typeof createApp>;

const late = sampleItem({ period: { start: '2026-01-01', end: '2026-06-30' } });
const flagged = sampleItem();
const asked = sampleItem({ body: { id: 'zha-health', name: { en: 'Health' } } });
const recOverdue = sampleItem();
const quiet = sampleItem();
let questionId = '';

async function call(method: string, path: string, who: Principal | null, body?: unknown) {
  const headers: Record<string, string> = who ? await auth.bearer(who) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

interface Reason {
  code: string;
  [k: string]: unknown;
}
interface Candidate {
  kind: string;
  itemId: string;
  questionId?: string;
  bodyId: string;
  score: number;
  reasons: Reason[];
  onAgendaOf: string[];
}

beforeAll(async () => {
  store = await createTestStore('agenda-candidates');
  auth = await testAuth();
  await Promise.all([late, flagged, asked, recOverdue, quiet].map((i) => putItem(store, i)));
  // What the nightly flag job writes on an item; and the visit counts of two visits that found problems.
  await store.doc.send(
    new UpdateCommand({
      TableName: store.table,
      Key: { pk: `ITEM#${flagged.id}`, sk: 'ITEM' },
      UpdateExpression: 'SET flags = :f',
      ExpressionAttributeValues: { ':f': ['R-SINGLE-BID', 'R-REPEAT-AWARD'] },
    }),
  );
  await store.doc.send(
    new UpdateCommand({
      TableName: store.table,
      Key: recordKey(visitCountModel, { itemId: flagged.id }),
      UpdateExpression: 'SET visits = :v, withProblems = :p',
      ExpressionAttributeValues: { ':v': 3, ':p': 2 },
    }),
  );
  const recOp = recommendationPut(store, {
    id: '01JRECAAAAAAAAAAAAAAAAAAAA',
    sessionId: '01JSESAAAAAAAAAAAAAAAAAAAA',
    entryId: '01JENTAAAAAAAAAAAAAAAAAAAA',
    itemId: recOverdue.id,
    bodyId: 'zha-roads',
    text: { kk: 'Жөндеу', ru: 'Отремонтировать' },
    due: '2026-11-01',
    status: 'open',
    sessionTitle: { kk: 'Отырыс', ru: 'Заседание' },
    sessionStartsAt: '2026-10-10T15:00',
  });
  await store.doc.send(new PutCommand(recOp.Put!));
  feed = await startLocalFeed({ store, pollMs: 0, now: () => clock });
  app = keyed(
    createApp({
      store,
      auth: auth.verifier,
      now: () => clock,
      feed: feed.reader,
      rateLimits: GENEROUS_RATE_LIMITS,
    }),
  );
  const q = await call('POST', `/api/items/${asked.id}/questions`, citizen, {
    text: 'When will the clinic roof be repaired?',
  });
  expect(q.status).toBe(201);
  questionId = q.body.id;
  const follows = await Promise.all(
    [citizen, member].map((who) => call('PUT', `/api/items/${late.id}/follow`, who)),
  );
  for (const f of follows) expect(f.status).toBeLessThan(300);
  clock = NOW;
  await feed.refresh();
  // Many writes and a feed rebuild: generous on a shared 2-core machine.
}, 120_000);
afterAll(async () => {
  await feed.stop();
  store.raw.destroy();
});

async function candidates(): Promise<{ candidates: Candidate[]; sessions: { id: string }[] }> {
  const res = await call('GET', '/api/club/agenda-candidates', member);
  expect(res.status).toBe(200);
  return res.body;
}

describe('agenda candidates', () => {
  it('ranks items and questions by their signals, each with its reasons, and leaves a quiet item out', async () => {
    const { candidates: list } = await candidates();
    const find = (id: string, kind = 'item') => list.find((c) => c.itemId === id && c.kind === kind);
    expect(find(quiet.id)).toBeUndefined();
    expect(find(late.id)?.reasons).toEqual([
      { code: 'execution', state: 'late' },
      { code: 'followers', count: 2 },
    ]);
    expect(find(flagged.id)?.reasons.map((r) => r.code)).toEqual(['site_problems', 'flag', 'flag']);
    expect(find(recOverdue.id)?.reasons).toEqual([
      { code: 'recommendation_overdue', due: '2026-11-01', daysLate: 30, count: 1 },
    ]);
    const question = find(asked.id, 'question');
    expect(question).toMatchObject({ questionId, bodyId: 'zha-health' });
    expect(question?.reasons[0]).toMatchObject({ code: 'answer_overdue' });
    // Strongest first: scores never rise down the list, and each score is its reasons' sum.
    for (const c of list) expect(c.score).toBe(scoreOf(c.reasons as never));
    expect(list.map((c) => c.score)).toEqual([...list.map((c) => c.score)].sort((a, b) => b - a));
    expect(rankCandidates(list)).toEqual(list);
  });

  it('puts a question on a chosen session in one step, inviting its body, and then shows it there', async () => {
    const later = await call('POST', '/api/sessions', member, {
      title: { kk: 'Желтоқсан отырысы', ru: 'Декабрьское заседание' },
      startsAt: '2026-12-20T15:00',
      durationMinutes: 120,
      venue: { kk: 'Орталық', ru: 'Центр' },
      format: 'in_person',
      participants: [],
    });
    expect(later.status).toBe(201);
    const { sessions } = await candidates();
    expect(sessions.map((s) => s.id)).toContain(later.body.id);
    const added = await call('POST', `/api/sessions/${later.body.id}/entries`, member, {
      itemId: asked.id,
      questionId,
    });
    expect(added.status).toBe(201);
    expect(added.body.entries[0]).toMatchObject({ itemId: asked.id, questionId, bodyId: 'zha-health' });
    const after = (await candidates()).candidates.find((c) => c.questionId === questionId);
    expect(after?.onAgendaOf).toEqual([later.body.id]);
  });

  it('is for club members only', async () => {
    expect((await call('GET', '/api/club/agenda-candidates', null)).status).toBe(401);
    expect((await call('GET', '/api/club/agenda-candidates', official)).status).toBe(403);
  });
});

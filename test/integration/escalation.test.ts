/**
 * Escalating an overdue answer: the asker of a question the body left unanswered past its term gets
 * a printable complaint in kk or ru with the dates, APPK art. 91(2) and 92 (with the art. 92 term's
 * last day), and the audit chain's verification hash; the hub records when it was sent and answered.
 * Before the term has passed, nothing is escalated; nobody but the asker escalates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { Store } from '../../functions/data/client';
import { putItem } from '../../functions/data/items';
import { raiseQuestion } from '../../functions/services/questions';
import { type TestAuth, testAuth, user } from '../support/auth';
import { caller } from '../support/call';
import { sampleItem } from '../support/fixtures';
import { keyed } from '../support/keyed';
import { createTestStore } from '../support/store';

let store: Store;
let auth: TestAuth;
let clock = new Date('2026-03-02T06:00:00Z');
beforeAll(async () => {
  store = await createTestStore('escalation');
  auth = await testAuth();
});
afterAll(() => store.raw.destroy());

const app = () => keyed(createApp({ store, auth: auth.verifier, now: () => clock }));
const asker = user('citizen', { sub: 'esc-asker', name: 'Dana Asker' });
const other = user('citizen', { sub: 'esc-other' });

const call = caller(app, () => auth);

async function overdueQuestion() {
  clock = new Date('2026-03-02T06:00:00Z');
  const item = sampleItem();
  await putItem(store, item);
  const q = await raiseQuestion(
    store,
    item,
    asker,
    { text: 'Why has the road repair stopped?' },
    { now: clock },
  );
  return { item, q, base: `/api/items/${item.id}/questions/${q.id}/escalations` };
}

const toProsecutor = (lang: 'kk' | 'ru') => ({
  addressee: {
    kind: 'prosecutor',
    name: lang === 'ru' ? 'Прокуратура Жамбылской области' : 'Жамбыл облысының прокуратурасы',
  },
  lang,
});

describe('escalating an overdue answer', () => {
  it('is refused while the term runs', async () => {
    const { base } = await overdueQuestion();
    const res = await call('POST', base, asker, toProsecutor('ru'));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('escalation.not_overdue');
  });

  it('makes a printable ru complaint with the dates, art. 91(2) and 92, and the chain hash', async () => {
    const { q, base } = await overdueQuestion();
    clock = new Date('2026-04-20T06:00:00Z');
    const res = await call('POST', base, asker, toProsecutor('ru'));
    expect(res.status).toBe(201);
    const e = (await res.json()) as { id: string; proof: { entryHash: string; recordKey: string } };
    expect(e.proof.entryHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(e)).not.toContain('esc-asker');

    const doc = await call('GET', `${base}/${e.id}/complaint`, asker);
    expect(doc.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await doc.text();
    expect(html).toContain('Жалоба');
    expect(html).toContain('Прокуратура Жамбылской области');
    expect(html).toContain('Why has the road repair stopped?');
    expect(html).toContain('п. 2 ст. 91 АППК РК');
    expect(html).toContain('ст. 92 АППК РК');
    expect(html).toContain(q.dueOn.split('-').reverse().join('.'));
    expect(html).toContain(e.proof.entryHash);
    expect(html).toContain(`/api/audit/verify?record=${e.proof.recordKey}`);
    expect(html).not.toContain('<script');
  });

  it('makes a kk complaint and records when it was sent and answered', async () => {
    const { base } = await overdueQuestion();
    clock = new Date('2026-04-20T06:00:00Z');
    const e = (await (await call('POST', base, asker, toProsecutor('kk'))).json()) as { id: string };
    const html = await (await call('GET', `${base}/${e.id}/complaint`, asker)).text();
    expect(html).toContain('Шағым');
    expect(html).toContain('ҚР ӘРПК 91-бабының 2-тармағы');

    const early = await call('POST', `${base}/${e.id}/progress`, asker, { answeredOn: '2026-04-21' });
    expect(early.status).toBe(409);
    const sent = await call('POST', `${base}/${e.id}/progress`, asker, { sentOn: '2026-04-21' });
    expect(await sent.json()).toMatchObject({ sentOn: '2026-04-21' });
    const answered = await call('POST', `${base}/${e.id}/progress`, asker, { answeredOn: '2026-05-15' });
    expect(await answered.json()).toMatchObject({ sentOn: '2026-04-21', answeredOn: '2026-05-15' });

    // The asker's page lists it with both dates; nobody else may read the list.
    const list = (await (await call('GET', base, asker)).json()) as { escalations: object[] };
    expect(list.escalations).toEqual([
      expect.objectContaining({ id: e.id, lang: 'kk', sentOn: '2026-04-21', answeredOn: '2026-05-15' }),
    ]);
    expect(list.escalations[0]).not.toHaveProperty('ownerSub');
    expect((await call('GET', base, other)).status).toBe(403);
  });

  it('refuses anyone but the asker', async () => {
    const { base } = await overdueQuestion();
    clock = new Date('2026-04-20T06:00:00Z');
    expect((await call('POST', base, other, toProsecutor('ru'))).status).toBe(403);
  });
});

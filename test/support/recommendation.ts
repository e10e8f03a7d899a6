/**
 * A club recommendation on an item, recorded as a held session's outcome records it: the record and
 * its `recommendation.create` chain entry in one transaction. Tests of follow-ups start from here
 * without holding a session first.
 */
import { appendAuditEntry } from '../../functions/audit/chain';
import { recommendationAuditRecord } from '../../functions/audit/records';
import type { Store } from '../../functions/data/client';
import { newId, recommendationPut } from '../../functions/data/sessions';
import type { Recommendation } from '../../shared/sessions';

export async function recordRecommendation(
  store: Store,
  at: Date,
  fields: Pick<Recommendation, 'itemId' | 'due'> & Partial<Recommendation>,
): Promise<Recommendation> {
  const rec: Recommendation = {
    id: newId(),
    sessionId: newId(),
    entryId: newId(),
    bodyId: 'zha-roads',
    text: { kk: 'Жолды жөндеуді аяқтау', ru: 'Завершить ремонт дороги по ул. Абая' },
    status: 'open',
    sessionTitle: { kk: 'Клуб отырысы', ru: 'Заседание клуба' },
    sessionStartsAt: '2026-09-10T15:00',
    ...fields,
  };
  await appendAuditEntry(
    store,
    {
      actorSub: null,
      action: 'recommendation.create',
      at: at.toISOString(),
      record: recommendationAuditRecord(rec),
    },
    [recommendationPut(store, rec)],
  );
  return rec;
}

/**
 * The impact ledger workflow (issue 21, part 7): the secretary records what a question, an outcome
 * or a recommendation changed, with its source document; an official of the body confirms it (until
 * then it counts as unconfirmed). Each step is one audit entry in the same transaction. Sums come
 * from shared/impact.ts `sumImpact`, exact in tiyn.
 */
import type { ImpactEntry, ImpactInput } from '../../shared/impact';
import { ConflictError, ValidationError } from '../api/problems';
import { StaleWriteError } from '../audit/chain';
import type { Store } from '../data/client';
import { getImpact, saveImpact } from '../data/impact';
import { getQuestion } from '../data/questions';
import { getRecommendation, getSession, newId } from '../data/sessions';

/** Whether the question, outcome or recommendation the effect is about exists. */
async function subjectExists(store: Store, s: ImpactInput['subject']): Promise<boolean> {
  if (s.kind === 'question') return (await getQuestion(store, s.itemId, s.id)) !== null;
  if (s.kind === 'recommendation') return (await getRecommendation(store, s.itemId, s.id)) !== null;
  if (!s.sessionId) return false;
  const session = await getSession(store, s.sessionId);
  return !!session?.entries.some((e) => e.id === s.id && e.itemId === s.itemId && e.outcome);
}

export async function recordImpact(
  store: Store,
  input: ImpactInput,
  by: { sub: string; name: string },
  now: Date,
): Promise<ImpactEntry> {
  if (!(await subjectExists(store, input.subject)))
    throw new ValidationError([
      {
        in: 'json',
        field: 'subject',
        message: `no such ${input.subject.kind} on this item`,
        code: 'reference.not_found',
      },
    ]);
  const entry: ImpactEntry = {
    id: newId(),
    subject: input.subject,
    kind: input.kind,
    ...(input.amountKzt ? { amountKzt: input.amountKzt } : {}),
    bodyId: input.bodyId,
    description: input.description,
    source: input.source,
    on: input.on,
    recordedByName: by.name,
    recordedAt: now.toISOString(),
    status: 'unconfirmed',
  };
  return saveImpact(
    store,
    entry,
    { action: 'impact.record', at: entry.recordedAt, actorSub: by.sub },
    'create',
  );
}

/** The body's official confirms an entry; 409 `impact.already_confirmed` when it already is. */
export async function confirmImpact(
  store: Store,
  entry: ImpactEntry,
  by: { sub: string; name: string },
  now: Date,
): Promise<ImpactEntry> {
  const refused = () =>
    new ConflictError('This effect is already confirmed.', { code: 'impact.already_confirmed' });
  if (entry.status === 'confirmed') throw refused();
  const at = now.toISOString();
  const next: ImpactEntry = { ...entry, status: 'confirmed', confirmation: { byName: by.name, at } };
  try {
    return await saveImpact(store, next, { action: 'impact.confirm', at, actorSub: by.sub }, 'confirm');
  } catch (err) {
    if (err instanceof StaleWriteError) throw refused();
    throw err;
  }
}

export { getImpact };

/**
 * Consent to what needs it (Law of RK No. 94-V, arts. 7–8): an e-mail address, a Telegram chat and
 * a visit's positions are kept only with the user's consent to the current text (shared/consents.ts),
 * stored with its version and time. Withdrawing stops the processing at once, not just for the future:
 *   email      the stored address is removed (so nothing is sent to it; the notifier reads that row)
 *   telegram   the chat link is removed
 *   positions  the private positions of the user's visits are removed (the public distances stay:
 *              they are part of visits on the audit chain), and new visits keep none
 *
 * Consents are not on the audit chain: the chain records public changes, and a consent is a private
 * matter between the user and the operator. Publishing even a hash per user and purpose would tell
 * the world who has e-mail or Telegram linked. The record itself (version, time, history) is the proof,
 * and "export my data" hands it to the user.
 */
import { BatchWriteCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import {
  CONSENT_PURPOSES,
  CONSENT_VERSIONS,
  type ConsentPurpose,
  type ConsentView,
} from '../../shared/consents';
import { ConflictError, fieldError } from '../api/problems';
import type { Store } from '../data/client';
import { type ConsentRecord, getConsent, isCurrentConsent, listConsents, putConsent } from '../data/consents';
import { contactKeys } from '../data/notifications';
import { queryAll } from '../data/query-all';
import { deleteTelegramLink } from '../data/telegram';
import { visitKeys } from './site-visits';

/** A consent counts when it was given to the current text and not withdrawn since. */
export const isCurrent = (r: ConsentRecord | null): boolean => isCurrentConsent(r);

function toView(purpose: ConsentPurpose, r: ConsentRecord | null): ConsentView {
  return {
    purpose,
    currentVersion: CONSENT_VERSIONS[purpose],
    given: isCurrent(r),
    ...(r ? { version: r.version, givenAt: r.givenAt } : {}),
    ...(r?.withdrawnAt ? { withdrawnAt: r.withdrawnAt } : {}),
  };
}

/** Every purpose, given or not, so a settings page can offer each. */
export async function consentsOf(store: Store, sub: string): Promise<ConsentView[]> {
  const byPurpose = new Map((await listConsents(store, sub)).map((r) => [r.purpose, r]));
  return CONSENT_PURPOSES.map((p) => toView(p, byPurpose.get(p) ?? null));
}

export async function hasConsent(store: Store, sub: string, purpose: ConsentPurpose): Promise<boolean> {
  return isCurrent(await getConsent(store, sub, purpose));
}

/** Refuses (409 `consent.required`) what needs a consent the user has not given to the current text. */
export async function requireConsent(store: Store, sub: string, purpose: ConsentPurpose): Promise<void> {
  if (!(await hasConsent(store, sub, purpose)))
    throw new ConflictError(
      `This needs your consent to "${purpose}" first (PUT /api/me/consents/${purpose}).`,
      {
        code: 'consent.required',
        params: { purpose },
      },
    );
}

/** Records consent to `version`, which must be the text shown now (an outdated page is refused). */
export async function giveConsent(
  store: Store,
  sub: string,
  purpose: ConsentPurpose,
  version: string,
  now: Date,
): Promise<ConsentView> {
  if (version !== CONSENT_VERSIONS[purpose])
    throw fieldError(
      'version',
      'That is not the current text of this consent; reload the page.',
      'consent.version_outdated',
      {
        current: CONSENT_VERSIONS[purpose],
      },
    );
  const prior = await getConsent(store, sub, purpose);
  if (isCurrent(prior)) return toView(purpose, prior);
  const at = now.toISOString();
  const record: ConsentRecord = {
    purpose,
    version,
    givenAt: at,
    history: [...(prior?.history ?? []), { action: 'given', version, at }],
  };
  await putConsent(store, sub, record);
  return toView(purpose, record);
}

/** Withdraws a consent and stops what it allowed (see the file's comment). Repeating it is harmless. */
export async function withdrawConsent(
  store: Store,
  sub: string,
  purpose: ConsentPurpose,
  now: Date,
): Promise<ConsentView> {
  const prior = await getConsent(store, sub, purpose);
  let record = prior;
  if (prior && !prior.withdrawnAt) {
    const at = now.toISOString();
    record = {
      ...prior,
      withdrawnAt: at,
      history: [...prior.history, { action: 'withdrawn', version: prior.version, at }],
    };
    // The record first: if stopping fails halfway, a retry finds it withdrawn and stops again.
    await putConsent(store, sub, record);
  }
  await stopProcessing(store, sub, purpose);
  return toView(purpose, record);
}

async function stopProcessing(store: Store, sub: string, purpose: ConsentPurpose): Promise<void> {
  if (purpose === 'email') {
    await store.doc.send(
      new DeleteCommand({
        TableName: store.table,
        Key: { pk: contactKeys.user(sub), sk: contactKeys.emailSk },
      }),
    );
  } else if (purpose === 'telegram') {
    await deleteTelegramLink(store, sub);
  } else {
    await removeVisitPositions(store, sub);
  }
}

/** The private position records of the user's visits (found through their own index, no Scan). */
async function removeVisitPositions(store: Store, sub: string): Promise<void> {
  const visits = await queryAll(
    store,
    {
      IndexName: 'byUser',
      KeyConditionExpression: 'gsi6pk = :pk AND begins_with(gsi6sk, :v)',
      ExpressionAttributeValues: { ':pk': `USER#${sub}`, ':v': visitKeys.userSk('') },
      ProjectionExpression: 'id',
    },
    { max: 20_000 },
  );
  const keys = visits.map((v) => ({ pk: visitKeys.positionPk(String(v.id)), sk: visitKeys.positionSk }));
  for (let i = 0; i < keys.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = keys
      .slice(i, i + 25)
      .map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests?.length && attempt < 8; attempt++) {
      const res = await store.doc.send(
        new BatchWriteCommand({ RequestItems: { [store.table]: requests as never } }),
      );
      requests = res.UnprocessedItems?.[store.table] as Record<string, unknown>[] | undefined;
    }
  }
}

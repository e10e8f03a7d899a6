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
import {
  ACCOUNT_CONSENT_VERSION,
  CONSENT_PURPOSES,
  CONSENT_VERSIONS,
  type ConsentPurpose,
  type ConsentView,
  type SignUpAcceptance,
  type SignUpState,
} from '../../shared/consents';
import type { Principal } from '../../shared/users';
import { ConflictError, fieldError } from '../api/problems';
import type { Store } from '../data/client';
import { type ConsentRecord, getConsent, isCurrentConsent, listConsents, putConsent } from '../data/consents';
import { deleteEmailContact } from '../data/notifications';
import { deleteTelegramLink } from '../data/telegram';
import { putProfileIfMissing } from '../data/users';
import { deleteVisitPositions, visitIdsOfVisitor } from '../data/visits';

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

/** Whether the user accepted the current account text at sign-up (GET /api/me says so to the web app). */
export async function signUpStateOf(store: Store, sub: string): Promise<SignUpState> {
  const r = await getConsent(store, sub, 'account');
  const accepted = isCurrentConsent(r);
  return {
    accepted,
    version: ACCOUNT_CONSENT_VERSION,
    ...(accepted && r ? { acceptedAt: r.givenAt } : {}),
  };
}

/** The record a sign-up writes for the account text (also what seeded demo accounts get). */
export function accountAcceptance(at: string): ConsentRecord {
  return {
    purpose: 'account',
    version: ACCOUNT_CONSENT_VERSION,
    givenAt: at,
    history: [{ action: 'given', version: ACCOUNT_CONSENT_VERSION, at }],
  };
}

/** Whether the account may change anything (functions/api/auth.ts refuses writes until it has). */
export async function hasAcceptedSignUp(store: Store, sub: string): Promise<boolean> {
  return isCurrentConsent(await getConsent(store, sub, 'account'));
}

/**
 * Sign-up (issue 20, item 5): the user accepts the processing needed to hold an account (the
 * current text, recorded with its version and time as CONSENT#account) and may tick the optional
 * channel consents, which are offered unticked. Only then is the account's profile written (the
 * admin's user list reads it). Repeating it is harmless.
 *
 * A channel left unticked stays without consent, and an address or chat kept from before consents
 * existed (a legacy one, which the notifier already leaves silent) is removed: the user was asked
 * and said no. A consent already given is left as it is; withdrawing is on the privacy page.
 */
export async function acceptSignUp(
  store: Store,
  user: Principal,
  input: SignUpAcceptance,
  now: Date,
): Promise<{ signUp: SignUpState; consents: ConsentView[] }> {
  if (input.version !== ACCOUNT_CONSENT_VERSION)
    throw fieldError(
      'version',
      'That is not the current text of the sign-up notice; reload the page.',
      'consent.version_outdated',
      { current: ACCOUNT_CONSENT_VERSION },
    );
  const prior = await getConsent(store, user.sub, 'account');
  if (!isCurrentConsent(prior)) {
    const at = now.toISOString();
    await putConsent(store, user.sub, {
      purpose: 'account',
      version: input.version,
      givenAt: at,
      history: [...(prior?.history ?? []), { action: 'given', version: input.version, at }],
    });
  }
  for (const channel of ['email', 'telegram'] as const) {
    if (input[channel]) await giveConsent(store, user.sub, channel, CONSENT_VERSIONS[channel], now);
    else if (!(await hasConsent(store, user.sub, channel))) await stopProcessing(store, user.sub, channel);
  }
  await putProfileIfMissing(store, {
    sub: user.sub,
    name: user.name,
    roles: user.roles,
    bodies: user.bodies,
    updatedAt: now.toISOString(),
  });
  const [signUp, consents] = await Promise.all([signUpStateOf(store, user.sub), consentsOf(store, user.sub)]);
  return { signUp, consents };
}

async function stopProcessing(store: Store, sub: string, purpose: ConsentPurpose): Promise<void> {
  if (purpose === 'email') {
    await deleteEmailContact(store, sub);
  } else if (purpose === 'telegram') {
    await deleteTelegramLink(store, sub);
  } else {
    await removeVisitPositions(store, sub);
  }
}

/** The private position records of the user's visits (found through their own index, no Scan). */
async function removeVisitPositions(store: Store, sub: string): Promise<void> {
  await deleteVisitPositions(store, await visitIdsOfVisitor(store, sub));
}

/** The consents the hub asks for and their texts' versions, without zod (the web app imports it). See shared/consents.ts. */

/**
 * `email`: an e-mail address for notifications; `telegram`: a linked Telegram chat; `positions`:
 * the phone's position and a photo's GPS when recording a site visit.
 */
export const CONSENT_PURPOSES = ['email', 'telegram', 'positions'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The version of each consent text (the date it was last changed). */
export const CONSENT_VERSIONS: Record<ConsentPurpose, string> = {
  email: '2026-12-01',
  telegram: '2026-12-01',
  positions: '2026-12-01',
};

/**
 * Accepting, at sign-up, the processing needed to hold an account (the name, roles and what one
 * writes; Law No. 94-V, art. 7): asked once per version before the account's profile is used, and
 * recorded like the consents above (CONSENT#account). Not withdrawable on its own: erasing the
 * account is how one ends it.
 */
export const ACCOUNT_CONSENT_VERSION = '2026-12-02';
/** A purpose as stored: the channel and position consents, and the account's sign-up acceptance. */
export type RecordedPurpose = ConsentPurpose | 'account';
export const currentVersionOf = (p: RecordedPurpose): string =>
  p === 'account' ? ACCOUNT_CONSENT_VERSION : CONSENT_VERSIONS[p];

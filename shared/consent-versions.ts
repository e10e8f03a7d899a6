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

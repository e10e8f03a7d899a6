/**
 * Consents (Law of RK No. 94-V, art. 7–8): what the hub asks before it keeps a contact channel or a
 * position, and the version of each text. Bumping a version asks everyone again: a consent given
 * to an older text no longer counts.
 */
import type { ConsentPurpose as Purpose } from './consent-versions';

export { ACCOUNT_CONSENT_VERSION, CONSENT_PURPOSES, CONSENT_VERSIONS } from './consent-versions';
export type ConsentPurpose = Purpose;

export type ConsentView = {
  purpose: ConsentPurpose;
  currentVersion: string;
  given: boolean;
  version?: string | undefined;
  givenAt?: string | undefined;
  withdrawnAt?: string | undefined;
};

export type SignUpAcceptance = {
  version: string;
  email?: boolean | undefined;
  telegram?: boolean | undefined;
};

export type SignUpState = { accepted: boolean; version: string; acceptedAt?: string | undefined };

/**
 * TOTP set-up for staff in the cloud, from the browser, with the user's own Cognito access token.
 *
 * The API refuses officials, moderators, secretaries and admins until they have TOTP set up
 * (functions/auth/mfa.ts). When the code exchange refuses one for that reason it hands back their
 * access token (scope `aws.cognito.signin.user.admin`) and the pool's API address; this module
 * speaks Cognito's JSON protocol to that address — `POST /` with `Content-Type:
 * application/x-amz-json-1.1` and `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`,
 * authorised by the access token in the body, no AWS signature — for the three own-account calls:
 * AssociateSoftwareToken (a new secret), VerifySoftwareToken (the first code from the app) and
 * SetUserMFAPreference (TOTP on, preferred). Cognito then asks for a code at every sign-in.
 *
 * The pending set-up is kept in sessionStorage: per tab, gone with it, and the token in it lasts an
 * hour at most. Nothing here calls `t`: managedLogin.ts (loaded with the map) imports the storage
 * part, and the page's words load with the page (web/src/auth/totpEnrolmentPage.tsx).
 */

/** What the code exchange's 401 `auth.mfa_required` carries (functions/auth/mfa.ts CloudTotpEnrolment). */
export interface CloudTotpEnrolment {
  accessToken: string;
  /** `https://cognito-idp.<region>.amazonaws.com` (the site's CSP allows exactly this origin). */
  identityUrl: string;
  /** The name the authenticator app shows for the account. */
  account: string;
}

/** A pending set-up: the enrolment, and where to end the provider's session afterwards. */
export interface PendingTotpSetup extends CloudTotpEnrolment {
  /** The provider's logout, so the next sign-in asks for the password and the new code. */
  logoutUrl: string | null;
}

const PENDING_KEY = 'obm.totpSetup';

/** The enrolment in a problem body, or null when it has none (or a malformed one). */
export function enrolmentOf(problem: unknown): CloudTotpEnrolment | null {
  const e = (problem as { enrolment?: Partial<Record<keyof CloudTotpEnrolment, unknown>> } | null)?.enrolment;
  if (!e || typeof e.accessToken !== 'string' || typeof e.identityUrl !== 'string') return null;
  if (!/^https?:\/\//.test(e.identityUrl)) return null;
  return {
    accessToken: e.accessToken,
    identityUrl: e.identityUrl,
    account: typeof e.account === 'string' ? e.account : '',
  };
}

export function keepPendingTotpSetup(pending: PendingTotpSetup): void {
  try {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  } catch {}
}

export function pendingTotpSetup(): PendingTotpSetup | null {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<PendingTotpSetup>) : null;
    const enrolment = enrolmentOf({ enrolment: parsed });
    return enrolment
      ? { ...enrolment, logoutUrl: typeof parsed?.logoutUrl === 'string' ? parsed.logoutUrl : null }
      : null;
  } catch {
    return null;
  }
}

export function dropPendingTotpSetup(): void {
  try {
    sessionStorage.removeItem(PENDING_KEY);
  } catch {}
}

/**
 * Why a call failed, for the page to word: the code was wrong (`code`), the token is no longer
 * good — expired, or already used up by a finished set-up (`expired`), too many tries (`limit`), or
 * the service could not be reached or answered otherwise (`unavailable`).
 */
export type TotpSetupFailure = 'code' | 'expired' | 'limit' | 'unavailable';

export class TotpSetupError extends Error {
  constructor(
    readonly failure: TotpSetupFailure,
    /** Cognito's exception name, e.g. `CodeMismatchException` (for logs and tests). */
    readonly awsType: string,
  ) {
    super(`${failure}: ${awsType}`);
  }
}

/** Cognito's exception names → what the user is told. */
const FAILURES: Record<string, TotpSetupFailure> = {
  CodeMismatchException: 'code',
  EnableSoftwareTokenMFAException: 'code',
  InvalidParameterException: 'code',
  NotAuthorizedException: 'expired',
  ExpiredCodeException: 'expired',
  UserNotFoundException: 'expired',
  TooManyRequestsException: 'limit',
  LimitExceededException: 'limit',
};

/** One call of Cognito's JSON protocol; throws TotpSetupError. */
async function cognito<T>(
  identityUrl: string,
  operation: string,
  input: Record<string, unknown>,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${identityUrl.replace(/\/+$/, '')}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
      // The pool's API needs no cookie; none of this site's goes there.
      credentials: 'omit',
    });
  } catch {
    throw new TotpSetupError('unavailable', 'NetworkError');
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return body as T;
  // `__type` may be `com.amazonaws…#CodeMismatchException`; the header says the same.
  const raw = String(body.__type ?? res.headers.get('x-amzn-ErrorType') ?? 'UnknownError');
  const awsType = raw.split('#').pop()?.split(':')[0] ?? raw;
  throw new TotpSetupError(FAILURES[awsType] ?? 'unavailable', awsType);
}

/** A new TOTP secret (base32) for the user: AssociateSoftwareToken. */
export async function associateSoftwareToken(setup: CloudTotpEnrolment): Promise<string> {
  const out = await cognito<{ SecretCode?: unknown }>(setup.identityUrl, 'AssociateSoftwareToken', {
    AccessToken: setup.accessToken,
  });
  if (typeof out.SecretCode !== 'string' || !/^[A-Z2-7]+=*$/.test(out.SecretCode))
    throw new TotpSetupError('unavailable', 'NoSecretCode');
  return out.SecretCode;
}

/**
 * Confirms the app with its current code (VerifySoftwareToken), then turns TOTP on as the preferred
 * second factor (SetUserMFAPreference). Throws TotpSetupError `code` for a wrong code.
 */
export async function confirmSoftwareToken(
  setup: CloudTotpEnrolment,
  code: string,
  deviceName = 'Authenticator',
): Promise<void> {
  const verified = await cognito<{ Status?: unknown }>(setup.identityUrl, 'VerifySoftwareToken', {
    AccessToken: setup.accessToken,
    UserCode: code,
    FriendlyDeviceName: deviceName,
  });
  if (verified.Status !== 'SUCCESS') throw new TotpSetupError('code', String(verified.Status));
  await cognito(setup.identityUrl, 'SetUserMFAPreference', {
    AccessToken: setup.accessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
}

/** The app's name in authenticator apps (the local issuer says "(local)" after it). */
export const TOTP_ISSUER = 'Open Budget Map';

/**
 * The otpauth:// URI authenticator apps read from the QR code or a pasted link (Key Uri Format):
 * Cognito's TOTP is the default one, SHA-1, 6 digits, 30 s.
 */
export function otpauthUri(secret: string, account: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret,
    issuer: TOTP_ISSUER,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  });
  return `otpauth://totp/${label}?${query}`;
}

/**
 * Setting up the authenticator app for staff in the cloud (/sign-in/totp). The managed login's code
 * exchange refuses officials, moderators, secretaries and admins without TOTP and hands back their
 * own access token (./managedLogin.ts keeps it for this tab); this page asks the user pool for a
 * secret, shows it as a QR code and as text (phones cannot scan their own screen: the text and the
 * otpauth:// link are for them), checks the first code and turns TOTP on (./cognitoTotp.ts). Then
 * the user signs in again — through the provider's logout, so the next sign-in asks for the
 * password and the new code and the API lets them in.
 * Locally the sign-in page shows the local issuer's own key instead (./signInPage.ts).
 */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { encode } from 'uqr';
import { api } from '../api';
import { t } from '../i18n';
import { problemText } from '../problemText';
import { navigate } from '../shell';
import {
  associateSoftwareToken,
  type CloudTotpEnrolment,
  confirmSoftwareToken,
  dropPendingTotpSetup,
  otpauthUri,
  type PendingTotpSetup,
  pendingTotpSetup,
  TotpSetupError,
  type TotpSetupFailure,
} from './cognitoTotp';
import { SIGN_IN_PATH } from './paths';
import { canDo, onUserChange, ready } from './session';

type Step =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'scan'; secret: string }
  | { kind: 'done' }
  | { kind: 'failed'; failure: TotpSetupFailure };

const failureOf = (err: unknown): TotpSetupFailure =>
  err instanceof TotpSetupError ? err.failure : 'unavailable';

/** The QR code of `text` as SVG squares (error correction M, a quiet zone of 4 modules). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const path = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className="cloud7-qr"
      viewBox={`0 0 ${path.size} ${path.size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

/** One `h1v1h-1z` square per dark module: a few KB of path for an otpauth URI. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = encode(text, { ecc: 'M', border: 4 });
  const parts: string[] = [];
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return { size: qr.size, d: parts.join('') };
}

function Scan({ setup, secret, onDone }: { setup: PendingTotpSetup; secret: string; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<TotpSetupFailure | null>(null);
  const uri = otpauthUri(secret, setup.account);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await confirmSoftwareToken(setup, code);
      onDone();
    } catch (err) {
      setFailure(failureOf(err));
      setBusy(false);
    }
  };
  return (
    <div className="cloud7-totp-scan">
      <ol className="cloud7-totp-steps">
        <li>{t('cloud7.totp.stepApp')}</li>
        <li>
          {t('cloud7.totp.stepScan')}
          <QrCode text={uri} label={t('cloud7.totp.qrLabel')} />
          <p>
            {t('cloud7.totp.secret')} <code className="cloud7-totp-secret">{secret}</code>
          </p>
          <p>
            <a href={uri}>{t('cloud7.totp.link')}</a>
          </p>
          <details>
            <summary>{t('cloud7.totp.uri')}</summary>
            <code className="cloud7-totp-uri">{uri}</code>
          </details>
        </li>
        <li>
          <form onSubmit={(e) => void submit(e)} aria-label={t('cloud7.totp.stepCode')}>
            <label>
              {t('cloud7.totp.stepCode')}{' '}
              <input
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                value={code}
                onInput={(e) => setCode((e.target as HTMLInputElement).value.trim())}
              />
            </label>{' '}
            <button type="submit" disabled={busy}>
              {t('cloud7.totp.confirm')}
            </button>
          </form>
        </li>
      </ol>
      {failure ? (
        <p role="alert" className="auth-error">
          {t(`cloud7.totp.failure.${failure}`)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A signed-in staff member moving to a new phone: the API trades the refresh-token cookie for their
 * own access token (functions/api/routes/totp-device.ts); the rest is the same set-up. The pool keeps
 * the old app working until the new one is verified, so leaving half-way locks nobody out.
 */
function NewPhone({ onStart }: { onStart: (setup: PendingTotpSetup) => void }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  const start = async () => {
    setBusy(true);
    setFailed('');
    try {
      const { enrolment } = await api<{ enrolment: CloudTotpEnrolment }>('/api/auth/totp-device', {
        method: 'POST',
        body: '{}',
      });
      onStart({ ...enrolment, logoutUrl: null });
    } catch (err) {
      setFailed(problemText(err));
      setBusy(false);
    }
  };
  return (
    <div className="cloud8-totp-renew">
      <p>{t('cloud8.totp.renewWhy')}</p>
      <button type="button" disabled={busy} onClick={() => void start()}>
        {t('cloud8.totp.renew')}
      </button>
      {failed ? (
        <p role="alert" className="auth-error">
          {failed}
        </p>
      ) : null}
    </div>
  );
}

function TotpEnrolmentPage() {
  const pending = useMemo(pendingTotpSetup, []);
  const [setup, setSetup] = useState<PendingTotpSetup | null>(pending);
  // A set-up started here by someone signed in: they stay signed in afterwards.
  const [renewal, setRenewal] = useState(false);
  const [staff, setStaff] = useState(false);
  const [step, setStep] = useState<Step>(pending ? { kind: 'loading' } : { kind: 'none' });
  useEffect(() => {
    const check = () => setStaff(canDo('auth.totpRenew'));
    void ready.then(check);
    return onUserChange(check);
  }, []);
  useEffect(() => {
    if (!setup) return;
    let alive = true;
    associateSoftwareToken(setup)
      .then((secret) => alive && setStep({ kind: 'scan', secret }))
      .catch((err: unknown) => alive && setStep({ kind: 'failed', failure: failureOf(err) }));
    return () => {
      alive = false;
    };
  }, [setup]);
  const signInAgain = () => {
    const logoutUrl = setup?.logoutUrl;
    dropPendingTotpSetup();
    // Ends the provider's session (set up with the password alone), so the next sign-in asks for the code.
    if (logoutUrl) location.assign(logoutUrl);
    else navigate(SIGN_IN_PATH);
  };
  return (
    <section className="auth-page cloud7-totp" aria-labelledby="cloud7-totp-title">
      <h2 id="cloud7-totp-title">{t(renewal ? 'cloud8.totp.renewTitle' : 'cloud7.totp.title')}</h2>
      {renewal ? null : <p>{t('cloud7.totp.why')}</p>}
      {step.kind === 'none' && staff ? (
        <NewPhone
          onStart={(s) => {
            setRenewal(true);
            setStep({ kind: 'loading' });
            setSetup(s);
          }}
        />
      ) : null}
      {step.kind === 'none' && !staff ? (
        <p role="status">
          {t('cloud7.totp.none')} <a href={SIGN_IN_PATH}>{t('cloud7.totp.signIn')}</a>
        </p>
      ) : null}
      {step.kind === 'loading' ? <p role="status">{t('cloud7.totp.loading')}</p> : null}
      {step.kind === 'scan' && setup ? (
        <Scan setup={setup} secret={step.secret} onDone={() => setStep({ kind: 'done' })} />
      ) : null}
      {step.kind === 'failed' ? (
        <p role="alert" className="auth-error">
          {t(`cloud7.totp.failure.${step.failure}`)}
        </p>
      ) : null}
      {step.kind === 'done' ? (
        <p role="status" className="cloud7-totp-done">
          {t(renewal ? 'cloud8.totp.renewDone' : 'cloud7.totp.done')}
        </p>
      ) : null}
      {!renewal && (step.kind === 'done' || step.kind === 'failed') ? (
        <button type="button" className="auth-oauth-start" onClick={signInAgain}>
          {t('cloud7.totp.signInAgain')}
        </button>
      ) : null}
    </section>
  );
}

/** The page at /sign-in/totp (registered in ./index.ts, its code loaded on the first visit). */
export function renderTotpEnrolmentPage(container: HTMLElement): () => void {
  const root = document.createElement('div');
  container.append(root);
  render(<TotpEnrolmentPage />, root);
  return () => render(null, root);
}

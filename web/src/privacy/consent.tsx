/**
 * Consent at first use (issue 20, item 5): before an e-mail address is saved, a Telegram chat
 * linked or a visit's positions read, the user is shown what is asked and why (with a link to the
 * privacy notice) and their answer is recorded with the text's version (PUT /api/me/consents/…).
 * Withdrawing is on the privacy page. The hub refuses the same actions without consent
 * (`consent.required`), so this is the polite path, not the guard.
 */
import { render } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConsentPurpose } from '../../../shared/consent-versions';
import { call, client } from '../api/client';
import type { components } from '../api/schema';
import { t } from '../i18n';

export type { ConsentPurpose };
export type Consent = components['schemas']['Consent'];

export const PRIVACY_LINK = '/privacy';

export async function myConsents(): Promise<Consent[]> {
  return (await call(client.GET('/api/me/consents'))).consents;
}

export async function consentOf(purpose: ConsentPurpose): Promise<Consent | undefined> {
  return (await myConsents()).find((c) => c.purpose === purpose);
}

export function giveConsent(purpose: ConsentPurpose, version: string): Promise<Consent> {
  return call(client.PUT('/api/me/consents/{purpose}', { params: { path: { purpose } }, body: { version } }));
}

export function withdrawConsent(purpose: ConsentPurpose): Promise<Consent> {
  return call(client.DELETE('/api/me/consents/{purpose}', { params: { path: { purpose } } }));
}

/** What is asked and why, with the privacy notice a click away. */
export function ConsentText({ purpose }: { purpose: ConsentPurpose }) {
  return (
    <div className="consent-text">
      <p>{t(`ops7.consent.${purpose}.what`)}</p>
      <p>{t(`ops7.consent.${purpose}.why`)}</p>
      <p>
        {t('ops7.consent.withdrawable')} <a href={PRIVACY_LINK}>{t('ops7.consent.notice')}</a>
      </p>
    </div>
  );
}

/** The modal question: agree records consent to `version`; decline and Escape answer "no". */
function ConsentDialog({
  purpose,
  version,
  done,
}: {
  purpose: ConsentPurpose;
  version: string;
  done: (answer: boolean | Error) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  useLayoutEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  const agree = () => {
    setBusy(true);
    giveConsent(purpose, version).then(
      () => done(true),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
    );
  };
  return (
    <dialog
      ref={ref}
      className="consent-dialog"
      aria-labelledby="consent-title"
      data-consent={purpose}
      onCancel={(e) => {
        // Escape is a "no".
        e.preventDefault();
        done(false);
      }}
    >
      <h2 id="consent-title">{t(`ops7.consent.${purpose}.title`)}</h2>
      <ConsentText purpose={purpose} />
      <p>
        <button type="button" data-consent="agree" disabled={busy} onClick={agree}>
          {t('ops7.consent.agree')}
        </button>{' '}
        <button type="button" data-consent="decline" onClick={() => done(false)}>
          {t('ops7.consent.decline')}
        </button>
      </p>
    </dialog>
  );
}

/**
 * Resolves true when consent to the current text is (now) given: asks in a modal dialog if it is
 * not. False when the user declines; nothing is recorded then.
 */
export async function ensureConsent(purpose: ConsentPurpose): Promise<boolean> {
  const current = await consentOf(purpose);
  if (!current) return false;
  if (current.given) return true;
  return new Promise<boolean>((resolve, reject) => {
    const host = document.createElement('div');
    document.body.append(host);
    const done = (answer: boolean | Error) => {
      render(null, host);
      host.remove();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    render(<ConsentDialog purpose={purpose} version={current.currentVersion} done={done} />, host);
  });
}

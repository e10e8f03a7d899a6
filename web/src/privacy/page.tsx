/**
 * The privacy notice (Law of RK No. 94-V "On personal data and their protection"): who the operator
 * is, what is kept and why, for how long, and the reader's rights. The operator is the organisation
 * that deploys the hub, set at build time (VITE_PRIVACY_OPERATOR, VITE_PRIVACY_CONTACT).
 *
 * A signed-in reader can download everything the hub holds about them and erase their account; the
 * erasure asks for a confirmation that says what stays (contributions, under a pseudonym) and why.
 */

import { useEffect, useState } from 'preact/hooks';
import { call, client } from '../api/client';
import { currentUser } from '../auth';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';
import { userKnown } from '../ui/user';
import {
  type Consent,
  type ConsentPurpose,
  ConsentText,
  giveConsent,
  myConsents,
  withdrawConsent,
} from './consent';

const OPERATOR = (import.meta.env.VITE_PRIVACY_OPERATOR as string | undefined)?.trim();
const CONTACT = (import.meta.env.VITE_PRIVACY_CONTACT as string | undefined)?.trim();

const PURPOSES = ['account', 'contacts', 'contributions', 'positions', 'security'] as const;
const RETENTION = ['account', 'contacts', 'positions', 'deliveries', 'limits', 'contributions'] as const;
const RIGHTS = ['know', 'access', 'correct', 'withdraw', 'erase', 'complain'] as const;

const formatAt = (iso: string | undefined) => (iso ? formatDateTime(iso, getLang()) : '');

function List({ prefix, keys }: { prefix: string; keys: readonly string[] }) {
  return (
    <ul>
      {keys.map((k) => (
        <li key={k}>{t(`${prefix}.${k}`)}</li>
      ))}
    </ul>
  );
}

/** Each consent: what it is, whether it is given (version, when), and a button to give or withdraw it. */
function ConsentRow({
  consent: c,
  say,
  fail,
  changed,
}: {
  consent: Consent;
  say: (text: string) => void;
  fail: (err: unknown) => void;
  changed: () => void;
}) {
  const purpose = c.purpose as ConsentPurpose;
  const [busy, setBusy] = useState(false);
  const state = c.given
    ? t('ops7.consent.given', { version: c.version ?? '', at: formatAt(c.givenAt) })
    : c.withdrawnAt
      ? t('ops7.consent.withdrawn', { at: formatAt(c.withdrawnAt) })
      : t('ops7.consent.notGiven');
  const toggle = () => {
    setBusy(true);
    const given = c.given;
    (given ? withdrawConsent(purpose) : giveConsent(purpose, c.currentVersion))
      .then(() => {
        say(given ? t(`ops7.consent.${purpose}.stopped`) : t('ops7.consent.saved'));
        setBusy(false);
        changed();
      })
      .catch((err: unknown) => {
        setBusy(false);
        fail(err);
      });
  };
  return (
    <section className="privacy-consent" data-consent-row={purpose}>
      <h3>{t(`ops7.consent.${purpose}.title`)}</h3>
      <ConsentText purpose={purpose} />
      <p data-consent-state={purpose}>{state}</p>
      <p>
        <button type="button" data-consent-toggle={purpose} disabled={busy} onClick={toggle}>
          {c.given ? t('ops7.consent.withdraw') : t('ops7.consent.agree')}
        </button>
      </p>
    </section>
  );
}

/** The signed-in reader's own: their consents, "download my data" and "delete my account". */
function Mine({ say, fail }: { say: (text: string) => void; fail: (err: unknown) => void }) {
  const [consents, setConsents] = useState<Consent[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [erasing, setErasing] = useState(false);
  const alive = useMounted();
  const loadConsents = () =>
    myConsents()
      .then((list) => {
        if (alive.current) setConsents(list);
      })
      .catch(fail);
  useEffect(() => void loadConsents(), []);

  const download = () => {
    call(client.GET('/api/me/export'))
      .then((data) => {
        const url = URL.createObjectURL(
          new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
        );
        const a = document.createElement('a');
        a.href = url;
        a.download = 'my-data.json';
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        say(t('privacy.exported'));
      })
      .catch(fail);
  };
  const erase = () => {
    setErasing(true);
    call(client.DELETE('/api/me'))
      .then((r) => {
        if (!alive.current) return;
        setConfirming(false);
        say(t('privacy.erased', { pseudonym: r.pseudonym }));
      })
      .catch(fail);
  };
  const openConfirm = () => {
    setUnderstood(false);
    setErasing(false);
    setConfirming(true);
  };

  return (
    <>
      <h2>{t('ops7.consent.listTitle')}</h2>
      <div className="privacy-consents" data-privacy="consents">
        {consents.map((c) => (
          <ConsentRow key={c.purpose} consent={c} say={say} fail={fail} changed={() => void loadConsents()} />
        ))}
      </div>
      <h2>{t('privacy.mineTitle')}</h2>
      <p>
        <button type="button" data-privacy="export" onClick={download}>
          {t('privacy.export')}
        </button>
      </p>
      <p>
        <button type="button" data-privacy="erase" onClick={openConfirm}>
          {t('privacy.erase')}
        </button>
      </p>
      <div className="privacy-confirm" hidden={!confirming}>
        {confirming ? (
          <>
            <p>{t('privacy.eraseExplain')}</p>
            <label for="privacy-understood">
              <input
                type="checkbox"
                id="privacy-understood"
                checked={understood}
                onChange={(e) => setUnderstood(e.currentTarget.checked)}
              />{' '}
              {t('privacy.eraseUnderstood')}
            </label>
            <p>
              <button
                type="button"
                data-privacy="erase-confirm"
                disabled={!understood || erasing}
                onClick={erase}
              >
                {t('privacy.eraseConfirm')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {t('privacy.eraseCancel')}
              </button>
            </p>
          </>
        ) : null}
      </div>
    </>
  );
}

function PrivacyPage() {
  const me = userKnown.value ? currentUser() : undefined;
  const [status, setStatus] = useState('');
  const alive = useMounted();
  const say = (text: string) => {
    if (alive.current) setStatus(text);
  };
  const fail = (err: unknown) => say(problemText(err));
  return (
    <section className="q-page privacy-page">
      <h1 tabIndex={-1}>{t('privacy.title')}</h1>
      <p>{t('privacy.law')}</p>
      <h2>{t('privacy.operatorTitle')}</h2>
      <p data-privacy="operator">{OPERATOR ?? t('privacy.operatorUnset')}</p>
      {CONTACT ? <p>{t('privacy.contact', { contact: CONTACT })}</p> : null}
      <h2>{t('privacy.purposesTitle')}</h2>
      <List prefix="privacy.purpose" keys={PURPOSES} />
      <h2>{t('privacy.retentionTitle')}</h2>
      <List prefix="privacy.retention" keys={RETENTION} />
      <h2>{t('privacy.whereTitle')}</h2>
      <p>{t('privacy.where')}</p>
      <h2>{t('privacy.rightsTitle')}</h2>
      <List prefix="privacy.right" keys={RIGHTS} />
      <div className="privacy-mine">
        {me === null ? <p>{t('privacy.signInForData')}</p> : null}
        {me ? <Mine key={me.sub} say={say} fail={fail} /> : null}
      </div>
      <p role="status" aria-live="polite" data-privacy="status">
        {status}
      </p>
    </section>
  );
}

export function renderPrivacyPage(container: HTMLElement): () => void {
  return mount(container, <PrivacyPage />);
}

/**
 * The sign-up step (issue 20, item 5): after a first sign-in — the local issuer's demo users and the
 * cloud's managed login alike (web/src/auth/paths.ts `afterSignInPath`) — a new account is shown the
 * privacy notice (a link) and what holding an account means, and must accept that before it goes on;
 * the optional channel consents (e-mail, Telegram) are offered unticked. The answer is recorded with
 * the text's version (PUT /api/me/sign-up). "Cancel" signs out: nothing is kept but the record that
 * the account signed in.
 */

import { useEffect, useState } from 'preact/hooks';
import { call, client } from '../api/client';
import { currentUser, signOut } from '../auth';
import { returnPath } from '../auth/paths';
import { t } from '../i18n';
import { problemText } from '../problemText';
import { navigate } from '../shell';
import { onSubmit } from '../ui/form';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';
import { userKnown } from '../ui/user';
import { myConsents, PRIVACY_LINK } from './consent';

/** What holding an account means: these notice sections (privacy.purpose.*) apply to everyone. */
const NEEDED = ['account', 'contributions', 'security'] as const;
/** Offered unticked; a consent already given is not asked again. */
const OPTIONAL = ['email', 'telegram'] as const;

type Optional = (typeof OPTIONAL)[number];

function SignUpPage({ next }: { next: string }) {
  const me = userKnown.value ? currentUser() : undefined;
  // The consents already given, once read (a consent already given is not asked again).
  const [given, setGiven] = useState<Set<string> | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [ticked, setTicked] = useState<Record<Optional, boolean>>({ email: false, telegram: false });
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const alive = useMounted();

  const sub = me?.sub;
  const done = me?.signUp?.accepted;
  useEffect(() => {
    if (me === undefined) return;
    // The user signed in on this page load's sign-in page, so the first answer may predate them.
    if (me === null) {
      navigate('/');
      return;
    }
    if (done) {
      navigate(next);
      return;
    }
    myConsents()
      .then((list) => {
        if (alive.current) setGiven(new Set(list.filter((c) => c.given).map((c) => c.purpose)));
      })
      .catch((err: unknown) => {
        if (alive.current) setStatus(problemText(err));
      });
  }, [sub, done]);

  const submit = () => {
    if (!accepted || !me?.signUp) return;
    setBusy(true);
    const chosen = Object.fromEntries(optional.map((p) => [p, ticked[p]]));
    call(client.PUT('/api/me/sign-up', { body: { version: me.signUp.version, ...chosen } }))
      .then((r) => {
        if (!alive.current) return;
        // The session's view of the user says "accepted" from now on.
        if (me.signUp) me.signUp = r.signUp;
        navigate(next);
      })
      .catch((err: unknown) => {
        if (!alive.current) return;
        setBusy(false);
        setStatus(problemText(err));
      });
  };
  const cancel = () => {
    signOut();
    navigate('/');
  };

  const optional = given ? OPTIONAL.filter((p) => !given.has(p)) : [];
  return (
    <section className="q-page signup-page" aria-labelledby="signup-title">
      <h2 id="signup-title" tabIndex={-1}>
        {t('ops8.signup.title')}
      </h2>
      <div className="signup-body">
        {me && !me.signUp?.accepted && given ? (
          <form className="signup-form" onSubmit={onSubmit(submit)}>
            <p>{t('ops8.signup.intro')}</p>
            <p>
              <a href={PRIVACY_LINK} target="_blank" rel="noopener">
                {t('ops7.consent.notice')}
              </a>
            </p>
            <h3>{t('ops8.signup.neededTitle')}</h3>
            <ul>
              {NEEDED.map((k) => (
                <li key={k}>{t(`privacy.purpose.${k}`)}</li>
              ))}
            </ul>
            <p>
              <label for="signup-accept">
                <input
                  type="checkbox"
                  id="signup-accept"
                  data-signup="accept"
                  checked={accepted}
                  onChange={(e) => setAccepted(e.currentTarget.checked)}
                />{' '}
                {t('ops8.signup.accept')}
              </label>
            </p>
            {optional.length ? <h3>{t('ops8.signup.optionalTitle')}</h3> : null}
            {optional.map((purpose) => (
              <div key={purpose} className="signup-optional">
                <label for={`signup-${purpose}`}>
                  <input
                    type="checkbox"
                    id={`signup-${purpose}`}
                    data-signup={purpose}
                    checked={ticked[purpose]}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setTicked((v) => ({ ...v, [purpose]: on }));
                    }}
                  />{' '}
                  {t(`ops7.consent.${purpose}.title`)}
                </label>
                <p>{t(`ops7.consent.${purpose}.what`)}</p>
              </div>
            ))}
            <p>
              <button type="submit" data-signup="continue" disabled={!accepted || busy}>
                {t('ops8.signup.continue')}
              </button>{' '}
              <button type="button" data-signup="cancel" onClick={cancel}>
                {t('ops8.signup.cancel')}
              </button>
            </p>
          </form>
        ) : null}
      </div>
      <p role="status" aria-live="polite" data-signup="status">
        {status}
      </p>
    </section>
  );
}

export function renderSignUpPage(container: HTMLElement, url: URL): () => void {
  return mount(container, <SignUpPage next={returnPath(url.search)} />);
}

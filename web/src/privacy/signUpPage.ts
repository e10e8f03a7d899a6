/**
 * The sign-up step (issue 20, item 5): after a first sign-in — the local issuer's demo users and the
 * cloud's managed login alike (web/src/auth/paths.ts `afterSignInPath`) — a new account is shown the
 * privacy notice (a link) and what holding an account means, and must accept that before it goes on;
 * the optional channel consents (e-mail, Telegram) are offered unticked. The answer is recorded with
 * the text's version (PUT /api/me/sign-up). "Cancel" signs out: nothing is kept but the record that
 * the account signed in.
 */
import { call, client } from '../api/client';
import { currentUser, ready, signOut } from '../auth';
import { returnPath } from '../auth/paths';
import { h } from '../dom';
import { t } from '../i18n';
import { problemText } from '../problemText';
import { navigate } from '../shell';
import { myConsents, PRIVACY_LINK } from './consent';

/** What holding an account means: these notice sections (privacy.purpose.*) apply to everyone. */
const NEEDED = ['account', 'contributions', 'security'] as const;
/** Offered unticked; a consent already given is not asked again. */
const OPTIONAL = ['email', 'telegram'] as const;

export function renderSignUpPage(container: HTMLElement, url: URL): () => void {
  let alive = true;
  const next = returnPath(url.search);
  const status = h('p', { role: 'status', 'aria-live': 'polite', 'data-signup': 'status' });
  const body = h('div', { className: 'signup-body' });
  container.append(
    h(
      'section',
      { className: 'q-page signup-page', 'aria-labelledby': 'signup-title' },
      h('h2', { id: 'signup-title', tabindex: -1 }, t('ops8.signup.title')),
      body,
      status,
    ),
  );

  const show = async () => {
    await ready;
    // The user signed in on this page load's sign-in page, so `ready` may predate them.
    const me = currentUser();
    if (!alive) return;
    if (!me) {
      navigate('/');
      return;
    }
    if (me.signUp?.accepted) {
      navigate(next);
      return;
    }
    const given = new Set((await myConsents()).filter((c) => c.given).map((c) => c.purpose));
    if (!alive) return;
    const accept = h('input', {
      type: 'checkbox',
      id: 'signup-accept',
      'data-signup': 'accept',
    }) as HTMLInputElement;
    const optional = OPTIONAL.filter((p) => !given.has(p)).map((purpose) => ({
      purpose,
      box: h('input', {
        type: 'checkbox',
        id: `signup-${purpose}`,
        'data-signup': purpose,
      }) as HTMLInputElement,
    }));
    const go = h(
      'button',
      { type: 'submit', 'data-signup': 'continue', disabled: true },
      t('ops8.signup.continue'),
    );
    const cancel = h('button', { type: 'button', 'data-signup': 'cancel' }, t('ops8.signup.cancel'));
    accept.addEventListener('change', () => go.toggleAttribute('disabled', !accept.checked));
    cancel.addEventListener('click', () => {
      signOut();
      navigate('/');
    });
    const form = h(
      'form',
      { className: 'signup-form' },
      h('p', {}, t('ops8.signup.intro')),
      h('p', {}, h('a', { href: PRIVACY_LINK, target: '_blank', rel: 'noopener' }, t('ops7.consent.notice'))),
      h('h3', {}, t('ops8.signup.neededTitle')),
      h('ul', {}, ...NEEDED.map((k) => h('li', {}, t(`privacy.purpose.${k}`)))),
      h('p', {}, h('label', { for: 'signup-accept' }, accept, ' ', t('ops8.signup.accept'))),
      ...(optional.length
        ? [
            h('h3', {}, t('ops8.signup.optionalTitle')),
            ...optional.map(({ purpose, box }) =>
              h(
                'div',
                { className: 'signup-optional' },
                h('label', { for: `signup-${purpose}` }, box, ' ', t(`ops7.consent.${purpose}.title`)),
                h('p', {}, t(`ops7.consent.${purpose}.what`)),
              ),
            ),
          ]
        : []),
      h('p', {}, go, ' ', cancel),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!accept.checked || !me.signUp) return;
      go.setAttribute('disabled', '');
      const ticked = Object.fromEntries(optional.map(({ purpose, box }) => [purpose, box.checked]));
      call(client.PUT('/api/me/sign-up', { body: { version: me.signUp.version, ...ticked } }))
        .then((r) => {
          if (!alive) return;
          // The session's view of the user says "accepted" from now on.
          if (me.signUp) me.signUp = r.signUp;
          navigate(next);
        })
        .catch((err: unknown) => {
          if (!alive) return;
          go.removeAttribute('disabled');
          status.textContent = problemText(err);
        });
    });
    body.replaceChildren(form);
  };
  show().catch((err: unknown) => {
    if (alive) status.textContent = problemText(err);
  });
  return () => {
    alive = false;
  };
}

/**
 * The privacy notice (Law of RK No. 94-V "On personal data and their protection"): who the operator
 * is, what is kept and why, for how long, and the reader's rights. The operator is the organisation
 * that deploys the hub, set at build time (VITE_PRIVACY_OPERATOR, VITE_PRIVACY_CONTACT).
 *
 * A signed-in reader can download everything the hub holds about them and erase their account; the
 * erasure asks for a confirmation that says what stays (contributions, under a pseudonym) and why.
 */
import { call, client } from '../api/client';
import { currentUser, ready } from '../auth';
import { h } from '../dom';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { problemText } from '../problemText';
import {
  type Consent,
  type ConsentPurpose,
  consentText,
  giveConsent,
  myConsents,
  withdrawConsent,
} from './consent';

const OPERATOR = (import.meta.env.VITE_PRIVACY_OPERATOR as string | undefined)?.trim();
const CONTACT = (import.meta.env.VITE_PRIVACY_CONTACT as string | undefined)?.trim();

const PURPOSES = ['account', 'contacts', 'contributions', 'positions', 'security'] as const;
const RETENTION = ['account', 'contacts', 'positions', 'deliveries', 'limits', 'contributions'] as const;
const RIGHTS = ['know', 'access', 'correct', 'withdraw', 'erase', 'complain'] as const;

export function renderPrivacyPage(container: HTMLElement): () => void {
  let alive = true;
  const status = h('p', { role: 'status', 'aria-live': 'polite', 'data-privacy': 'status' });
  const mine = h('div', { className: 'privacy-mine' });
  const list = (prefix: string, keys: readonly string[]) =>
    h('ul', {}, ...keys.map((k) => h('li', {}, t(`${prefix}.${k}`))));

  container.append(
    h(
      'section',
      { className: 'q-page privacy-page' },
      h('h1', { tabindex: -1 }, t('privacy.title')),
      h('p', {}, t('privacy.law')),
      h('h2', {}, t('privacy.operatorTitle')),
      h('p', { 'data-privacy': 'operator' }, OPERATOR ?? t('privacy.operatorUnset')),
      ...(CONTACT ? [h('p', {}, t('privacy.contact', { contact: CONTACT }))] : []),
      h('h2', {}, t('privacy.purposesTitle')),
      list('privacy.purpose', PURPOSES),
      h('h2', {}, t('privacy.retentionTitle')),
      list('privacy.retention', RETENTION),
      h('h2', {}, t('privacy.whereTitle')),
      h('p', {}, t('privacy.where')),
      h('h2', {}, t('privacy.rightsTitle')),
      list('privacy.right', RIGHTS),
      mine,
      status,
    ),
  );

  const fail = (err: unknown) => {
    if (alive) status.textContent = problemText(err);
  };

  function showMine(): void {
    if (!currentUser()) {
      mine.replaceChildren(h('p', {}, t('privacy.signInForData')));
      return;
    }
    const download = h('button', { type: 'button', 'data-privacy': 'export' }, t('privacy.export'));
    download.addEventListener('click', () => {
      call(client.GET('/api/me/export'))
        .then((data) => {
          const url = URL.createObjectURL(
            new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
          );
          const a = h('a', { href: url, download: 'my-data.json' });
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          if (alive) status.textContent = t('privacy.exported');
        })
        .catch(fail);
    });

    const erase = h('button', { type: 'button', 'data-privacy': 'erase' }, t('privacy.erase'));
    const confirmBox = h('div', { className: 'privacy-confirm', hidden: true });
    erase.addEventListener('click', () => {
      const understood = h('input', { type: 'checkbox', id: 'privacy-understood' }) as HTMLInputElement;
      const confirm = h(
        'button',
        { type: 'button', 'data-privacy': 'erase-confirm', disabled: true },
        t('privacy.eraseConfirm'),
      );
      const cancel = h('button', { type: 'button' }, t('privacy.eraseCancel'));
      understood.addEventListener('change', () => {
        confirm.toggleAttribute('disabled', !understood.checked);
      });
      cancel.addEventListener('click', () => {
        confirmBox.hidden = true;
      });
      confirm.addEventListener('click', () => {
        confirm.setAttribute('disabled', '');
        call(client.DELETE('/api/me'))
          .then((r) => {
            if (!alive) return;
            confirmBox.hidden = true;
            status.textContent = t('privacy.erased', { pseudonym: r.pseudonym });
          })
          .catch(fail);
      });
      confirmBox.replaceChildren(
        h('p', {}, t('privacy.eraseExplain')),
        h('label', { for: 'privacy-understood' }, understood, ' ', t('privacy.eraseUnderstood')),
        h('p', {}, confirm, ' ', cancel),
      );
      confirmBox.hidden = false;
    });
    const consents = h('div', { className: 'privacy-consents', 'data-privacy': 'consents' });
    mine.replaceChildren(
      h('h2', {}, t('ops7.consent.listTitle')),
      consents,
      h('h2', {}, t('privacy.mineTitle')),
      h('p', {}, download),
      h('p', {}, erase),
      confirmBox,
    );
    showConsents(consents);
  }

  /** Each consent: what it is, whether it is given (version, when), and a button to give or withdraw it. */
  function showConsents(box: HTMLElement): void {
    const row = (c: Consent) => {
      const purpose = c.purpose as ConsentPurpose;
      const state = c.given
        ? t('ops7.consent.given', { version: c.version ?? '', at: formatAt(c.givenAt) })
        : c.withdrawnAt
          ? t('ops7.consent.withdrawn', { at: formatAt(c.withdrawnAt) })
          : t('ops7.consent.notGiven');
      const button = h(
        'button',
        { type: 'button', 'data-consent-toggle': purpose },
        c.given ? t('ops7.consent.withdraw') : t('ops7.consent.agree'),
      );
      button.addEventListener('click', () => {
        button.setAttribute('disabled', '');
        (c.given ? withdrawConsent(purpose) : giveConsent(purpose, c.currentVersion))
          .then(() => {
            if (!alive) return;
            status.textContent = c.given ? t(`ops7.consent.${purpose}.stopped`) : t('ops7.consent.saved');
            showConsents(box);
          })
          .catch(fail);
      });
      return h(
        'section',
        { className: 'privacy-consent', 'data-consent-row': purpose },
        h('h3', {}, t(`ops7.consent.${purpose}.title`)),
        consentText(purpose),
        h('p', { 'data-consent-state': purpose }, state),
        h('p', {}, button),
      );
    };
    myConsents()
      .then((list) => {
        if (alive) box.replaceChildren(...list.map(row));
      })
      .catch(fail);
  }

  const formatAt = (iso: string | undefined) => (iso ? formatDateTime(iso, getLang()) : '');

  void ready.then(() => {
    if (alive) showMine();
  });
  return () => {
    alive = false;
  };
}

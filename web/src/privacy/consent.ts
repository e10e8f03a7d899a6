/**
 * Consent at first use (issue 20, item 5): before an e-mail address is saved, a Telegram chat
 * linked or a visit's positions read, the user is shown what is asked and why (with a link to the
 * privacy notice) and their answer is recorded with the text's version (PUT /api/me/consents/…).
 * Withdrawing is on the privacy page. The hub refuses the same actions without consent
 * (`consent.required`), so this is the polite path, not the guard.
 */
import type { ConsentPurpose } from '../../../shared/consent-versions';
import { call, client } from '../api/client';
import type { components } from '../api/schema';
import { h } from '../dom';
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
export function consentText(purpose: ConsentPurpose): HTMLElement {
  return h(
    'div',
    { className: 'consent-text' },
    h('p', {}, t(`ops7.consent.${purpose}.what`)),
    h('p', {}, t(`ops7.consent.${purpose}.why`)),
    h('p', {}, t('ops7.consent.withdrawable'), ' ', h('a', { href: PRIVACY_LINK }, t('ops7.consent.notice'))),
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
    const agree = h('button', { type: 'button', 'data-consent': 'agree' }, t('ops7.consent.agree'));
    const decline = h('button', { type: 'button', 'data-consent': 'decline' }, t('ops7.consent.decline'));
    const dialog = h(
      'dialog',
      { className: 'consent-dialog', 'aria-labelledby': 'consent-title', 'data-consent': purpose },
      h('h2', { id: 'consent-title' }, t(`ops7.consent.${purpose}.title`)),
      consentText(purpose),
      h('p', {}, agree, ' ', decline),
    );
    const close = (answer: boolean | Error) => {
      dialog.close();
      dialog.remove();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    agree.addEventListener('click', () => {
      agree.setAttribute('disabled', '');
      giveConsent(purpose, current.currentVersion).then(
        () => close(true),
        (err: unknown) => close(err instanceof Error ? err : new Error(String(err))),
      );
    });
    decline.addEventListener('click', () => close(false));
    // Escape is a "no".
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

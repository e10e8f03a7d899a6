/**
 * "My Telegram": whether the account is linked to a Telegram chat, a button that asks for a
 * one-time deep link (open it, press Start in Telegram, come back), and unlinking. The chat id is
 * never sent to the browser; this page only knows "linked since".
 */

import { call, client } from '../api/client';
import { currentUser, ready, signInLink } from '../auth';
import { h } from '../dom';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { ensureConsent } from '../privacy/consent';
import { problemText } from '../problemText';

export function renderTelegramPage(container: HTMLElement): () => void {
  let alive = true;
  const body = h('div', { className: 'tg-body' }, t('telegram.loading'));
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  container.append(
    h('section', { className: 'q-page' }, h('h1', { tabindex: -1 }, t('telegram.title')), body, status),
  );

  const fail = (err: unknown) => {
    if (alive) status.textContent = problemText(err);
  };

  async function show(): Promise<void> {
    const s = await call(client.GET('/api/me/telegram'));
    if (!alive) return;
    if (!s.available) {
      body.replaceChildren(h('p', {}, t('telegram.unavailable')));
      return;
    }
    if (s.linked) {
      const unlink = h('button', { type: 'button' }, t('telegram.unlink'));
      unlink.addEventListener('click', () => {
        unlink.setAttribute('disabled', '');
        call(client.DELETE('/api/me/telegram'))
          .then(() => {
            status.textContent = t('telegram.unlinked');
            return show();
          })
          .catch(fail);
      });
      body.replaceChildren(
        h(
          'p',
          { 'data-telegram': 'linked' },
          t('telegram.linked', { date: s.linkedAt ? formatDate(s.linkedAt.slice(0, 10), getLang()) : '' }),
        ),
        unlink,
      );
      return;
    }
    const ask = h('button', { type: 'button' }, t('telegram.getLink'));
    const slot = h('div', {});
    ask.addEventListener('click', () => {
      ask.setAttribute('disabled', '');
      // Consent first (issue 20): the hub links no chat without it.
      ensureConsent('telegram')
        .then((ok) => {
          return ok ? call(client.POST('/api/me/telegram/link')) : undefined;
        })
        .then((link) => {
          if (!link || !alive) return;
          slot.replaceChildren(
            h('p', {}, t('telegram.openHint')),
            h(
              'a',
              { href: link.url, target: '_blank', rel: 'noopener', className: 'button' },
              t('telegram.open'),
            ),
            h(
              'p',
              {},
              h('button', { type: 'button', onclick: () => void show().catch(fail) }, t('telegram.check')),
            ),
          );
        })
        .catch(fail)
        .finally(() => ask.removeAttribute('disabled'));
    });
    body.replaceChildren(h('p', { 'data-telegram': 'unlinked' }, t('telegram.notLinked')), ask, slot);
  }

  void (async () => {
    await ready;
    if (!alive) return;
    if (!currentUser()) {
      body.replaceChildren(signInLink(t('telegram.signIn')));
      return;
    }
    await show();
  })().catch(fail);
  return () => {
    alive = false;
  };
}

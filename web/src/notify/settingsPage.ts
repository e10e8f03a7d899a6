/**
 * Notification settings: the e-mail address and its verification (the mail's link lands here with
 * `?verify=`), how often each channel tells the user (at once, daily or weekly digest, off), quiet
 * hours in Astana time, the language of the messages, and the districts, bodies and contractors
 * followed. Legal notices about the user's own questions ignore all of this, as the page says.
 */
import { AREAS, type AreaCode, areaByCode } from '../../../shared/areas';
import type { Lang } from '../../../shared/i18n-text';
import { pickText } from '../../../shared/i18n-text';
import { call, client } from '../api/client';
import type { components } from '../api/schema';
import { currentUser, ready, signInLink } from '../auth';
import { h } from '../dom';
import { getLang, t } from '../i18n';
import { ensureConsent } from '../privacy/consent';
import { problemText } from '../problemText';
import { TELEGRAM_PAGE_PATH } from '../telegram';
import { FEED_PATH } from './paths';
import { unread } from './unread';

type Settings = components['schemas']['NotificationSettings'];

// This page still builds DOM directly (its move to Preact is pending); these two helpers were the
// questions card's before that card became a component.
let fieldSeq = 0;
function field(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
): HTMLElement {
  control.id ||= `n-field-${++fieldSeq}`;
  return h('div', { className: 'q-field' }, h('label', { for: control.id }, label), control);
}

const LANGUAGE_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** A language picker whose options name each language in itself (and say so with `lang`). */
function languageSelect(initial: Lang): HTMLSelectElement {
  const select = h(
    'select',
    {},
    (Object.keys(LANGUAGE_NAMES) as Lang[]).map((l) => h('option', { value: l, lang: l }, LANGUAGE_NAMES[l])),
  );
  select.value = initial;
  return select;
}
type Mode = 'instant' | 'daily' | 'weekly' | 'off';
const MODES: Mode[] = ['instant', 'daily', 'weekly', 'off'];
const CHANNELS = ['email', 'telegram'] as const;

export function renderSettingsPage(container: HTMLElement, url: URL): () => void {
  let alive = true;
  const body = h('div', { className: 'notify-settings' }, t('notify.feed.loading'));
  const status = h('p', { role: 'status', 'aria-live': 'polite', className: 'notify-status' });
  container.append(
    h(
      'section',
      { className: 'q-page notify-page' },
      h('h1', { tabindex: -1 }, t('notify.settings.title')),
      h(
        'p',
        {},
        h('a', { href: FEED_PATH, 'data-nav': '' }, t('notify.settings.feed')),
        ' · ',
        h('a', { href: TELEGRAM_PAGE_PATH, 'data-nav': '' }, t('notify.settings.telegram')),
      ),
      status,
      body,
    ),
  );
  const fail = (err: unknown) => {
    if (alive) status.textContent = t('notify.error', { detail: problemText(err) });
  };

  async function start(): Promise<void> {
    await ready;
    if (!alive) return;
    if (!currentUser()) {
      body.replaceChildren(h('p', {}, signInLink(t('notify.settings.signIn'))));
      return;
    }
    const token = url.searchParams.get('verify');
    if (token) {
      // The link is used once: drop it from the address bar whatever the answer.
      history.replaceState(null, '', location.pathname);
      status.textContent = t('notify.email.verifying');
      try {
        await call(client.POST('/api/me/email/verify', { body: { token } }));
        status.textContent = t('notify.email.verifiedNow');
      } catch {
        status.textContent = t('notify.email.badToken');
      }
    }
    const [settings, subs] = await Promise.all([
      call(client.GET('/api/me/notifications')),
      call(client.GET('/api/me/subscriptions')),
    ]);
    if (alive) draw(settings, subs);
  }

  function draw(settings: Settings, subs: components['schemas']['Subscription'][]): void {
    unread.value = settings.unread;
    body.replaceChildren(emailSection(settings), prefsSection(settings), subsSection(subs));
  }

  async function reload(message?: string): Promise<void> {
    const [settings, subs] = await Promise.all([
      call(client.GET('/api/me/notifications')),
      call(client.GET('/api/me/subscriptions')),
    ]);
    if (!alive) return;
    draw(settings, subs);
    if (message) status.textContent = message;
  }

  function emailSection(s: Settings): HTMLElement {
    const address = h('input', {
      type: 'email',
      name: 'email',
      required: true,
      maxlength: 254,
      autocomplete: 'email',
    });
    const form = h(
      'form',
      {
        className: 'notify-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          // Consent first (issue 20): the hub keeps no address without it.
          ensureConsent('email')
            .then((ok) =>
              ok
                ? call(
                    client.PUT('/api/me/email', { body: { address: address.value, lang: getLang() } }),
                  ).then(() => reload(t('notify.email.sent')))
                : undefined,
            )
            .catch(fail);
        },
      },
      field(t('notify.email.label'), address),
      h('button', { type: 'submit' }, t('notify.email.save')),
    );
    return h(
      'section',
      { 'aria-labelledby': 'notify-email-h' },
      h('h2', { id: 'notify-email-h' }, t('notify.email.heading')),
      s.email
        ? h(
            'p',
            { 'data-email': s.email.verified ? 'verified' : 'unverified' },
            t('notify.email.current', { address: s.email.address }),
            ' — ',
            t(s.email.verified ? 'notify.email.verified' : 'notify.email.unverified'),
          )
        : h('p', {}, t('notify.email.none')),
      form,
    );
  }

  function prefsSection(s: Settings): HTMLElement {
    const lang = languageSelect(s.prefs.lang as Lang);
    lang.name = 'lang';
    const modes = Object.fromEntries(
      CHANNELS.map((c) => {
        const select = h(
          'select',
          { name: `mode-${c}` },
          MODES.map((m) => h('option', { value: m }, t(`notify.prefs.mode.${m}`))),
        );
        select.value = s.prefs.channels[c] ?? 'instant';
        return [c, select];
      }),
    ) as Record<(typeof CHANNELS)[number], HTMLSelectElement>;
    const quietOn = h('input', { type: 'checkbox', name: 'quiet', checked: Boolean(s.prefs.quietHours) });
    const from = h('input', { type: 'time', name: 'quiet-from', value: s.prefs.quietHours?.from ?? '22:00' });
    const to = h('input', { type: 'time', name: 'quiet-to', value: s.prefs.quietHours?.to ?? '08:00' });
    quietOn.id = 'notify-quiet-on';
    const form = h(
      'form',
      {
        className: 'notify-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const channels = Object.fromEntries(CHANNELS.map((c) => [c, modes[c].value as Mode]));
          call(
            client.PUT('/api/me/notifications', {
              body: {
                lang: lang.value as Lang,
                channels,
                ...(quietOn.checked ? { quietHours: { from: from.value, to: to.value } } : {}),
              },
            }),
          )
            .then(() => reload(t('notify.prefs.saved')))
            .catch(fail);
        },
      },
      h('p', { className: 'q-hint' }, t('notify.prefs.legal')),
      field(t('notify.prefs.lang'), lang),
      ...CHANNELS.map((c) => field(t(`notify.prefs.channel.${c}`), modes[c])),
      h(
        'fieldset',
        {},
        h('legend', {}, t('notify.prefs.quiet')),
        h(
          'div',
          { className: 'q-field' },
          quietOn,
          h('label', { for: quietOn.id }, t('notify.prefs.quietOn')),
        ),
        field(t('notify.prefs.from'), from),
        field(t('notify.prefs.to'), to),
        h('p', { className: 'q-hint' }, t('notify.prefs.quietHint')),
      ),
      h('button', { type: 'submit' }, t('notify.prefs.save')),
    );
    return h(
      'section',
      { 'aria-labelledby': 'notify-prefs-h' },
      h('h2', { id: 'notify-prefs-h' }, t('notify.prefs.heading')),
      form,
    );
  }

  function subsSection(subs: components['schemas']['Subscription'][]): HTMLElement {
    const lang = getLang();
    const name = (s: components['schemas']['Subscription']) =>
      s.kind === 'area' && AREAS.some((a) => a.code === s.id)
        ? pickText(areaByCode(s.id as AreaCode).name, lang)
        : s.id;
    // Each subscription may come at its own pace (an area's answers in the daily digest, a
    // contractor's at once); "as the channel is set" leaves the channel's mode in charge.
    const subscriptionMode = (s: components['schemas']['Subscription']) => {
      const select = h(
        'select',
        {
          name: `mode-${s.kind}-${s.id}`,
          'aria-label': t('notify.subs.mode', { name: name(s) }),
          onchange: () => {
            const mode = select.value as 'instant' | 'daily' | 'weekly' | '';
            call(
              client.PUT('/api/me/subscriptions/{kind}/{id}', {
                params: { path: { kind: s.kind, id: s.id }, query: mode ? { mode } : {} },
              }),
            )
              .then(() => reload())
              .catch(fail);
          },
        },
        h('option', { value: '' }, t('notify.subs.mode.channel')),
        (['instant', 'daily', 'weekly'] as const).map((m) =>
          h('option', { value: m }, t(`notify.prefs.mode.${m}`)),
        ),
      ) as HTMLSelectElement;
      select.value = s.mode ?? '';
      return select;
    };
    const area = h(
      'select',
      { name: 'area' },
      AREAS.map((a) => h('option', { value: a.code }, pickText(a.name, lang))),
    );
    return h(
      'section',
      { 'aria-labelledby': 'notify-subs-h' },
      h('h2', { id: 'notify-subs-h' }, t('notify.subs.heading')),
      h('p', { className: 'q-hint' }, t('notify.subs.intro')),
      subs.length === 0
        ? h('p', {}, t('notify.subs.none'))
        : h(
            'ul',
            { className: 'notify-subs' },
            subs.map((s) =>
              h(
                'li',
                { 'data-subscription': `${s.kind}:${s.id}` },
                t(`notify.subs.kind.${s.kind}`, { name: name(s) }),
                ' ',
                subscriptionMode(s),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    onclick: () =>
                      call(
                        client.DELETE('/api/me/subscriptions/{kind}/{id}', {
                          params: { path: { kind: s.kind, id: s.id } },
                        }),
                      )
                        .then(() => reload())
                        .catch(fail),
                  },
                  t('notify.subs.remove'),
                ),
              ),
            ),
          ),
      h(
        'form',
        {
          className: 'notify-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            call(
              client.PUT('/api/me/subscriptions/{kind}/{id}', {
                params: { path: { kind: 'area', id: area.value } },
              }),
            )
              .then(() => reload())
              .catch(fail);
          },
        },
        field(t('notify.subs.area'), area),
        h('button', { type: 'submit' }, t('notify.subs.add')),
      ),
    );
  }

  start().catch(fail);
  return () => {
    alive = false;
  };
}

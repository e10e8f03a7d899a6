/**
 * Notification settings: the e-mail address and its verification (the mail's link lands here with
 * `?verify=`), how often each channel tells the user (at once, daily or weekly digest, off), quiet
 * hours in Astana time, the language of the messages, and the districts, bodies and contractors
 * followed. Legal notices about the user's own questions ignore all of this, as the page says.
 * Follows the signed-in user and the language (signals); a save reloads the stored settings without
 * dropping what is typed in another form.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AREAS, type AreaCode, areaByCode } from '../../../shared/areas';
import type { Lang } from '../../../shared/i18n-text';
import { pickText } from '../../../shared/i18n-text';
import { call, client } from '../api/client';
import type { components } from '../api/schema';
import { currentUser } from '../auth';
import { getLang, t } from '../i18n';
import { ensureConsent } from '../privacy/consent';
import { problemText } from '../problemText';
import { TELEGRAM_PAGE_PATH } from '../telegram';
import { onSubmit, useFields } from '../ui/form';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';
import { SignInLink } from '../ui/SignInLink';
import { userKnown } from '../ui/user';
import { FEED_PATH } from './paths';
import { unread } from './unread';

type Settings = components['schemas']['NotificationSettings'];
type Subscription = components['schemas']['Subscription'];

function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div className="q-field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

const LANGUAGE_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

type Mode = 'instant' | 'daily' | 'weekly' | 'off';
const MODES: Mode[] = ['instant', 'daily', 'weekly', 'off'];
const CHANNELS = ['email', 'telegram'] as const;

/**
 * What the page does with a change: runs it, reloads the stored settings, says `message`; a `work`
 * that resolves `false` did nothing (e.g. consent declined), so nothing is reloaded or said.
 */
type Act = (work: () => Promise<unknown>, message?: () => string) => Promise<boolean>;

function EmailSection({ settings: s, act }: { settings: Settings; act: Act }) {
  const [address, setAddress] = useState('');
  const submit = () =>
    // Consent first (issue 20): the hub keeps no address without it.
    void act(
      async () => {
        if (!(await ensureConsent('email'))) return false;
        await call(client.PUT('/api/me/email', { body: { address, lang: getLang() } }));
        setAddress('');
        return true;
      },
      () => t('notify.email.sent'),
    );
  return (
    <section aria-labelledby="notify-email-h">
      <h2 id="notify-email-h">{t('notify.email.heading')}</h2>
      {s.email ? (
        <p data-email={s.email.verified ? 'verified' : 'unverified'}>
          {t('notify.email.current', { address: s.email.address })} —{' '}
          {t(s.email.verified ? 'notify.email.verified' : 'notify.email.unverified')}
        </p>
      ) : (
        <p>{t('notify.email.none')}</p>
      )}
      <form className="notify-form" onSubmit={onSubmit(submit)}>
        <Field id="notify-email" label={t('notify.email.label')}>
          <input
            id="notify-email"
            type="email"
            name="email"
            required
            maxLength={254}
            autoComplete="email"
            value={address}
            onInput={(e) => setAddress(e.currentTarget.value)}
          />
        </Field>
        <button type="submit">{t('notify.email.save')}</button>
      </form>
    </section>
  );
}

type PrefsFields = {
  lang: string;
  'mode-email': string;
  'mode-telegram': string;
  quiet: boolean;
  'quiet-from': string;
  'quiet-to': string;
};

/** The form's fields from the stored settings. */
function prefsFields(s: Settings): PrefsFields {
  return {
    lang: s.prefs.lang,
    'mode-email': s.prefs.channels.email ?? 'instant',
    'mode-telegram': s.prefs.channels.telegram ?? 'instant',
    quiet: Boolean(s.prefs.quietHours),
    'quiet-from': s.prefs.quietHours?.from ?? '22:00',
    'quiet-to': s.prefs.quietHours?.to ?? '08:00',
  };
}

function PrefsSection({ settings, act }: { settings: Settings; act: Act }) {
  const f = useFields<PrefsFields>(() => prefsFields(settings));
  const v = f.values;
  const submit = () =>
    void act(
      () =>
        call(
          client.PUT('/api/me/notifications', {
            body: {
              lang: v.lang as Lang,
              channels: { email: v['mode-email'] as Mode, telegram: v['mode-telegram'] as Mode },
              ...(v.quiet ? { quietHours: { from: v['quiet-from'], to: v['quiet-to'] } } : {}),
            },
          }),
        ),
      () => t('notify.prefs.saved'),
    );
  return (
    <section aria-labelledby="notify-prefs-h">
      <h2 id="notify-prefs-h">{t('notify.prefs.heading')}</h2>
      <form className="notify-form" onSubmit={onSubmit(submit)}>
        <p className="q-hint">{t('notify.prefs.legal')}</p>
        <Field id="notify-lang" label={t('notify.prefs.lang')}>
          {/* Each language named in itself (and marked so with `lang`). */}
          <select id="notify-lang" {...f.bind('lang')}>
            {(Object.keys(LANGUAGE_NAMES) as Lang[]).map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </Field>
        {CHANNELS.map((c) => (
          <Field key={c} id={`notify-mode-${c}`} label={t(`notify.prefs.channel.${c}`)}>
            <select id={`notify-mode-${c}`} {...f.bind(`mode-${c}`)}>
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`notify.prefs.mode.${m}`)}
                </option>
              ))}
            </select>
          </Field>
        ))}
        <fieldset>
          <legend>{t('notify.prefs.quiet')}</legend>
          <div className="q-field">
            <input
              type="checkbox"
              name="quiet"
              id="notify-quiet-on"
              checked={v.quiet}
              onChange={(e) => f.set('quiet', e.currentTarget.checked)}
            />
            <label for="notify-quiet-on">{t('notify.prefs.quietOn')}</label>
          </div>
          <Field id="notify-quiet-from" label={t('notify.prefs.from')}>
            <input id="notify-quiet-from" type="time" {...f.bind('quiet-from')} />
          </Field>
          <Field id="notify-quiet-to" label={t('notify.prefs.to')}>
            <input id="notify-quiet-to" type="time" {...f.bind('quiet-to')} />
          </Field>
          <p className="q-hint">{t('notify.prefs.quietHint')}</p>
        </fieldset>
        <button type="submit">{t('notify.prefs.save')}</button>
      </form>
    </section>
  );
}

function SubsSection({ subs, act }: { subs: Subscription[]; act: Act }) {
  const lang = getLang();
  const [area, setArea] = useState<string>(AREAS[0]?.code ?? '');
  const name = (s: Subscription) =>
    s.kind === 'area' && AREAS.some((a) => a.code === s.id)
      ? pickText(areaByCode(s.id as AreaCode).name, lang)
      : s.id;
  // Each subscription may come at its own pace (an area's answers in the daily digest, a
  // contractor's at once); "as the channel is set" leaves the channel's mode in charge.
  const setMode = (s: Subscription, mode: 'instant' | 'daily' | 'weekly' | '') =>
    void act(() =>
      call(
        client.PUT('/api/me/subscriptions/{kind}/{id}', {
          params: { path: { kind: s.kind, id: s.id }, query: mode ? { mode } : {} },
        }),
      ),
    );
  const remove = (s: Subscription) =>
    void act(() =>
      call(
        client.DELETE('/api/me/subscriptions/{kind}/{id}', { params: { path: { kind: s.kind, id: s.id } } }),
      ),
    );
  const add = () =>
    void act(() =>
      call(client.PUT('/api/me/subscriptions/{kind}/{id}', { params: { path: { kind: 'area', id: area } } })),
    );
  return (
    <section aria-labelledby="notify-subs-h">
      <h2 id="notify-subs-h">{t('notify.subs.heading')}</h2>
      <p className="q-hint">{t('notify.subs.intro')}</p>
      {subs.length === 0 ? (
        <p>{t('notify.subs.none')}</p>
      ) : (
        <ul className="notify-subs">
          {subs.map((s) => (
            <li key={`${s.kind}:${s.id}`} data-subscription={`${s.kind}:${s.id}`}>
              {t(`notify.subs.kind.${s.kind}`, { name: name(s) })}{' '}
              <select
                name={`mode-${s.kind}-${s.id}`}
                aria-label={t('notify.subs.mode', { name: name(s) })}
                value={s.mode ?? ''}
                onChange={(e) => setMode(s, e.currentTarget.value as 'instant' | 'daily' | 'weekly' | '')}
              >
                <option value="">{t('notify.subs.mode.channel')}</option>
                {(['instant', 'daily', 'weekly'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t(`notify.prefs.mode.${m}`)}
                  </option>
                ))}
              </select>{' '}
              <button type="button" onClick={() => remove(s)}>
                {t('notify.subs.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="notify-form" onSubmit={onSubmit(add)}>
        <Field id="notify-area" label={t('notify.subs.area')}>
          <select id="notify-area" name="area" value={area} onChange={(e) => setArea(e.currentTarget.value)}>
            {AREAS.map((a) => (
              <option key={a.code} value={a.code}>
                {pickText(a.name, lang)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('notify.subs.add')}</button>
      </form>
    </section>
  );
}

/** The status line: a function of the language, so what it says follows a switch. */
type Said = { text: () => string } | null;

function SettingsForms({
  verify,
  say,
}: {
  verify: string | null;
  say: (text: (() => string) | null) => void;
}) {
  const [data, setData] = useState<{ settings: Settings; subs: Subscription[] } | null>(null);
  const alive = useMounted();
  const fail = (err: unknown) => say(() => t('notify.error', { detail: problemText(err) }));
  const reload = async () => {
    const [settings, subs] = await Promise.all([
      call(client.GET('/api/me/notifications')),
      call(client.GET('/api/me/subscriptions')),
    ]);
    if (!alive.current) return;
    unread.value = settings.unread;
    setData({ settings, subs });
  };
  const act: Act = async (work, message) => {
    try {
      if ((await work()) === false) return false;
      await reload();
      if (message && alive.current) say(message);
      return true;
    } catch (err) {
      if (alive.current) fail(err);
      return false;
    }
  };
  useEffect(() => {
    const start = async () => {
      if (verify) {
        // The link is used once: drop it from the address bar whatever the answer.
        history.replaceState(null, '', location.pathname);
        say(() => t('notify.email.verifying'));
        try {
          await call(client.POST('/api/me/email/verify', { body: { token: verify } }));
          say(() => t('notify.email.verifiedNow'));
        } catch {
          say(() => t('notify.email.badToken'));
        }
      }
      await reload();
    };
    start().catch((err: unknown) => alive.current && fail(err));
  }, []);

  if (!data) return <>{t('notify.feed.loading')}</>;
  return (
    <>
      <EmailSection settings={data.settings} act={act} />
      <PrefsSection settings={data.settings} act={act} />
      <SubsSection subs={data.subs} act={act} />
    </>
  );
}

function SettingsPage({ verify }: { verify: string | null }) {
  const me = userKnown.value ? currentUser() : undefined;
  const [status, setStatus] = useState<Said>(null);
  const say = (text: (() => string) | null) => setStatus(text ? { text } : null);
  return (
    <section className="q-page notify-page">
      <h1 tabIndex={-1}>{t('notify.settings.title')}</h1>
      <p>
        <a href={FEED_PATH} data-nav="">
          {t('notify.settings.feed')}
        </a>
        {' · '}
        <a href={TELEGRAM_PAGE_PATH} data-nav="">
          {t('notify.settings.telegram')}
        </a>
      </p>
      <p role="status" aria-live="polite" className="notify-status">
        {status?.text() ?? ''}
      </p>
      <div className="notify-settings">
        {me === undefined ? t('notify.feed.loading') : null}
        {me === null ? (
          <p>
            <SignInLink label={t('notify.settings.signIn')} />
          </p>
        ) : null}
        {me ? <SettingsForms key={me.sub} verify={verify} say={say} /> : null}
      </div>
    </section>
  );
}

export function renderSettingsPage(container: HTMLElement, url: URL): () => void {
  return mount(container, <SettingsPage verify={url.searchParams.get('verify')} />);
}

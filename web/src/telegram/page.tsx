/**
 * "My Telegram": whether the account is linked to a Telegram chat, a button that asks for a
 * one-time deep link (open it, press Start in Telegram, come back), and unlinking. The chat id is
 * never sent to the browser; this page only knows "linked since". Follows the signed-in user and
 * the language (signals).
 */
import { useEffect, useState } from 'preact/hooks';
import { call, client } from '../api/client';
import { currentUser } from '../auth';
import { formatDate } from '../format';
import { getLang, t } from '../i18n';
import { ensureConsent } from '../privacy/consent';
import { problemText } from '../problemText';
import { mount } from '../ui/mount';
import { useMounted } from '../ui/mounted';
import { SignInLink } from '../ui/SignInLink';
import { userKnown } from '../ui/user';

type Link = { kind: 'unavailable' } | { kind: 'linked'; since: string | undefined } | { kind: 'unlinked' };

function TelegramPage() {
  const me = userKnown.value ? currentUser() : undefined;
  const [link, setLink] = useState<Link | null>(null);
  const [deepLink, setDeepLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const alive = useMounted();
  const fail = (err: unknown) => {
    if (alive.current) setStatus(problemText(err));
  };
  const show = async () => {
    const s = await call(client.GET('/api/me/telegram'));
    if (!alive.current) return;
    setDeepLink(null);
    setLink(
      !s.available
        ? { kind: 'unavailable' }
        : s.linked
          ? { kind: 'linked', since: s.linkedAt }
          : { kind: 'unlinked' },
    );
  };
  const sub = me?.sub;
  useEffect(() => {
    setLink(null);
    if (sub) void show().catch(fail);
  }, [sub]);

  const unlink = () => {
    setBusy(true);
    call(client.DELETE('/api/me/telegram'))
      .then(() => {
        setStatus(t('telegram.unlinked'));
        return show();
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };
  const ask = () => {
    setBusy(true);
    // Consent first (issue 20): the hub links no chat without it.
    ensureConsent('telegram')
      .then((ok) => (ok ? call(client.POST('/api/me/telegram/link')) : undefined))
      .then((made) => {
        if (made && alive.current) setDeepLink(made.url);
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };

  let body = <>{t('telegram.loading')}</>;
  if (me === null) body = <SignInLink label={t('telegram.signIn')} />;
  else if (link?.kind === 'unavailable') body = <p>{t('telegram.unavailable')}</p>;
  else if (link?.kind === 'linked')
    body = (
      <>
        <p data-telegram="linked">
          {t('telegram.linked', { date: link.since ? formatDate(link.since.slice(0, 10), getLang()) : '' })}
        </p>
        <button type="button" disabled={busy} onClick={unlink}>
          {t('telegram.unlink')}
        </button>
      </>
    );
  else if (link?.kind === 'unlinked')
    body = (
      <>
        <p data-telegram="unlinked">{t('telegram.notLinked')}</p>
        <button type="button" disabled={busy} onClick={ask}>
          {t('telegram.getLink')}
        </button>
        <div>
          {deepLink ? (
            <>
              <p>{t('telegram.openHint')}</p>
              <a href={deepLink} target="_blank" rel="noopener" className="button">
                {t('telegram.open')}
              </a>
              <p>
                <button type="button" onClick={() => void show().catch(fail)}>
                  {t('telegram.check')}
                </button>
              </p>
            </>
          ) : null}
        </div>
      </>
    );
  return (
    <section className="q-page">
      <h1 tabIndex={-1}>{t('telegram.title')}</h1>
      <div className="tg-body">{body}</div>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

export function renderTelegramPage(container: HTMLElement): () => void {
  return mount(container, <TelegramPage />);
}

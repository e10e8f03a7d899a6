/**
 * "My feed": what the user was told of, newest first. Entries that arrived since the last visit
 * carry a "New" mark; opening the page moves the seen mark to the newest entry shown, so the bell
 * drops to 0 (and the marks are gone on the next visit). Follows the signed-in user and the
 * language (signals).
 */
import { useEffect, useState } from 'preact/hooks';
import { pickText } from '../../../shared/i18n-text';
import { call, client } from '../api/client';
import { currentUser } from '../auth';
import { formatDate, formatDateTime } from '../format';
import { getLang, hasMessage, t } from '../i18n';
import { problemText } from '../problemText';
import { bodyName, bodyNames } from '../questions/model';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { SignInLink } from '../ui/SignInLink';
import { userKnown } from '../ui/user';
import { SETTINGS_PATH } from './paths';
import { unread } from './unread';
import { entryHref, type FeedEntry, feedLine, seenMark } from './view';

type Loaded = { entries: FeedEntry[]; names: Awaited<ReturnType<typeof bodyNames>> };

function FeedPage() {
  const me = userKnown.value ? currentUser() : undefined;
  const [feed, setFeed] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState('');
  const sub = me?.sub;
  useEffect(() => {
    if (!sub) return;
    let alive = true;
    setFeed(null);
    (async () => {
      const [page, names] = await Promise.all([
        call(client.GET('/api/me/notifications/feed', { params: { query: { limit: 50 } } })),
        bodyNames().catch(() => new Map()),
      ]);
      if (!alive) return;
      setFeed({ entries: page.entries, names });
      const mark = seenMark(page.entries);
      if (mark) {
        const settings = await call(client.POST('/api/me/notifications/seen', { body: { at: mark } }));
        unread.value = settings.unread;
      } else unread.value = 0;
    })().catch((err: unknown) => {
      if (alive) setFailed(problemText(err));
    });
    return () => {
      alive = false;
    };
  }, [sub]);

  let list = <>{failed ? null : t('notify.feed.loading')}</>;
  if (me === null)
    list = (
      <p>
        <SignInLink label={t('notify.feed.signIn')} />
      </p>
    );
  else if (feed) list = feed.entries.length === 0 ? <p>{t('notify.feed.empty')}</p> : <Entries {...feed} />;
  return (
    <section className="q-page notify-page">
      <h1 tabIndex={-1}>{t('notify.feed.title')}</h1>
      <p>
        {t('notify.feed.intro')} <Link href={SETTINGS_PATH}>{t('notify.feed.settings')}</Link>
      </p>
      <div className="notify-feed">{list}</div>
      <p role="status" aria-live="polite">
        {failed}
      </p>
    </section>
  );
}

function Entries({ entries, names }: Loaded) {
  const lang = getLang();
  const format = {
    body: (id: string) => bodyName(names, id),
    date: (d: string) => formatDate(d, lang),
    text: (title: Record<string, string>) => pickText(title, lang),
  };
  return (
    <ol className="notify-entries">
      {entries.map((e, i) => {
        const line = feedLine(e, format, hasMessage);
        const href = entryHref(e);
        const title = e.itemTitle ? pickText(e.itemTitle, lang) : '';
        return (
          <li
            key={`${e.at}-${i}`}
            className={`notify-entry${e.unread ? ' is-unread' : ''}`}
            data-event-type={e.type}
            data-unread={String(e.unread)}
          >
            <p className="notify-entry-head">
              {e.unread ? <span className="notify-new">{t('notify.feed.new')}</span> : null}
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              {title ? ' · ' : null}
              {title && href ? (
                <Link href={href}>{title}</Link>
              ) : title ? (
                <span data-user-content="">{title}</span>
              ) : null}
            </p>
            <p className="notify-entry-text">{t(line.key, line.values)}</p>
          </li>
        );
      })}
    </ol>
  );
}

export function renderFeedPage(container: HTMLElement): () => void {
  return mount(container, <FeedPage />);
}

/**
 * "My feed": what the user was told of, newest first. Entries that arrived since the last visit
 * carry a "New" mark; opening the page moves the seen mark to the newest entry shown, so the bell
 * drops to 0 (and the marks are gone on the next visit).
 */
import { pickText } from '../../../shared/i18n-text';
import { call, client } from '../api/client';
import { currentUser, ready, signInLink } from '../auth';
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { getLang, hasMessage, t } from '../i18n';
import { problemText } from '../problemText';
import { bodyName, bodyNames } from '../questions/model';
import { navigate } from '../shell';
import { SETTINGS_PATH } from './paths';
import { unread } from './unread';
import { entryHref, type FeedEntry, feedLine, seenMark } from './view';

export function renderFeedPage(container: HTMLElement): () => void {
  let alive = true;
  const list = h('div', { className: 'notify-feed' }, t('notify.feed.loading'));
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  container.append(
    h(
      'section',
      { className: 'q-page notify-page' },
      h('h1', { tabindex: -1 }, t('notify.feed.title')),
      h('p', {}, t('notify.feed.intro'), ' ', internalLink(SETTINGS_PATH, t('notify.feed.settings'))),
      list,
      status,
    ),
  );

  async function show(): Promise<void> {
    await ready;
    if (!alive) return;
    if (!currentUser()) {
      list.replaceChildren(h('p', {}, signInLink(t('notify.feed.signIn'))));
      return;
    }
    const [feed, names] = await Promise.all([
      call(client.GET('/api/me/notifications/feed', { params: { query: { limit: 50 } } })),
      bodyNames().catch(() => new Map()),
    ]);
    if (!alive) return;
    const lang = getLang();
    const format = {
      body: (id: string) => bodyName(names, id),
      date: (d: string) => formatDate(d, lang),
      text: (title: Record<string, string>) => pickText(title, lang),
    };
    list.replaceChildren(
      feed.entries.length === 0
        ? h('p', {}, t('notify.feed.empty'))
        : h(
            'ol',
            { className: 'notify-entries' },
            feed.entries.map((e) => entryRow(e, format)),
          ),
    );
    const mark = seenMark(feed.entries);
    if (mark) {
      const settings = await call(client.POST('/api/me/notifications/seen', { body: { at: mark } }));
      unread.value = settings.unread;
    } else unread.value = 0;
  }

  function entryRow(e: FeedEntry, format: Parameters<typeof feedLine>[1]) {
    const line = feedLine(e, format, hasMessage);
    const href = entryHref(e);
    const title = e.itemTitle ? pickText(e.itemTitle, getLang()) : '';
    return h(
      'li',
      {
        className: `notify-entry${e.unread ? ' is-unread' : ''}`,
        'data-event-type': e.type,
        'data-unread': String(e.unread),
      },
      h(
        'p',
        { className: 'notify-entry-head' },
        e.unread ? h('span', { className: 'notify-new' }, t('notify.feed.new')) : null,
        h('time', { datetime: e.at }, formatDateTime(e.at, getLang())),
        title ? ' · ' : null,
        title && href
          ? internalLink(href, title)
          : title
            ? h('span', { 'data-user-content': '' }, title)
            : null,
      ),
      h('p', { className: 'notify-entry-text' }, t(line.key, line.values)),
    );
  }

  show().catch((err: unknown) => {
    if (!alive) return;
    list.replaceChildren();
    status.textContent = problemText(err);
  });
  return () => {
    alive = false;
  };
}

function internalLink(path: string, label: string): HTMLAnchorElement {
  return h(
    'a',
    {
      href: path,
      onclick: (e: Event) => {
        const m = e as MouseEvent;
        if (m.ctrlKey || m.metaKey || m.shiftKey || m.button !== 0) return;
        e.preventDefault();
        navigate(path);
      },
    },
    label,
  );
}

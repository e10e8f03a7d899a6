/**
 * Notifications in the web app: the header's bell with the unread count (it asks the API once a
 * minute while the tab is visible, and at once when the tab is shown or focused again), "My feed"
 * (/my/feed), the notification settings (/my/notifications, where the verification mail's link
 * lands) and the legal notices on a question (./notices.ts, used by the question card).
 */
import './notify.css';
import { api } from '../api';
import { currentUser, onUserChange } from '../auth/session';
import { h } from '../dom';
import { t } from '../i18n';
import { lazyRender, navigate, registerHeaderWidget, registerPage } from '../shell';
import { FEED_PATH, SETTINGS_PATH } from './paths';
import { unread } from './unread';
import { BELL_POLL_MS, bellBadge, shouldRefreshBell } from './view';

export { FEED_PATH, SETTINGS_PATH };

registerPage({
  id: 'my-feed',
  match: (p) => p === FEED_PATH || p === `${FEED_PATH}/`,
  render: lazyRender(() => import('./feedPage').then((m) => m.renderFeedPage)),
});

registerPage({
  id: 'my-notifications',
  // `/me/notifications` is where verification links of earlier mails point.
  match: (p) => /^\/(my|me)\/notifications\/?$/.test(p),
  render: lazyRender(() => import('./settingsPage').then((m) => m.renderSettingsPage)),
});

let lastAskedAt: number | null = null;

async function refreshUnread(force = false): Promise<void> {
  const visible = typeof document === 'undefined' || document.visibilityState !== 'hidden';
  const now = Date.now();
  if (!force && !shouldRefreshBell({ visible, signedIn: currentUser() !== null, lastAt: lastAskedAt, now }))
    return;
  if (!currentUser()) return;
  lastAskedAt = now;
  try {
    unread.value = (await api<{ unread: number }>('/api/me/notifications')).unread;
  } catch {
    // The bell is extra: a failed ask leaves the last count; the next poll tries again.
  }
}

function bell(slot: HTMLElement): () => void {
  const badge = h('span', { className: 'notify-count', 'aria-hidden': 'true' });
  const link = h(
    'a',
    {
      href: FEED_PATH,
      className: 'notify-bell',
      'data-testid': 'bell',
      onclick: (e: Event) => {
        const m = e as MouseEvent;
        if (m.ctrlKey || m.metaKey || m.shiftKey || m.button !== 0) return;
        e.preventDefault();
        navigate(FEED_PATH);
      },
    },
    h('span', { className: 'notify-bell-icon', 'aria-hidden': 'true' }, '🔔'),
    badge,
  );
  const paint = () => {
    const n = unread.value ?? 0;
    badge.textContent = bellBadge(n);
    badge.hidden = n <= 0;
    link.setAttribute(
      'aria-label',
      n > 0 ? t('notify.bell.label', { count: bellBadge(n) }) : t('notify.bell.none'),
    );
    slot.hidden = currentUser() === null;
  };
  const offSignal = unread.subscribe(paint);
  const offUser = onUserChange((u) => {
    if (!u) unread.value = null;
    paint();
    void refreshUnread(true);
  });
  const onVisible = () => void refreshUnread();
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('focus', onVisible);
  const timer = setInterval(() => void refreshUnread(), BELL_POLL_MS);
  slot.replaceChildren(link);
  paint();
  void refreshUnread();
  return () => {
    offSignal();
    offUser();
    document.removeEventListener('visibilitychange', onVisible);
    removeEventListener('focus', onVisible);
    clearInterval(timer);
  };
}

registerHeaderWidget({ id: 'notify-bell', order: 90, render: bell });

/**
 * The header's bell with the unread count: it asks the API once a minute while the tab is visible,
 * and at once when the tab is shown or focused again, or the signed-in user changes. The count and
 * the user are signals, so the bell repaints itself; it hides its header slot when nobody is signed in.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import { currentUser, user } from '../auth/session';
import { t } from '../i18n';
import { navigate } from '../shell';
import { mount } from '../ui/mount';
import { FEED_PATH } from './paths';
import { unread } from './unread';
import { BELL_POLL_MS, bellBadge, shouldRefreshBell } from './view';

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

function Bell({ slot }: { slot: HTMLElement }) {
  const n = unread.value ?? 0;
  const me = user.value;
  useLayoutEffect(() => {
    slot.hidden = me === null;
  }, [me, slot]);

  useEffect(() => {
    const onVisible = () => void refreshUnread();
    document.addEventListener('visibilitychange', onVisible);
    addEventListener('focus', onVisible);
    const timer = setInterval(() => void refreshUnread(), BELL_POLL_MS);
    void refreshUnread();
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      removeEventListener('focus', onVisible);
      clearInterval(timer);
    };
  }, []);

  // Another user (or none): forget the old count and ask at once.
  const shownFor = useRef(me);
  useEffect(() => {
    if (shownFor.current === me) return;
    shownFor.current = me;
    if (!me) unread.value = null;
    void refreshUnread(true);
  }, [me]);

  const follow = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(FEED_PATH);
  };
  const label = n > 0 ? t('notify.bell.label', { count: bellBadge(n) }) : t('notify.bell.none');
  // biome-ignore-start lint/a11y/useAnchorContent: named by its aria-label (the count in words); icon and number are aria-hidden
  return (
    <a href={FEED_PATH} className="notify-bell" data-testid="bell" onClick={follow} aria-label={label}>
      <span className="notify-bell-icon" aria-hidden="true">
        🔔
      </span>
      <span className="notify-count" aria-hidden="true" hidden={n <= 0}>
        {bellBadge(n)}
      </span>
    </a>
  );
  // biome-ignore-end lint/a11y/useAnchorContent: see above
}

export function renderBell(slot: HTMLElement): () => void {
  return mount(slot, <Bell slot={slot} />);
}

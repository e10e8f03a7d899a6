/**
 * Notifications in the web app: the header's bell with the unread count (./bell.tsx), "My feed"
 * (/my/feed), the notification settings (/my/notifications, where the verification mail's link
 * lands) and the legal notices on a question (./notices.ts, used by the question card).
 */
import './notify.css';
import { lazyRender, registerHeaderWidget, registerPage } from '../shell';
import { renderBell } from './bell';
import { FEED_PATH, SETTINGS_PATH } from './paths';

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

registerHeaderWidget({ id: 'notify-bell', order: 90, render: renderBell });

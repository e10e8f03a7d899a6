/**
 * Moderation in the web app: the moderators' page at /moderation and a header link to it that
 * only moderators see (./navLink.tsx).
 */
import { ready } from '../auth';
import { lazyRender, registerHeaderWidget, registerPage } from '../shell';
import { renderModerationLink } from './navLink';

registerPage({
  id: 'moderation',
  match: (pathname) => /^\/moderation\/?$/.test(pathname),
  // The page's code (and its messages) load on the first visit: the map route carries none of it.
  render: lazyRender(() => Promise.all([ready, import('./page')]).then(([, m]) => m.renderModerationPage)),
});

registerHeaderWidget({ id: 'moderation-link', order: 40, render: renderModerationLink });

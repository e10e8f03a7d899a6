/**
 * A body's pages (issue 20, item 3): its public page (whether its notifications work), its
 * contacts for admins and its officials (the shared mailbox, its officials), and the page the
 * mailbox's verification link opens. Out of the menu: reached from the responsiveness table and
 * from the link in the mail.
 */
import { lazyRender, registerPage } from '../shell';
import { bodyRoute } from './view';

registerPage({
  id: 'body-contacts',
  match: (p) => bodyRoute(p) !== null,
  render: lazyRender(() => import('./pages').then((m) => m.renderBodyPage)),
});

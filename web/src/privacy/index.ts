/** Privacy in the web app: the privacy notice, and for a signed-in user "download my data" and "delete my account". */
import { lazyRender, registerPage } from '../shell';

export const PRIVACY_PAGE_PATH = '/privacy';

registerPage({
  id: 'privacy',
  match: (p) => p === PRIVACY_PAGE_PATH || p === `${PRIVACY_PAGE_PATH}/`,
  navLabelKey: 'privacy.nav',
  navPath: PRIVACY_PAGE_PATH,
  render: lazyRender(() => import('./page').then((m) => m.renderPrivacyPage)),
});

/** Privacy in the web app: the privacy notice, and for a signed-in user "download my data" and "delete my account". */
import { SIGN_UP_PATH } from '../auth/paths';
import { lazyRender, registerPage } from '../shell';

export const PRIVACY_PAGE_PATH = '/privacy';

registerPage({
  id: 'privacy',
  match: (p) => p === PRIVACY_PAGE_PATH || p === `${PRIVACY_PAGE_PATH}/`,
  navLabelKey: 'privacy.nav',
  navPath: PRIVACY_PAGE_PATH,
  render: lazyRender(() => import('./page').then((m) => m.renderPrivacyPage)),
});

// The sign-up step after a new account's first sign-in (./signUpPage.ts).
registerPage({
  id: 'sign-up',
  match: (p) => p === SIGN_UP_PATH,
  render: lazyRender(() => import('./signUpPage').then((m) => m.renderSignUpPage)),
});

/**
 * Sign-in in the web app: the header widget (sign in / name, role badges, sign out), the sign-in
 * page, and the session API other features use (`currentUser`, `onUserChange`, `canDo`).
 */
import './auth.css';
import './widget';
import './managedLogin';
import { lazyRender, registerPage } from '../shell';
import { ADMIN_PATH, SIGN_IN_PATH, TOTP_SETUP_PATH } from './paths';

// The pages' code (and their messages) load on the first visit: the map route carries none of it.
registerPage({
  id: 'sign-in',
  match: (pathname) => pathname === SIGN_IN_PATH,
  render: lazyRender(() => import('./signInPage').then((m) => m.renderSignInPage)),
});

registerPage({
  id: 'totp-setup',
  match: (pathname) => pathname === TOTP_SETUP_PATH,
  render: lazyRender(() => import('./totpEnrolmentPage').then((m) => m.renderTotpEnrolmentPage)),
});

registerPage({
  id: 'admin',
  match: (pathname) => pathname === ADMIN_PATH,
  render: lazyRender(() => import('./adminPage').then((m) => m.renderAdminPage)),
});

export { canDo, currentUser, onUserChange, ready, signOut, user } from './session';

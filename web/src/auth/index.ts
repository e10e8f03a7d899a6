/**
 * Sign-in in the web app: the header widget (sign in / name, role badges, sign out), the sign-in
 * page, and the session API other features use (`currentUser`, `onUserChange`, `canDo`).
 */
import './auth.css';
import './widget';
import './managedLogin';
import './signInPage';
import './adminPage';

export { canDo, currentUser, onUserChange, ready, signOut } from './session';

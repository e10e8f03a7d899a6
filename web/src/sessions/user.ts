/** The one place the sessions UI learns who is signed in (../ui/user.ts). */
export { signedIn, userKnown } from '../ui/user';

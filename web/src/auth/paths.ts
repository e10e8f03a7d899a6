/**
 * The auth pages' paths, apart so the sign-in flow and the header widget can share them without
 * importing each other (a cycle would run the sign-in callback before the widget module exists).
 */
export const SIGN_IN_PATH = '/sign-in';
export const ADMIN_PATH = '/admin';

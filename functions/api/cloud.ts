/** The app as the cloud runs it: dependencies built once per Lambda instance, from configuration. */
import { createStore } from '../data/client';
import { createApp } from './app';
import type { TokenVerifier } from './env';
import { UnauthorizedError } from './problems';

// Replaced by the Cognito JWKS verifier (identity issue); until then every token is refused.
const refuseAll: TokenVerifier = {
  verify: async () => {
    throw new UnauthorizedError('Sign-in is not configured.');
  },
};

export const cloudApp = createApp({ store: createStore(), auth: refuseAll, now: () => new Date() });

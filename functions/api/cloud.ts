/** The app as the cloud runs it: dependencies built once per Lambda instance, from configuration. */
import { cloudAuthFrom } from '../auth/config';
import { createStore } from '../data/client';
import { createApp } from './app';

// Tokens are verified against the Cognito pool named by AUTH_ISSUER/AUTH_AUDIENCE. The local token
// issuer is never part of this app (no `local` dependency).
const { verifier, groups } = cloudAuthFrom(process.env);

export const cloudApp = createApp({
  store: createStore(),
  auth: verifier,
  now: () => new Date(),
  ...(groups ? { groups } : {}),
});

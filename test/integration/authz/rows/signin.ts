/** Signing in (managed login), renewing and signing out: for people not signed in yet (or no longer). */
import { createOAuthSignIn } from '../../../../functions/auth/oauth';
import { type OAuthProvider, s256, startOAuthProvider } from '../../../support/oauth-provider';
import { everyone, type MatrixRow, PRINCIPALS, type RowsDeps } from '../matrix';

const REDIRECT_URI = 'http://127.0.0.1:5999/';
const VERIFIER = 'dBjftJeZ4CVP-mB92K9uhvN2Hz8Ij6cLNpuHIpAK_kg';
let provider: OAuthProvider;

// The code exchange needs a provider to talk to: the stand-in one, signing the citizen in.
export const deps: RowsDeps = async () => {
  provider = await startOAuthProvider({ clientId: 'matrix-web', user: PRINCIPALS.citizen });
  const settings = { hostedUiUrl: provider.url, clientId: provider.clientId, redirectUri: REDIRECT_URI };
  return { oauth: createOAuthSignIn({ settings, verifier: provider.verifier() }) };
};

export const rows: MatrixRow[] = [
  { route: 'GET /api/auth/config', expect: everyone(200) },
  {
    route: 'POST /api/auth/token',
    // A fresh code per caller: each one is good once.
    setup: async () => ({
      body: { code: provider.issueCode(s256(VERIFIER), REDIRECT_URI), codeVerifier: VERIFIER },
    }),
    expect: everyone(200),
  },
  // Public like sign-in: the refresh-token cookie, not the bearer, decides. Without one, 401 for all.
  { route: 'POST /api/auth/refresh', setup: async () => ({ body: {} }), expect: everyone(401) },
  { route: 'POST /api/auth/signout', setup: async () => ({ body: {} }), expect: everyone(204) },
];

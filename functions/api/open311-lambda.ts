// The Open311 function's entry (infra/constructs/api.ts): `/open311/*` of the same HTTP API as
// `/api`, in its own function so its code stays out of the API bundle (functions/api/open311-app.ts).
import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { assertRuntimeSdk } from '../runtime-sdk';
import { traceStore } from '../tracing';
import type { TokenVerifier } from './env';
import { httpEntry } from './http-entry';
import { createOpen311App } from './open311-app';
import { originSecretsFrom } from './origin-secret';
import { UnauthorizedError } from './problems';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

// The SDK comes from the Lambda runtime (infra/bundling.ts): refuse to start on one too old.
assertRuntimeSdk();

// Like the API, it answers CloudFront only (functions/api/origin-secret.ts).
const originSecrets = originSecretsFrom(process.env);
if (originSecrets.length === 0)
  throw new Error('ORIGIN_SECRET must be set: the Open311 function only answers CloudFront.');

// Open311 clients identify with API keys (functions/services/open311-keys.ts), never bearer tokens:
// no route here reads one, so the token verifier (and jose) stays in the API function.
const noTokens: TokenVerifier = {
  verify: async () => {
    throw new UnauthorizedError('Open311 takes API keys, not bearer tokens.');
  },
};

export const handler = httpEntry(
  createOpen311App({
    store: traceStore(createStore()),
    auth: noTokens,
    now: () => new Date(),
    originSecrets,
  }),
);

/**
 * What the club, back-office, account and monitoring functions (functions/api/club-lambda.ts,
 * functions/api/back-office-lambda.ts, functions/api/account-lambda.ts,
 * functions/api/monitoring-lambda.ts) start with: like the API
 * (functions/api/cloud.ts), they verify bearer tokens and answer CloudFront only; the account adds
 * the sign-in flow and the notification secrets on top.
 */
import { cloudAuthFrom } from '../auth/config';
import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { assertRuntimeSdk } from '../runtime-sdk';
import { traceStore } from '../tracing';
import type { AppDeps } from './env';
import { originSecretsFrom } from './origin-secret';

/**
 * The dependencies these functions share, read once per instance; `name` goes into refusals.
 * `writesPool`: the function writes to the user pool: admin grants to its groups (the back office),
 * an erased account's user deleted (the account).
 */
export async function staffCloudDeps(name: string, opts: { writesPool?: boolean } = {}): Promise<AppDeps> {
  // The audit chain's actor key (functions/audit/chain.ts), from Secrets Manager before the first write.
  await loadAuditActorSecret();
  // The SDK comes from the Lambda runtime (infra/bundling.ts): refuse to start on one too old.
  assertRuntimeSdk();
  // Without the origin secret the execute-api address would be open (functions/api/origin-secret.ts).
  const originSecrets = originSecretsFrom(process.env);
  if (originSecrets.length === 0)
    throw new Error(`ORIGIN_SECRET must be set: the ${name} function only answers CloudFront.`);
  // Tokens are verified against the Cognito pool named by AUTH_ISSUER/AUTH_AUDIENCE, as in the API.
  const { verifier, groups } = cloudAuthFrom(process.env);
  return {
    // Its calls are subsegments of the request's trace (functions/tracing.ts).
    store: traceStore(createStore()),
    auth: verifier,
    now: () => new Date(),
    originSecrets,
    ...(groups && opts.writesPool ? { groups } : {}),
  };
}

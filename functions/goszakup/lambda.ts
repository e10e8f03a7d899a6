/**
 * The nightly procurement sync in the cloud: a schedule (infra/constructs/goszakup-sync.ts) invokes
 * it once a night in Asia/Almaty. The same sync as `npm run sync:goszakup`, incremental from where
 * the last run stopped. The token lives in Secrets Manager (GOSZAKUP_SECRET_ARN, `{ token }`), read
 * through the Parameters and Secrets extension (functions/cloud-secrets.ts). Every run, failed or
 * not, is stored for admins (functions/data/data-runs.ts); a failed one also fails the invocation so
 * the function's error alarm sees it.
 */
import { loadAuditActorSecret, readJsonSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { recordDataRun } from '../data/data-runs';
import { logger, observed } from '../observability';
import { traced, traceStore } from '../tracing';
import { DEFAULT_GOSZAKUP_URL, GoszakupClient } from './client';
import { DEFAULT_CONTRACT_URL } from './map';
import { type SyncReport, syncGoszakup } from './sync';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

const store = traceStore(createStore());

export interface SyncEnv {
  GOSZAKUP_SECRET_ARN?: string | undefined;
  GOSZAKUP_URL?: string | undefined;
  GOSZAKUP_CONTRACT_URL?: string | undefined;
  GOSZAKUP_YEAR?: string | undefined;
}

/** The token from the secret; a missing one is the run's failure, stored like any other. */
export async function tokenFrom(env: SyncEnv, read = readJsonSecret): Promise<string> {
  if (!env.GOSZAKUP_SECRET_ARN)
    throw new Error('GOSZAKUP_SECRET_ARN is not set: no token to call the portal with');
  const { token } = await read(env.GOSZAKUP_SECRET_ARN);
  if (!token)
    throw new Error(
      'the GOSZAKUP token secret is empty: an operator sets { "token": "…" } (infra/README.md)',
    );
  return token;
}

export const handler = observed(
  traced(async (): Promise<SyncReport> => {
    const env = process.env as SyncEnv;
    let token: string;
    try {
      token = await tokenFrom(env);
    } catch (err) {
      const at = new Date().toISOString();
      const error = (err as Error).message;
      await recordDataRun(store, {
        ...{ kind: 'goszakup-sync', trigger: 'schedule', at, ok: false, error },
        ...{ created: 0, updated: 0, unchanged: 0, refused: 0, issues: [] },
      });
      throw err;
    }
    const client = new GoszakupClient({ url: env.GOSZAKUP_URL || DEFAULT_GOSZAKUP_URL, token });
    const year = Number(env.GOSZAKUP_YEAR);
    const report = await syncGoszakup(store, client, {
      trigger: 'schedule',
      contractUrl: env.GOSZAKUP_CONTRACT_URL || DEFAULT_CONTRACT_URL,
      ...(Number.isInteger(year) && year > 2000 ? { year } : {}),
    });
    // One structured line: the run's figures land in the function's log group.
    const { issues, ...figures } = report;
    logger.info('goszakup sync', { ...figures, issueCount: issues.length });
    return report;
  }),
);

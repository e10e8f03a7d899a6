/**
 * The nightly flag job in the cloud: a schedule (infra/constructs/flag-job.ts) invokes it once a
 * night in Asia/Almaty; imports and syncs run the same job at their end.
 */

import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { logger, observed } from '../observability';
import { traced, traceStore } from '../tracing';
import { type FlagJobReport, runFlagJob } from './flags';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

const store = traceStore(createStore());

export const handler = observed(
  traced(async (): Promise<FlagJobReport> => {
    const report = await runFlagJob(store);
    // One structured line: the run's figures land in the function's log group.
    logger.info('flag job', { ...report });
    return report;
  }),
);

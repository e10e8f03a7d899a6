/**
 * The timed notices in the cloud: an EventBridge Scheduler schedule invokes this handler (hourly;
 * daily at 00:05 Asia/Almaty is the minimum), it writes due-soon and overdue events into the
 * outbox with the digests that are due, and the table's stream carries them to the fan-out like any other event. Re-runs and
 * overlapping runs are harmless (one event per question, kind and due date).
 */

import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { logger, observed } from '../observability';
import { composeDigests, type DigestRunReport } from '../services/digests';
import { emitTimedEvents, type TimedRunReport } from '../services/timed-notifications';
import { traced, traceStore } from '../tracing';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

const store = traceStore(createStore());

export const timedNotificationsHandler = observed(
  traced(async (): Promise<TimedRunReport & { digest: DigestRunReport }> => {
    const now = new Date();
    // Digests are due from 08:00 Almaty (daily, and weekly on Mondays): the hourly run writes them.
    const [report, digest] = await Promise.all([emitTimedEvents(store, now), composeDigests(store, now)]);
    // One structured line: the run's figures land in the function's log group.
    logger.info('timed notices', { ...report, digest });
    return { ...report, digest };
  }),
);

/** The conventional name, for a construct that expects `handler`. */
export const handler = timedNotificationsHandler;

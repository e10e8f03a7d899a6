/**
 * The sender function (infra/constructs/notifications.ts). Its queue receives a message for every
 * new outbox event (an EventBridge pipe from the table's stream) and one a minute from a schedule
 * (retries, quiet hours ending). Each batch runs one `drainOutbox` pass, which fans out the pending
 * events and sends what is due; deliveries are claimed by conditional writes, so two instances never
 * send the same message twice. A pass that throws fails the batch: SQS retries it, then moves it to
 * the dead-letter queue, where an alarm fires.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSEvent } from 'aws-lambda';
import { loadAuditActorSecret, notifySecretsEnv } from '../cloud-secrets';
import { createStore } from '../data/client';
import { logger, observed } from '../observability';
import { drainOutbox } from '../services/notifications';
import { traceClient, traced, traceStore } from '../tracing';
import { senderDepsFromEnv } from './sender';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

Object.assign(process.env, await notifySecretsEnv(process.env));
const deps = await senderDepsFromEnv(
  traceStore(createStore()),
  process.env,
  traceClient(new SESv2Client({})),
);

export const handler = observed(
  traced(async (event: SQSEvent) => {
    const { reclaimedIds: _ids, ...stats } = await drainOutbox(deps);
    logger.info('outbox drained', { messages: event.Records.length, ...stats });
  }),
);

/**
 * SES bounce and complaint events, delivered by SNS (infra/constructs/notifications.ts): each one
 * suppresses the contact it names (functions/services/email-feedback.ts).
 */
import type { SNSEvent } from 'aws-lambda';
import { loadAuditActorSecret } from '../cloud-secrets';
import { createStore } from '../data/client';
import { logger, observed } from '../observability';
import { applyEmailFeedback } from '../services/email-feedback';
import { traced, traceStore } from '../tracing';

// The audit chain's actor key (functions/audit/chain.ts), read from Secrets Manager once per
// instance before the first write; locally there is no secret to read.
await loadAuditActorSecret();

const store = traceStore(createStore());

export const handler = observed(
  traced(async (event: SNSEvent) => {
    for (const record of event.Records) {
      const outcome = await applyEmailFeedback(store, record.Sns.Message, new Date());
      // Counts only: an address is personal data and stays out of the logs.
      logger.info('ses feedback', { ...outcome });
    }
  }),
);

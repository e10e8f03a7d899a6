/**
 * Structured logs and metrics for the Lambda entries, with Powertools for AWS Lambda. The service
 * name and metric namespace come from POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE,
 * which the CDK stack sets per function; outside Lambda (tests, `npm start`) nothing here runs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';

export const logger = new Logger();

/** Counted once per 429 answer; the name the dashboard and alarm read. */
export const RATE_LIMITED_METRIC = 'RateLimited';
export const metrics = new Metrics();

/**
 * Wraps a Lambda handler: every log line carries the request id and cold-start flag, cold starts are
 * counted, and an error that escapes the handler is logged with its stack and counted before Lambda
 * records the failure.
 */
export function observed<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    try {
      const result = await handler(event, context);
      // 429s (rate-policy.ts refusals) feed the dashboard and an alarm (infra/constructs/operations.ts):
      // API Gateway counts them only among all 4xx.
      if ((result as { statusCode?: unknown } | null)?.statusCode === 429)
        metrics.addMetric(RATE_LIMITED_METRIC, MetricUnit.Count, 1);
      return result;
    } catch (err) {
      logger.error('Unhandled error', err as Error);
      metrics.addMetric('UnhandledError', MetricUnit.Count, 1);
      throw err;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

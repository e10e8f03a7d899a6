/**
 * Structured logs and metrics for the Lambda entries, with Powertools for AWS Lambda. The service
 * name and metric namespace come from POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE,
 * which the CDK stack sets per function; outside Lambda (tests, `npm start`) nothing here runs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';

export const logger = new Logger();
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
      return await handler(event, context);
    } catch (err) {
      logger.error('Unhandled error', err as Error);
      metrics.addMetric('UnhandledError', MetricUnit.Count, 1);
      throw err;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

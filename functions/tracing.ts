/**
 * The Powertools tracer for the functions without a bundle budget (the map feed, the flag job, the
 * export worker, the procurement sync, the notification sender, the timed notices, the mail
 * feedback, the upload publisher, the importer). Lambda's active tracing already records each
 * invocation's segment; this adds a subsegment around the handler, annotated with `ColdStart` and
 * `Service` (filterable in X-Ray), the handler's error, and a subsegment per AWS SDK call of the
 * clients passed through `traceClient`, so a slow batch shows which S3 or DynamoDB call it waited on.
 *
 * Only those entries import this module: the tracer and the X-Ray SDK under it are ~124.5 KB of
 * bundle, which the four HTTP functions' budgets (infra/hub.test.ts) have no room for.
 *
 * The service name is POWERTOOLS_SERVICE_NAME, set per function by HubFunction. Outside Lambda
 * (no AWS_EXECUTION_ENV: tests, `npm start`) or with POWERTOOLS_TRACE_ENABLED=false the tracer is
 * off: the wrapper calls the handler directly and `traceClient` hands the client back untouched.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import type { Store } from './data/client';

export const tracer = new Tracer();

/**
 * Runs the handler in its own subsegment (`## <handler>`) of the invocation's segment. The response
 * is not recorded: import reports and export figures can pass a trace document's 64 KB, and a
 * report may quote the rows it refused.
 */
export function traced<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
    if (!tracer.isTracingEnabled()) return handler(event, context);
    const invocation = tracer.getSegment();
    const subsegment = invocation?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(event, context);
    } catch (err) {
      tracer.addErrorAsMetadata(err as Error);
      throw err;
    } finally {
      // A segment that fails to close or send must not fail the invocation whose work is done.
      try {
        subsegment?.close();
      } catch (err) {
        console.warn('could not close the handler subsegment', err);
      }
      if (invocation) tracer.setSegment(invocation);
    }
  };
}

/** An AWS SDK v3 client whose calls each get a subsegment (service, operation, status, retries). */
export function traceClient<C>(client: C): C {
  return tracer.captureAWSv3Client(client);
}

/**
 * The store with its DynamoDB calls traced. The document client shares the raw client's middleware
 * stack, so instrumenting the raw one (in place) traces both. Done here rather than by an option of
 * createStore, which the HTTP functions share: their bundles stay byte for byte as they were.
 */
export function traceStore(store: Store): Store {
  traceClient(store.raw);
  return store;
}

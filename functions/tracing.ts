/**
 * The Powertools tracer, for every function (the map feed, the flag job, the export worker, the
 * procurement sync, the notification sender, the timed notices, the mail feedback, the upload
 * publisher, the importer, and the API, club, back-office, account, monitoring and Open311
 * functions behind the HTTP API). Lambda's active tracing already records each invocation's
 * segment; this adds a subsegment around the handler, annotated with `ColdStart` and `Service` (filterable in X-Ray), and `Route` for
 * an HTTP request, the handler's error (or the HTTP answer's 4xx, 429 or 5xx), and a subsegment per
 * AWS SDK call of the clients passed through `traceClient`, so a slow batch or request shows which S3,
 * DynamoDB or Lambda call it waited on. Other outgoing HTTPS calls (Cognito) get the tracer's plain
 * HTTP subsegments.
 *
 * The tracer and the X-Ray SDK under it (its bundle alias, infra/aliases/aws-xray-sdk-core.mjs) are
 * ~87 KB of each bundle; the API made room for them under its 800,000 bytes (infra/hub.test.ts) by
 * handing the account and monitoring routes to functions of their own.
 *
 * The service name is POWERTOOLS_SERVICE_NAME, set per function by HubFunction. Outside Lambda
 * (no AWS_EXECUTION_ENV: tests, `npm start`) or with POWERTOOLS_TRACE_ENABLED=false the tracer is
 * off: the wrapper calls the handler directly and `traceClient` hands the client back untouched.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { Store } from './data/client';

export const tracer = new Tracer();

/**
 * Runs the handler in its own subsegment (`## <handler>`) of the invocation's segment. The response
 * is not recorded: import reports and export figures can pass a trace document's 64 KB, and a
 * report may quote the rows it refused.
 */
export function traced<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  opts: TraceOptions<NoInfer<E>, NoInfer<R>> = {},
) {
  return async (event: E, context: Context): Promise<R> => {
    if (!tracer.isTracingEnabled()) return handler(event, context);
    const invocation = tracer.getSegment();
    const subsegment = invocation?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      for (const [key, value] of Object.entries(opts.annotations?.(event) ?? {}))
        tracer.putAnnotation(key, value);
      const result = await handler(event, context);
      if (subsegment) opts.outcome?.(result, subsegment);
      return result;
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

/** What a traced handler adds to its subsegment, from its event and its result. */
export interface TraceOptions<E, R> {
  /** Indexed in X-Ray (filter expressions): keep the values few, e.g. a route template, never an id. */
  annotations?: (event: E) => Record<string, string>;
  /** Flags the subsegment from a result that is not a thrown error (an HTTP answer's status). */
  outcome?: (result: R, subsegment: SubsegmentFlags) => void;
}

/** The subsegment's flags, as the X-Ray console colours them. */
export interface SubsegmentFlags {
  addErrorFlag(): void;
  addFaultFlag(): void;
  addThrottleFlag(): void;
}

/**
 * For the functions behind the HTTP API (`tracedHttp`): the request's route as the HTTP API matched it (the template
 * of its route key, such as `GET /api/sessions/{p1}`: few values, never an id), and the answer's
 * status as X-Ray's flags: a 5xx is a fault, a 4xx an error, a 429 a throttle too. Hono answers an
 * exception with a 500, so without this a failed request would look like a success in the trace.
 */
const httpTraceOptions: TraceOptions<object, unknown> = {
  // Typed loosely: Hono's handler takes any Lambda HTTP event; the HTTP API sends payload 2.0.
  annotations: (event): Record<string, string> => {
    const { routeKey, requestContext } = event as Partial<APIGatewayProxyEventV2>;
    if (!routeKey || !requestContext?.http) return {};
    // `ANY /api/sessions/{p1}` answering a GET is `GET /api/sessions/{p1}`.
    return { Route: `${requestContext.http.method} ${routeKey.slice(routeKey.indexOf(' ') + 1)}` };
  },
  outcome: (result, subsegment) => {
    const answer = result as APIGatewayProxyResultV2 | null;
    const status = typeof answer === 'object' ? (answer?.statusCode ?? 200) : 200;
    if (status >= 500) subsegment.addFaultFlag();
    else if (status >= 400) subsegment.addErrorFlag();
    if (status === 429) subsegment.addThrottleFlag();
  },
};

/** `traced` with `httpTraceOptions`, keeping the handler's own type (Hono's is generic in its event). */
export function tracedHttp<H extends (event: never, context: Context) => Promise<unknown>>(handler: H): H {
  const run = handler as unknown as (event: object, context: Context) => Promise<unknown>;
  return traced(run, httpTraceOptions) as unknown as H;
}

/** An AWS SDK v3 client whose calls each get a subsegment (service, operation, status, retries). */
export function traceClient<C>(client: C): C {
  return tracer.captureAWSv3Client(client);
}

/**
 * The store with its DynamoDB calls traced. The document client shares the raw client's middleware
 * stack, so instrumenting the raw one (in place) traces both. Done here rather than by an option of
 * createStore, so the data layer never imports the tracer (the local server and the tests load none).
 */
export function traceStore(store: Store): Store {
  traceClient(store.raw);
  return store;
}

/** A client made on first use (functions/blobs/s3-sdk.ts, `lazyS3Client`), traced once it is made. */
export function traceLazyClient<C>(client: () => Promise<C>): () => Promise<C> {
  let traced: Promise<C> | undefined;
  return () => {
    traced ??= client().then(traceClient);
    return traced;
  };
}

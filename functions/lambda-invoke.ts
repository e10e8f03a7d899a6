/**
 * Lambda's synchronous Invoke, for the API's hand-offs to functions that ship what the API must not
 * (the importer's parsers, sharp): functions/api/importer.ts, functions/blobs/blur-remote.ts. The
 * client comes from the runtime's SDK (infra/bundling.ts) and loads on the first hand-off, not at
 * cold start.
 */

/** The subset of Invoke the hand-offs need (a fake in tests). */
export type InvokeFunction = (
  functionName: string,
  payload: Uint8Array,
) => Promise<{ payload: Uint8Array | undefined; functionError: string | undefined }>;

type LambdaClient = import('@aws-sdk/client-lambda').LambdaClient;

/** One client for the function's own region, made (and its SDK loaded) on the first hand-off. */
export function lazyLambdaClient(): () => Promise<LambdaClient> {
  let client: Promise<LambdaClient> | undefined;
  return () => {
    client ??= import('@aws-sdk/client-lambda').then(({ LambdaClient }) => new LambdaClient({}));
    return client;
  };
}

/**
 * Invoke through `client`: the cloud entries pass one their tracer wraps (`traceLazyClient`), so a
 * hand-off is a subsegment of the request that made it; this module stays free of the tracer, which
 * the local server and the tests never load.
 */
export function lambdaInvoker(client: () => Promise<LambdaClient> = lazyLambdaClient()): InvokeFunction {
  return async (functionName, payload) => {
    const [lambda, { InvokeCommand }] = await Promise.all([client(), import('@aws-sdk/client-lambda')]);
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: payload }),
    );
    return { payload: out.Payload, functionError: out.FunctionError };
  };
}

let untraced: InvokeFunction | undefined;
/**
 * Invoke with an untraced client of its own, made on the first call: no call at module load, so a
 * bundle that imports this module but never invokes (the importer itself) leaves the SDK out.
 */
export const invokeLambda: InvokeFunction = (functionName, payload) => {
  untraced ??= lambdaInvoker();
  return untraced(functionName, payload);
};

/** Invokes with a JSON event and answers the function's JSON result; a failed invocation throws. */
export async function invokeJson<T>(
  invoke: InvokeFunction,
  functionName: string,
  event: unknown,
): Promise<T> {
  const out = await invoke(functionName, new TextEncoder().encode(JSON.stringify(event)));
  const text = new TextDecoder().decode(out.payload ?? new Uint8Array());
  if (out.functionError)
    throw new Error(`${functionName} failed (${out.functionError}): ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

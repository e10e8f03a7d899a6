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

export const invokeLambda: InvokeFunction = async (functionName, payload) => {
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  const out = await new LambdaClient({}).send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: payload }),
  );
  return { payload: out.Payload, functionError: out.FunctionError };
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

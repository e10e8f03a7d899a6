import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

const MAX_SOCKETS = 256;

export interface ClientOptions {
  endpoint?: string | undefined;
  region?: string;
  timeoutMs?: number;
  maxAttempts?: number;
}

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * A DynamoDB client with bounded retries and timeouts. DynamoDB Local accepts only letters-only
 * access keys, so a loopback endpoint gets `local`/`local`; anything else uses the normal
 * credential chain.
 */
export function createDynamoClient(opts: ClientOptions = {}): DynamoDBClient {
  const endpoint = opts.endpoint ?? config.dynamodbEndpoint;
  const timeoutMs = opts.timeoutMs ?? config.storageTimeoutMs;
  return new DynamoDBClient({
    region: opts.region ?? config.region,
    maxAttempts: opts.maxAttempts ?? config.storageMaxAttempts,
    // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting on a hung store.
    // The SDK's default of 50 sockets queues bursts until they time out as 503s; one process
    // serving a whole hub (npm start) needs more in flight.
    requestHandler: {
      connectionTimeout: Math.min(2000, timeoutMs),
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    },
    ...(endpoint ? { endpoint } : {}),
    ...(endpoint && isLoopback(endpoint)
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** The storage handle every data-access function takes: a document client and its table. */
export interface Store {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  table: string;
}

export function createStore(opts: ClientOptions & { table?: string } = {}): Store {
  const raw = createDynamoClient(opts);
  return { raw, doc: createDocumentClient(raw), table: opts.table ?? config.tableName };
}

export { isLoopback };

import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

const MAX_SOCKETS = 256;
/**
 * DynamoDB Local writes behind one lock: past a couple of dozen requests in flight, the rest only wait
 * inside Java until the client's request timeout fires, so a burst of 200 comments became 187
 * timeouts, 503s and resends (p50 34 s in bench:resilience). Queued in the agent instead, they wait
 * without a timeout running: 0 resends, p99 12 s, the same 200 stored. Real DynamoDB keeps 256.
 */
const MAX_SOCKETS_LOCAL = 24;

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
  const sockets = endpoint && isLoopback(endpoint) ? MAX_SOCKETS_LOCAL : MAX_SOCKETS;
  return new DynamoDBClient({
    region: opts.region ?? config.region,
    maxAttempts: opts.maxAttempts ?? config.storageMaxAttempts,
    // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting on a hung store.
    // Sockets: see MAX_SOCKETS and MAX_SOCKETS_LOCAL (a burst waits in the agent, not in the store).
    requestHandler: {
      connectionTimeout: Math.min(2000, timeoutMs),
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: sockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: sockets }),
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

/**
 * Configuration, read once at module load. The defaults are the local ones (`npm start`); the
 * cloud sets every variable through the CDK stack.
 */
function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export const config = {
  tableName: process.env.TABLE_NAME || 'open-budget-map',
  /** Set to use any DynamoDB (DynamoDB Local, a real region endpoint). Unset in Lambda. */
  dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
  region: process.env.AWS_REGION || 'eu-central-1',
  port: intFrom('PORT', 8787),
  /** Bounded storage calls: a dead store must answer 503 in seconds, not hang. */
  storageTimeoutMs: intFrom('STORAGE_TIMEOUT_MS', 2500),
  storageMaxAttempts: intFrom('STORAGE_MAX_ATTEMPTS', 2),
};

/**
 * Secrets in the cloud, read once per Lambda instance through the AWS Parameters and Secrets
 * Lambda Extension (a layer the stack adds: a local HTTP endpoint that fetches and caches Secrets
 * Manager values with the function's own role). The values never sit in the function's
 * configuration, and no Secrets Manager SDK is bundled.
 *
 *   <NAME>_SECRET_ARN   which secret to read (set by the stack); unset: nothing is read
 */

const DEFAULT_PORT = 2773;

export interface SecretReaderEnv {
  AWS_SESSION_TOKEN?: string | undefined;
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT?: string | undefined;
}

/** The JSON object stored in the secret `secretId`, through the extension. */
export async function readJsonSecret(
  secretId: string,
  env: SecretReaderEnv = process.env,
  doFetch: typeof fetch = fetch,
): Promise<Record<string, string>> {
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT || String(DEFAULT_PORT);
  const res = await doFetch(
    `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`,
    // The extension answers only callers that prove they run in this sandbox.
    { headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' } },
  );
  // The secret's name is in the message, never its value.
  if (!res.ok) throw new Error(`Secret ${secretId}: the extension answered ${res.status}`);
  const { SecretString } = (await res.json()) as { SecretString?: string };
  const value = JSON.parse(SecretString ?? '{}') as unknown;
  if (!value || typeof value !== 'object') throw new Error(`Secret ${secretId} is not a JSON object`);
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
  );
}

/**
 * Reads NOTIFY_SECRET_ARN ({ linkSecret }) and TELEGRAM_SECRET_ARN ({ botToken, webhookSecret })
 * when set, and returns them as environment variables for the notifier's own readers
 * (NOTIFY_LINK_SECRET, telegramDepsFromEnv). An empty botToken leaves Telegram off.
 */
export async function notifySecretsEnv(
  env: Record<string, string | undefined> = process.env,
  doFetch: typeof fetch = fetch,
): Promise<Record<string, string>> {
  const [notify, telegram] = await Promise.all([
    env.NOTIFY_SECRET_ARN ? readJsonSecret(env.NOTIFY_SECRET_ARN, env, doFetch) : undefined,
    env.TELEGRAM_SECRET_ARN ? readJsonSecret(env.TELEGRAM_SECRET_ARN, env, doFetch) : undefined,
  ]);
  return {
    ...(notify?.linkSecret ? { NOTIFY_LINK_SECRET: notify.linkSecret } : {}),
    ...(telegram?.botToken ? { TELEGRAM_BOT_TOKEN: telegram.botToken } : {}),
    ...(telegram?.botToken && telegram.webhookSecret
      ? { TELEGRAM_WEBHOOK_SECRET: telegram.webhookSecret }
      : {}),
  };
}

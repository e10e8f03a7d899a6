import { describe, expect, it } from 'vitest';
import { notifySecretsEnv } from './cloud-secrets';

/** The Parameters and Secrets extension's local endpoint, as documented: SecretString in JSON. */
function extension(secrets: Record<string, object>, seen: Array<{ url: string; token: string | null }>) {
  return (async (url: string, init?: RequestInit) => {
    const token = new Headers(init?.headers).get('X-Aws-Parameters-Secrets-Token');
    seen.push({ url, token });
    const id = new URL(url).searchParams.get('secretId') ?? '';
    const value = secrets[id];
    return value
      ? new Response(JSON.stringify({ SecretString: JSON.stringify(value) }))
      : new Response('not found', { status: 400 });
  }) as typeof fetch;
}

describe('notification secrets from Secrets Manager', () => {
  it('reads both secrets through the extension with the session token, as the notifier’s env names', async () => {
    const seen: Array<{ url: string; token: string | null }> = [];
    const env = await notifySecretsEnv(
      {
        NOTIFY_SECRET_ARN: 'arn:link',
        TELEGRAM_SECRET_ARN: 'arn:bot',
        AWS_SESSION_TOKEN: 'session-token',
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
      },
      extension(
        { 'arn:link': { linkSecret: 'k1' }, 'arn:bot': { botToken: '123:abc', webhookSecret: 'w' } },
        seen,
      ),
    );
    expect(env).toEqual({
      NOTIFY_LINK_SECRET: 'k1',
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: 'w',
    });
    expect(seen.map((s) => s.token)).toEqual(['session-token', 'session-token']);
    expect(seen[0]!.url).toBe('http://localhost:2773/secretsmanager/get?secretId=arn%3Alink');
  });

  it('leaves Telegram off while the operator has not set the bot token', async () => {
    const env = await notifySecretsEnv(
      { TELEGRAM_SECRET_ARN: 'arn:bot' },
      extension({ 'arn:bot': { botToken: '', webhookSecret: 'w' } }, []),
    );
    expect(env).toEqual({});
  });

  it('fails loudly (naming the secret, not its value) when the extension refuses', async () => {
    await expect(notifySecretsEnv({ NOTIFY_SECRET_ARN: 'arn:missing' }, extension({}, []))).rejects.toThrow(
      'Secret arn:missing: the extension answered 400',
    );
  });
});

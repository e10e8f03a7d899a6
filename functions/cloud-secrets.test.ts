import { describe, expect, it } from 'vitest';
import { actorHash, actorSecret, DEV_ACTOR_SECRET } from './audit/chain';
import { loadAuditActorSecret, notifySecretsEnv } from './cloud-secrets';

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

describe('the audit actor secret in Lambda', () => {
  it('is read from the secret the stack names and set where actorSecret looks', async () => {
    const env: Record<string, string | undefined> = {
      AUDIT_ACTOR_SECRET_ARN: 'arn:actor',
      AWS_SESSION_TOKEN: 't',
      AWS_LAMBDA_FUNCTION_NAME: 'hub-api',
    };
    await loadAuditActorSecret(env, extension({ 'arn:actor': { actorSecret: 'k-actor' } }, []));
    expect(actorSecret(env)).toBe('k-actor');
    expect(actorHash('sub-1', actorSecret(env))).not.toBe(actorHash('sub-1', DEV_ACTOR_SECRET));
  });

  it('is required in Lambda: without it nothing is hashed with the development key', () => {
    expect(() => actorSecret({ AWS_LAMBDA_FUNCTION_NAME: 'hub-api' })).toThrow(/AUDIT_ACTOR_SECRET/);
  });

  it('falls back to the development key only outside Lambda (npm start, tests)', () => {
    expect(actorSecret({})).toBe(DEV_ACTOR_SECRET);
  });
});

/**
 * Deployment stages, chosen with `-c stage=dev|prod`. The difference is what survives a mistake:
 * prod keeps data (RETAIN, deletion protection, longer logs); dev tears down to nothing.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageSettings {
  stage: StageName;
  /** Keep the table, user pool and uploads when the stack is deleted. */
  retain: boolean;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** API Gateway stage throttling: steady requests per second and burst. */
  throttle: { rateLimit: number; burstLimit: number };
  /** API Gateway route throttling of each create (functions/api/rate-policy.ts), all callers together. */
  createThrottle: { rateLimit: number; burstLimit: number };
  /** Optional custom domain of the site (with an ACM certificate in us-east-1). */
  domainName?: string | undefined;
  certificateArn?: string | undefined;
  /** Optional Cognito hosted sign-in domain prefix. */
  authDomainPrefix?: string | undefined;
  alarmEmail?: string | undefined;
  /**
   * Amazon SES for notifications and Cognito's mail: the domain identity and the sender address at it
   * (`-c mailDomain=… [-c mailFrom=…]`). Required in prod: Cognito's default sender allows 50 mails a day.
   */
  mail?: { domain: string; from: string } | undefined;
  /** Parallel sends per sender instance (two instances at most): keep 2× this within the SES send rate. */
  notifySendConcurrency: number;
  /** The Telegram bot's username (the deep link's host); the token itself is in Secrets Manager. */
  telegramBotUsername?: string | undefined;
  /** Comma-separated keys Open311 clients use to raise questions (OPEN311_API_KEYS); unset: POST is off. */
  open311ApiKeys?: string | undefined;
}

/** Reads a context value as a non-empty string (CLI `-c key=value` or cdk.json). */
type ContextReader = (key: string) => unknown;

function text(read: ContextReader, key: string): string | undefined {
  const v = read(key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new Error(`Context "${key}" must be a string`);
  return v;
}

export function stageSettings(read: ContextReader): StageSettings {
  const stage = text(read, 'stage') ?? 'dev';
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage "${stage}": use -c stage=${STAGES.join('|')}`);
  }
  const prod = stage === 'prod';
  const domainName = text(read, 'domainName');
  const certificateArn = text(read, 'certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('Set both domainName and certificateArn (an ACM certificate in us-east-1), or neither');
  }
  const mailDomain = text(read, 'mailDomain');
  const mailFrom = text(read, 'mailFrom') ?? (mailDomain ? `notify@${mailDomain}` : undefined);
  if (mailFrom && !mailDomain) throw new Error('mailFrom needs mailDomain (the SES identity it belongs to)');
  if (mailFrom && mailDomain && !mailFrom.toLowerCase().endsWith(`@${mailDomain.toLowerCase()}`))
    throw new Error(`mailFrom (${mailFrom}) must be an address at mailDomain (${mailDomain})`);
  const alarmEmail = text(read, 'alarmEmail');
  // Prod must be able to mail people and on-call: refuse to synthesize a prod that cannot.
  if (prod && !mailDomain)
    throw new Error('prod needs -c mailDomain=… (an SES identity for notifications and Cognito mail)');
  if (prod && !alarmEmail) throw new Error('prod needs -c alarmEmail=… (alarms must reach someone)');
  const concurrency = text(read, 'notifySendConcurrency') ?? '4';
  const notifySendConcurrency = Number(concurrency);
  if (!Number.isInteger(notifySendConcurrency) || notifySendConcurrency < 1)
    throw new Error(`notifySendConcurrency must be a positive integer, got "${concurrency}"`);
  return {
    stage: stage as StageName,
    retain: prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    logRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    throttle: prod ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 20, burstLimit: 40 },
    // A twentieth of the stage: creates are rare next to reads (each user may make a few a minute).
    createThrottle: prod ? { rateLimit: 10, burstLimit: 20 } : { rateLimit: 2, burstLimit: 5 },
    domainName,
    certificateArn,
    authDomainPrefix: text(read, 'authDomainPrefix'),
    alarmEmail,
    mail: mailDomain && mailFrom ? { domain: mailDomain, from: mailFrom } : undefined,
    notifySendConcurrency,
    telegramBotUsername: text(read, 'telegramBotUsername'),
    open311ApiKeys: text(read, 'open311ApiKeys'),
  };
}

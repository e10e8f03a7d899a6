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
  /** Optional custom domain of the site (with an ACM certificate in us-east-1). */
  domainName?: string | undefined;
  certificateArn?: string | undefined;
  /** Optional Cognito hosted sign-in domain prefix. */
  authDomainPrefix?: string | undefined;
  alarmEmail?: string | undefined;
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
  return {
    stage: stage as StageName,
    retain: prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    logRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    throttle: prod ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 20, burstLimit: 40 },
    domainName,
    certificateArn,
    authDomainPrefix: text(read, 'authDomainPrefix'),
    alarmEmail: text(read, 'alarmEmail'),
    open311ApiKeys: text(read, 'open311ApiKeys'),
  };
}

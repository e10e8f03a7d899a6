/**
 * The nightly procurement sync (issue 23): EventBridge Scheduler invokes a function running the same
 * sync as `npm run sync:goszakup` (functions/goszakup/lambda.ts) at 03:00 in Asia/Almaty, after the
 * flag job's 02:00 run (the sync runs the flag job itself when it changed items). The portal's token
 * is in Secrets Manager, set by an operator (infra/README.md), read through the Parameters and
 * Secrets extension; the function keeps each run's report in the table for admins.
 * cdk-nag findings this construct raises are acknowledged here, on the resources they arise from.
 */
import { Duration, type RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HubFunction } from './hub-function';

export interface GoszakupSyncProps {
  table: dynamodb.ITable;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** The portal's endpoint (default: its public OWS v3 GraphQL endpoint). */
  url?: string;
}

/** The sync's limits: a whole region's year of contracts is a few thousand, 15 minutes is ample. */
export const GOSZAKUP_SYNC_LIMITS = { timeout: Duration.minutes(15), memorySize: 1024 } as const;

export class GoszakupSync extends Construct {
  readonly handler: HubFunction;
  /** `{ token }`: an operator stores the portal's token here; empty = every run fails with that line. */
  readonly tokenSecret: secretsmanager.Secret;
  /** The schedule's own role: it may invoke this function (and its versions) and nothing else. */
  readonly scheduleRole: iam.Role;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: GoszakupSyncProps) {
    super(scope, id);
    this.tokenSecret = new secretsmanager.Secret(this, 'Token', {
      description: 'Procurement portal (goszakup OWS v3) API token: { "token": "…" }, set by an operator',
      secretObjectValue: {},
    });
    this.handler = new HubFunction(this, 'Handler', {
      entry: 'functions/goszakup/lambda.ts',
      serviceName: 'goszakup-sync',
      description: 'Pulls the region’s contracts from the procurement portal nightly and imports them',
      ...GOSZAKUP_SYNC_LIMITS,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      readsSecrets: true,
      environment: {
        GOSZAKUP_SECRET_ARN: this.tokenSecret.secretArn,
        ...(props.url ? { GOSZAKUP_URL: props.url } : {}),
      },
    }).bindTable({ table: props.table, access: 'readWrite' });
    this.tokenSecret.grantRead(this.handler);

    this.scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    });
    this.schedule = new scheduler.Schedule(this, 'Nightly', {
      description: 'Runs the procurement sync once a night in Asia/Almaty',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '3', timeZone: TimeZone.ASIA_ALMATY }),
      // A failed run is stored and alarmed on; retrying at once would mostly meet the same cause.
      target: new schedulerTargets.LambdaInvoke(this.handler, { retryAttempts: 0, role: this.scheduleRole }),
    });

    const ack = (on: Construct, rule: string, reason: string) =>
      Validations.of(on).acknowledge({ id: `AwsSolutions-${rule}`, reason });
    ack(
      this.handler,
      'L1',
      'Node.js 22 (active LTS, supported by Lambda into 2027) is the runtime the project targets and tests.',
    );
    ack(
      this.tokenSecret,
      'SMG4',
      'The token is issued by the procurement portal to a registered user, not by AWS: a rotation Lambda ' +
        'cannot obtain a new one. Replacing it is a runbook step (infra/README.md).',
    );
    ack(
      this.scheduleRole,
      `IAM5[Resource::<${Stack.of(this).getLogicalId(this.handler.node.defaultChild as never)}.Arn>:*]`,
      'The nightly schedule may invoke the sync function and its versions (`:*`), nothing else.',
    );
  }
}

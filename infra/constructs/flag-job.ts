/**
 * The nightly flag job (functions/services/flags.ts): a function that reads every item through the
 * byKind index and writes flags, summaries and audit entries, invoked by a schedule at 02:00 in
 * Asia/Almaty (after the new-day marker at 00:01, so calendar flags use the new day).
 */
import { Duration, type RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { HubFunction } from './hub-function';

export interface FlagJobProps {
  table: dynamodb.ITable;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

export class FlagJob extends Construct {
  readonly handler: HubFunction;
  /** The schedule's own role: it may invoke this function (and its versions) and nothing else. */
  readonly scheduleRole: iam.Role;

  constructor(scope: Construct, id: string, props: FlagJobProps) {
    super(scope, id);
    // 100,000 items fit in memory many times over; `npm run bench:flags` prints time and heap.
    this.handler = new HubFunction(this, 'Handler', {
      entry: 'functions/services/flags-lambda.ts',
      readsSecrets: true,
      serviceName: 'flag-job',
      description: 'Computes the risk flags of every item nightly and puts the changes on the audit chain',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
    }).bindTable({ table: props.table, access: 'readWrite' });
    this.scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    });
    new scheduler.Schedule(this, 'Nightly', {
      description: 'Runs the flag job once a night in Asia/Almaty',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '2', timeZone: TimeZone.ASIA_ALMATY }),
      target: new schedulerTargets.LambdaInvoke(this.handler, { retryAttempts: 2, role: this.scheduleRole }),
    });
  }
}

/**
 * Alarms for the things that hurt users: the API answering 5xx, functions failing, the map feed
 * falling behind the table, and DynamoDB throttling. They notify an SNS topic; subscribe an email
 * address with `-c alarmEmail=…`.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Api } from './api';

export interface OperationsProps {
  api: Api;
  functions: Record<string, lambda.IFunction>;
  /** The stream consumer whose lag means a stale map. */
  feedBuilder: lambda.IFunction;
  /** Dead-letter queues: any message in one is work that failed for good and needs on-call. */
  deadLetterQueues?: Record<string, sqs.IQueue>;
  table: dynamodb.ITable;
  alarmEmail?: string | undefined;
  /** Share of API requests answered 5xx, in percent, that raises the alarm. */
  serverErrorPercent: number;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'Open Budget Map alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const requests = props.api.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = props.api.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.add('ApiServerErrorRate', {
      alarmDescription: `More than ${props.serverErrorPercent}% of API requests answered 5xx (storage down, bugs)`,
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { requests, errors: serverErrors },
        label: 'API 5xx %',
        period: FIVE_MINUTES,
      }),
      threshold: props.serverErrorPercent,
      evaluationPeriods: 2,
    });

    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, {
        alarmDescription: `The ${name} function failed (an uncaught error or a timeout)`,
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
      });
    }

    this.add('MapFeedLag', {
      alarmDescription: 'The map feed is more than 10 minutes behind the table',
      metric: props.feedBuilder.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: Duration.minutes(10).toMilliseconds(),
      evaluationPeriods: 2,
    });

    for (const [name, queue] of Object.entries(props.deadLetterQueues ?? {})) {
      this.add(`${name}DeadLetters`, {
        alarmDescription: `${name}: a message reached the dead-letter queue (work failed after every retry)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: FIVE_MINUTES,
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
      });
    }

    // On-demand tables still throttle (sudden spikes past twice the previous peak, hot keys).
    this.add('TableThrottles', {
      alarmDescription: 'DynamoDB throttled reads or writes on the hub table',
      metric: new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: props.table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
          writes: props.table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        label: 'Throttle events',
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      evaluationPeriods: 1,
    });
  }

  private add(
    id: string,
    props: Pick<cloudwatch.AlarmProps, 'alarmDescription' | 'metric' | 'threshold' | 'evaluationPeriods'>,
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...props,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

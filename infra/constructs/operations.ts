/**
 * Alarms for the things that hurt users: the API answering 5xx or slowly, functions failing or
 * throttled, clients refused with 429, cold starts piling up, the map feed falling behind the table,
 * queues backing up, and DynamoDB throttling. They notify an SNS topic; subscribe an email address
 * with `-c alarmEmail=…` (prod refuses to synthesize without one, infra/stage.ts). One dashboard
 * shows the same metrics side by side (how to read it: infra/README.md).
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RATE_LIMITED_METRIC } from '../../functions/observability';
import type { Api } from './api';
import { METRICS_NAMESPACE } from './hub-function';

export interface OperationsProps {
  api: Api;
  functions: Record<string, lambda.IFunction>;
  /** The stream consumer whose lag means a stale map. */
  feedBuilder: lambda.IFunction;
  /** Dead-letter queues: any message in one is work that failed for good and needs on-call. */
  deadLetterQueues?: Record<string, sqs.IQueue>;
  /** Work queues: a message waiting this long means the consumer is stuck or far behind. */
  workQueues?: Record<string, sqs.IQueue>;
  table: dynamodb.ITable;
  alarmEmail?: string | undefined;
  /** Share of API requests answered 5xx, in percent, that raises the alarm. */
  serverErrorPercent: number;
}

/** The service names (POWERTOOLS_SERVICE_NAME) of the functions behind the HTTP API (constructs/api.ts). */
export const HTTP_API_SERVICES = ['api', 'open311', 'club', 'back-office', 'account', 'monitoring'] as const;

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Thresholds, in one place so the README and the tests read the same numbers. Chosen for a region's
 * first months (hundreds of users at once at most); raise them with the traffic, not to quiet a page.
 */
export const ALARM_THRESHOLDS = {
  /** p99 of the API's answer time over 5 minutes, three periods running. */
  latencyP99Ms: 3000,
  /** 429 answers (rate-policy.ts refusals) in 5 minutes: a scraper or a client in a retry loop. */
  rateLimitedPer5Min: 100,
  /** API cold starts in 5 minutes: a crash loop or a flood of new instances. */
  coldStartsPer5Min: 100,
  /** Oldest message waiting in a work queue. */
  queueAgeSeconds: 15 * 60,
} as const;

export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'Open Budget Map alarms', enforceSSL: true });
    if (props.alarmEmail) {
      const mail = this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
      Validations.of(mail).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An e-mail subscription: a redrive queue would keep alarm mails nobody reads. An undelivered mail ' +
          'loses no state: the alarm stays in ALARM in CloudWatch and on the dashboard until it clears.',
      });
    }

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
    const tableThrottles = this.alarms.at(-1)!.metric;

    const api = props.api.handler;
    // No labels on alarm metrics: a label turns the alarm into a metric-math one. The dashboard adds them.
    const latency = (statistic: string) =>
      props.api.httpApi.metricLatency({ period: FIVE_MINUTES, statistic });
    this.add('ApiLatencyP99', {
      alarmDescription: `The API's p99 answer time is over ${ALARM_THRESHOLDS.latencyP99Ms} ms for 15 minutes`,
      metric: latency('p99'),
      threshold: ALARM_THRESHOLDS.latencyP99Ms,
      evaluationPeriods: 3,
    });
    // Lambda refuses invocations past the account's (or a reserved) concurrency: users get 5xx/429.
    const lambdaThrottles = api.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.add('ApiThrottles', {
      alarmDescription: 'Lambda throttled the API function (concurrency limit reached)',
      metric: lambdaThrottles,
      threshold: 1,
      evaluationPeriods: 1,
    });
    // Powertools metrics (functions/observability.ts): the `service` dimension is the function's
    // POWERTOOLS_SERVICE_NAME; cold starts also carry the function's name.
    // Creates are answered by six functions behind the HTTP API, each with its own service name,
    // so the alarm sums the 429s of all six (FILL: a function with no 429s sends no data point).
    const rateLimitedOf = (service: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: RATE_LIMITED_METRIC,
        dimensionsMap: { service },
        period: FIVE_MINUTES,
        statistic: 'Sum',
      });
    const rateLimited = new cloudwatch.MathExpression({
      expression: HTTP_API_SERVICES.map((_, i) => `FILL(m${i}, 0)`).join(' + '),
      usingMetrics: Object.fromEntries(
        HTTP_API_SERVICES.map((service, i) => [`m${i}`, rateLimitedOf(service)]),
      ),
      period: FIVE_MINUTES,
    });
    this.add('ApiRateLimited', {
      alarmDescription: `More than ${ALARM_THRESHOLDS.rateLimitedPer5Min} requests refused with 429 in 5 minutes`,
      metric: rateLimited,
      threshold: ALARM_THRESHOLDS.rateLimitedPer5Min,
      evaluationPeriods: 1,
    });
    const coldStarts = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: 'ColdStart',
      dimensionsMap: { service: 'api', function_name: api.functionName },
      period: FIVE_MINUTES,
      statistic: 'Sum',
    });
    this.add('ApiColdStarts', {
      alarmDescription: `More than ${ALARM_THRESHOLDS.coldStartsPer5Min} API cold starts in 5 minutes (crash loop or a flood)`,
      metric: coldStarts,
      threshold: ALARM_THRESHOLDS.coldStartsPer5Min,
      evaluationPeriods: 1,
    });
    for (const [name, queue] of Object.entries(props.workQueues ?? {})) {
      this.add(`${name}QueueAge`, {
        alarmDescription: `${name}: a message has waited over ${ALARM_THRESHOLDS.queueAgeSeconds / 60} minutes`,
        metric: queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: ALARM_THRESHOLDS.queueAgeSeconds,
        evaluationPeriods: 1,
      });
    }

    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    const queues = { ...(props.workQueues ?? {}), ...(props.deadLetterQueues ?? {}) };
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('Requests', [
            props.api.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum', label: 'requests' }),
            props.api.httpApi.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum', label: '4xx' }),
            serverErrors,
          ]),
          graph('Latency', [latency('p50').with({ label: 'p50' }), latency('p99').with({ label: 'p99' })]),
          graph(
            'Errors',
            Object.entries(props.functions).map(([name, fn]) =>
              fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum', label: name }),
            ),
          ),
        ],
        [
          graph('Throttles', [lambdaThrottles, tableThrottles]),
          graph('429 answers', [rateLimited.with({ label: '429 answers' })]),
          graph('Cold starts', [coldStarts.with({ label: 'API cold starts' })]),
        ],
        [
          graph('Map feed lag (ms)', [
            props.feedBuilder.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
          ]),
          graph(
            'Queue depths',
            Object.entries(queues).map(([name, q]) =>
              q.metricApproximateNumberOfMessagesVisible({
                period: FIVE_MINUTES,
                statistic: 'Maximum',
                label: name,
              }),
            ),
          ),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 8, height: 6 }),
        ],
      ],
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

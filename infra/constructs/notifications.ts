/**
 * Notifications in the cloud (functions/services/notifications.ts): the same outbox and the same
 * `drainOutbox` as `npm start`, run by a sender function.
 *
 *   table stream --(pipe: outbox events only)--> work queue --> sender (drainOutbox) --> SES, Telegram
 *   schedule, every minute ---------------------> work queue      (retries, quiet hours ending)
 *   work queue --(after 3 failed passes)--> dead-letter queue (alarm)
 *   SES configuration set --(bounces, complaints)--> SNS --> feedback function (suppresses the contact)
 *   schedule --> timed-notification job (due soon, overdue, digests), when its entry exists
 *
 * Secrets (Secrets Manager, read at cold start through the Parameters and Secrets extension): the
 * key that signs unsubscribe links, shared by the sender (signs) and the API (checks), and the
 * Telegram bot's token and webhook secret.
 */
import { CfnOutput, Duration, type RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { outboxKeys } from '../../functions/data/notifications';
import { HubFunction } from './hub-function';

/** The handler of the timed-notification job (due in 3 working days, overdue, digests). */
export const TIMED_NOTIFY_ENTRY = 'functions/notify/timed-handler.ts';

export interface NotificationMail {
  /** The domain SES sends from (an SES domain identity with Easy DKIM). */
  domain: string;
  /** The From of every message, an address at `domain` (may carry a display name). */
  from: string;
}

export interface NotificationsProps {
  table: dynamodb.ITable;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** SES sending; unset (dev without a domain): no e-mail channel, Telegram only. */
  mail?: NotificationMail | undefined;
  /** Parallel sends per sender instance; with two instances at most, twice this is the send rate. */
  sendConcurrency: number;
  /** The bot's username (the deep link's host); unset, the functions ask Telegram (getMe). */
  telegramBotUsername?: string | undefined;
  /** Repository path of the timed-notification handler; unset: no timed job yet. */
  timedJobEntry?: string | undefined;
}

export class Notifications extends Construct {
  readonly sender: HubFunction;
  readonly work: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  /** Signs unsubscribe links: `{ linkSecret }`, generated. */
  readonly linkSecret: secretsmanager.Secret;
  /** `{ botToken, webhookSecret }`: the operator sets botToken (infra/README.md); empty = Telegram off. */
  readonly telegramSecret: secretsmanager.Secret;
  readonly pipeRole: iam.Role;
  readonly scheduleRoles: iam.Role[] = [];
  readonly mail?: {
    identity: ses.EmailIdentity;
    configurationSet: ses.ConfigurationSet;
    feedbackTopic: sns.Topic;
    feedback: HubFunction;
    failedFeedback: sqs.Queue;
  };
  readonly timedJob?: HubFunction;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const logs = { logRetention: props.logRetention, logRemovalPolicy: props.logRemovalPolicy };

    this.linkSecret = new secretsmanager.Secret(this, 'LinkSecret', {
      description: 'Signs one-click unsubscribe links (NOTIFY_LINK_SECRET): the sender signs, the API checks',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'linkSecret',
        excludePunctuation: true,
        passwordLength: 48,
      },
    });
    this.telegramSecret = new secretsmanager.Secret(this, 'TelegramBot', {
      description:
        'Telegram bot: botToken from @BotFather (set by the operator) and the webhook secret_token',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ botToken: '' }),
        generateStringKey: 'webhookSecret',
        excludePunctuation: true,
        passwordLength: 48,
      },
    });

    // What failed three passes in a row is kept two weeks for on-call; the alarm fires on the first.
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    const senderTimeout = Duration.minutes(5);
    this.work = new sqs.Queue(this, 'Work', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      // Lambda's advice for queue sources: six times the function's timeout, so a message is not
      // handed to a second instance while the first still works on it.
      visibilityTimeout: Duration.minutes(30),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 3 },
    });

    this.sender = new HubFunction(this, 'Sender', {
      entry: 'functions/notify/sender-lambda.ts',
      serviceName: 'notify-sender',
      description: 'Fans out outbox events and sends due notifications (SES, Telegram)',
      timeout: senderTimeout,
      memorySize: 512,
      readsSecrets: true,
      ...logs,
      environment: {
        NOTIFY_CONCURRENCY: String(props.sendConcurrency),
        NOTIFY_SECRET_ARN: this.linkSecret.secretArn,
        TELEGRAM_SECRET_ARN: this.telegramSecret.secretArn,
        ...(props.telegramBotUsername ? { TELEGRAM_BOT_USERNAME: props.telegramBotUsername } : {}),
        ...(props.mail
          ? { MAIL_FROM: `Open Budget Map <${props.mail.from}>`, MAIL_DOMAIN: props.mail.domain }
          : {}),
      },
    }).bindTable({ table: props.table, access: 'readWrite' });
    this.grantSecrets(this.sender);
    // Batches of wake-ups become one pass; two instances at most keep the SES send rate predictable.
    this.sender.addEventSource(
      new SqsEventSource(this.work, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        maxConcurrency: 2,
      }),
    );

    this.pipeRole = this.outboxPipe(props.table);
    this.everyMinute();

    if (props.mail) this.mail = this.sesMail(props.mail, props.table, logs);

    if (props.timedJobEntry) {
      this.timedJob = new HubFunction(this, 'TimedJob', {
        entry: props.timedJobEntry,
        readsSecrets: true,
        serviceName: 'notify-timed',
        description: 'Writes timed notification events (due soon, overdue, digests) into the outbox',
        timeout: Duration.minutes(5),
        memorySize: 512,
        ...logs,
      }).bindTable({ table: props.table, access: 'readWrite' });
      const role = new iam.Role(this, 'TimedScheduleRole', {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      });
      this.scheduleRoles.push(role);
      // Hourly in Almaty: digests and quiet hours are per hour; due dates change at midnight.
      new scheduler.Schedule(this, 'Timed', {
        description: 'Runs the timed-notification job every hour in Asia/Almaty',
        schedule: scheduler.ScheduleExpression.cron({ minute: '5', timeZone: TimeZone.ASIA_ALMATY }),
        target: new schedulerTargets.LambdaInvoke(this.timedJob, { retryAttempts: 2, role }),
      });
    }
  }

  /**
   * The hub's public origin, which every message links back to. Set once the front door exists
   * (the notifier is built before it, because Cognito's mail needs the SES identity first).
   */
  linkTo(siteUrl: string): void {
    this.sender.addEnvironment('SITE_URL', siteUrl);
  }

  /** Lets a function read the notification secrets (through the extension) and names them for it. */
  grantSecrets(fn: HubFunction): void {
    this.linkSecret.grantRead(fn);
    this.telegramSecret.grantRead(fn);
    fn.addEnvironment('NOTIFY_SECRET_ARN', this.linkSecret.secretArn);
    fn.addEnvironment('TELEGRAM_SECRET_ARN', this.telegramSecret.secretArn);
  }

  /**
   * Every new outbox event wakes the sender: an EventBridge pipe reads the table's stream, keeps
   * only inserted outbox events and puts a small message on the work queue. Pipes need no code and
   * are the stream's second reader (DynamoDB allows two per shard; the map feed is the first).
   */
  private outboxPipe(table: dynamodb.ITable): iam.Role {
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('The table must have a stream for notifications');
    const role = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      description: 'Reads the table stream and wakes the notification sender',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: [table.tableArn] }),
    );
    this.work.grantSendMessages(role);
    const pipe = new pipes.CfnPipe(this, 'OutboxPipe', {
      description: 'New outbox events (table stream) -> notification work queue',
      roleArn: role.roleArn,
      source: streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'LATEST',
          batchSize: 100,
          maximumBatchingWindowInSeconds: 1,
          maximumRetryAttempts: 10,
        },
        // Mirrors the outbox's keys (functions/data/notifications.ts): `OUTBOX#<id>` / `EVENT`.
        filterCriteria: {
          filters: [
            {
              pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: {
                  Keys: {
                    pk: { S: [{ prefix: outboxKeys.pk('') }] },
                    sk: { S: [outboxKeys.eventSk] },
                  },
                },
              }),
            },
          ],
        },
      },
      target: this.work.queueArn,
      // The message only wakes the sender; it carries the event's key, no personal data.
      targetParameters: { inputTemplate: '{"outboxEvent": "<$.dynamodb.Keys.pk.S>"}' },
    });
    pipe.node.addDependency(role);
    return role;
  }

  /** Deliveries waiting for a retry or the end of quiet hours are sent by the next minute's pass. */
  private everyMinute(): void {
    const role = new iam.Role(this, 'TickScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    });
    this.scheduleRoles.push(role);
    new scheduler.Schedule(this, 'Tick', {
      description: 'Wakes the notification sender every minute for deliveries that became due',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)),
      target: new schedulerTargets.SqsSendMessage(this.work, {
        input: scheduler.ScheduleTargetInput.fromObject({ tick: scheduler.ContextAttribute.scheduledTime }),
        role,
        retryAttempts: 0,
      }),
    });
  }

  private sesMail(
    mail: NotificationMail,
    table: dynamodb.ITable,
    logs: Pick<NotificationsProps, 'logRetention' | 'logRemovalPolicy'>,
  ) {
    const configurationSet = new ses.ConfigurationSet(this, 'MailConfiguration', {
      reputationMetrics: true,
      // The account-level list too: a hard bounce is never retried by SES either.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const identity = new ses.EmailIdentity(this, 'MailDomain', {
      identity: ses.Identity.domain(mail.domain),
      configurationSet,
    });
    // Easy DKIM: three CNAME records to publish in the domain's DNS (README, deploy runbook).
    for (const n of [1, 2, 3] as const) {
      new CfnOutput(this, `DkimRecord${n}`, {
        value: `${identity[`dkimDnsTokenName${n}`]} CNAME ${identity[`dkimDnsTokenValue${n}`]}`,
        description: `DKIM record ${n} of ${mail.domain}: publish it in the domain's DNS`,
      });
    }

    const feedbackTopic = new sns.Topic(this, 'MailFeedback', {
      displayName: 'SES bounces and complaints',
      enforceSSL: true,
    });
    configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.snsTopic(feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    const feedback = new HubFunction(this, 'Feedback', {
      entry: 'functions/notify/feedback-lambda.ts',
      readsSecrets: true,
      serviceName: 'notify-feedback',
      description: 'Suppresses e-mail contacts after SES bounces and complaints',
      memorySize: 256,
      ...logs,
    }).bindTable({ table: table, access: 'readWrite' });
    // SNS invokes asynchronously: what still fails after Lambda's retries is kept, with an alarm.
    const failedFeedback = new sqs.Queue(this, 'FailedFeedback', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    feedback.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new lambdaDestinations.SqsDestination(failedFeedback),
    });
    // What SNS itself cannot hand to the function (throttled past its retries) lands in the same queue.
    feedbackTopic.addSubscription(
      new subscriptions.LambdaSubscription(feedback, { deadLetterQueue: failedFeedback }),
    );

    identity.grantSendEmail(this.sender);
    this.sender.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'SendThroughConfigurationSet',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    this.sender.addEnvironment('SES_CONFIGURATION_SET', configurationSet.configurationSetName);
    return { identity, configurationSet, feedbackTopic, feedback, failedFeedback };
  }
}

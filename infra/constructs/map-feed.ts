/**
 * The map feed at scale: a function on the table's stream rebuilds the snapshot (points, shapes,
 * search index) into FEED_BUCKET under `map/`, and CloudFront serves it (see web.ts). However many
 * people open the map, the table sees only the rebuilds, and every API instance reads the same version.
 */
import { Duration, type RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DAY_MARKER_KEY } from '../../functions/feed/snapshot';
import { privateBucket } from './buckets';
import { HubFunction } from './hub-function';

/** Key prefix of the snapshot objects (`map/items.json`, `map/shapes.json`, `map/index.json`). */
export const FEED_PREFIX = 'map/';

export interface MapFeedProps {
  table: dynamodb.ITable;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

export class MapFeed extends Construct {
  readonly bucket: s3.Bucket;
  readonly builder: HubFunction;
  /** Where the stream's batches go after every retry and bisection failed (an alarm watches it). */
  readonly failedBatches: sqs.Queue;

  constructor(scope: Construct, id: string, props: MapFeedProps) {
    super(scope, id);
    // Derived data: it is rebuilt from the table, so it never needs to outlive the stack.
    this.bucket = privateBucket(this, 'Bucket', { retain: false });

    this.builder = new HubFunction(this, 'Builder', {
      entry: 'functions/feed/lambda.ts',
      serviceName: 'map-feed',
      description: 'Rebuilds the map-feed snapshot in S3 from the table stream',
      timeout: Duration.minutes(2),
      memorySize: 1536,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { FEED_BUCKET: this.bucket.bucketName },
    }).bindTable({ table: props.table, access: 'read' });
    // It reads the previous snapshot (to update it) and writes the new one; nothing outside `map/`.
    this.grantRead(this.builder);
    iam.Grant.addToPrincipal({
      grantee: this.builder,
      actions: ['s3:PutObject'],
      resourceArns: [this.bucket.arnForObjects(`${FEED_PREFIX}*`)],
    });

    // The event source is wired by hand: DynamoEventSource would also grant dynamodb:ListStreams on
    // `*`, which reading one known stream does not need.
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The table must have a stream for the map feed');
    this.builder.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadTableStream',
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    // Lambda records here which shard range failed (not the records): on-call replays it or, since
    // the snapshot is derived, rebuilds it (infra/README.md). Kept the stream's 24 hours and more.
    this.failedBatches = new sqs.Queue(this, 'FailedBatches', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    this.builder.addEventSourceMapping('TableStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      // A short window lets a burst of writes (an import) become one rebuild instead of hundreds.
      batchSize: 500,
      maxBatchingWindow: Duration.seconds(5),
      // Only item records and the day marker change the map: comments, counters and sessions no
      // longer re-render the snapshot. Mirrors isItemRecord (functions/feed/records.ts) and isDayMarker.
      filters: [
        FilterCriteria.filter({
          dynamodb: {
            Keys: { pk: { S: FilterRule.beginsWith('ITEM#') }, sk: { S: FilterRule.isEqual('ITEM') } },
          },
        }),
        FilterCriteria.filter({
          dynamodb: {
            Keys: {
              pk: { S: FilterRule.isEqual(DAY_MARKER_KEY.pk) },
              sk: { S: FilterRule.isEqual(DAY_MARKER_KEY.sk) },
            },
          },
        }),
      ],
      // A failing batch is split until the record that fails is alone, so one bad record does not
      // hold back the others; what still fails goes to the queue instead of vanishing.
      retryAttempts: 6,
      bisectBatchOnError: true,
      onFailure: new SqsDlq(this.failedBatches),
    });

    // Execution states (on track, lagging…) move with the calendar, not only with writes. Just after
    // midnight in Almaty a schedule rewrites the day marker record; its stream record makes the
    // builder re-render for the new day, in order with item changes (a direct invocation could race
    // a stream batch for the snapshot). The schedule may write that one record and nothing else.
    const markDay = new schedulerTargets.Universal({
      service: 'dynamodb',
      action: 'putItem',
      input: scheduler.ScheduleTargetInput.fromObject({
        TableName: props.table.tableName,
        Item: {
          pk: { S: DAY_MARKER_KEY.pk },
          sk: { S: DAY_MARKER_KEY.sk },
          entity: { S: 'feed-day' },
          at: { S: scheduler.ContextAttribute.scheduledTime },
        },
      }),
      policyStatements: [
        new iam.PolicyStatement({
          actions: ['dynamodb:PutItem'],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [DAY_MARKER_KEY.pk] } },
        }),
      ],
      retryAttempts: 3,
    });
    new scheduler.Schedule(this, 'NewDay', {
      description: 'Marks a new day in Asia/Almaty so the map feed re-renders execution states',
      schedule: scheduler.ScheduleExpression.cron({ minute: '1', hour: '0', timeZone: TimeZone.ASIA_ALMATY }),
      target: markDay,
    });
  }

  /**
   * Read access to the snapshot objects (the API's search reads the index). ListBucket makes S3
   * answer 404 rather than 403 for a snapshot not yet published, which readers treat as "none yet".
   */
  grantRead(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject'],
      resourceArns: [this.bucket.arnForObjects(`${FEED_PREFIX}*`)],
    });
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
  }
}

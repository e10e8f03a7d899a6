/**
 * Exports of any size (issue 22; functions/services/exports.ts). Up to 5,000 items the API answers
 * at once (gzip: API Gateway's HTTP API buffers a Lambda's answer and refuses more than 6 MB).
 * Larger exports are jobs: the API writes a job record, the table stream brings it to the export
 * worker — no queue of our own, and the worker has 15 minutes where the API has 28 seconds — which
 * writes the gzip file into this bucket by multipart upload; the API answers 303 to a pre-signed GET.
 * Files and job records expire after a day (bucket rule, table TTL): they are caches.
 */
import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EXPORT_JOB_PK_PREFIX, EXPORT_JOB_SK } from '../../functions/data/export-jobs';
import { privateBucket } from './buckets';
import { HubFunction } from './hub-function';
import type { MapFeed } from './map-feed';

export interface ExportsProps {
  table: dynamodb.ITable;
  feed: MapFeed;
  /** The API: it creates jobs and pre-signs downloads. */
  api: HubFunction;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

export class Exports extends Construct {
  readonly bucket: s3.Bucket;
  readonly worker: HubFunction;
  /** Stream batches the worker failed on after its retries (an alarm watches queues like it). */
  readonly failedJobs: sqs.Queue;

  constructor(scope: Construct, id: string, props: ExportsProps) {
    super(scope, id);
    // A cache, rebuilt on demand: never retained, objects gone after a day.
    this.bucket = privateBucket(this, 'Files', {
      retain: false,
      lifecycleRules: [
        { id: 'expire-exports', expiration: Duration.days(1) },
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs are not kept: the objects are day-long copies of public open data, and request ' +
        'logs would store citizens’ IP addresses we have no need to keep.',
    });

    // 100,000 items stream through a page of items and one 5 MB part: 1 GB leaves a wide margin
    // (`npm run bench:export` prints the memory); 15 minutes is Lambda's most, the job needs about one.
    this.worker = new HubFunction(this, 'Worker', {
      entry: 'functions/services/exports-lambda.ts',
      readsSecrets: true,
      serviceName: 'export-worker',
      description: 'Writes large exports (CSV, GeoJSON, OC4IDS) as gzip files for the API to redirect to',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { EXPORTS_BUCKET: this.bucket.bucketName, FEED_BUCKET: props.feed.bucket.bucketName },
    }).bindTable({ table: props.table, access: 'readWrite' });
    props.feed.grantRead(this.worker);
    iam.Grant.addToPrincipal({
      grantee: this.worker,
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      resourceArns: [this.bucket.arnForObjects('exports/*')],
    });
    // The API checks a file exists and pre-signs its GET (a pre-signed URL carries the signer's rights).
    iam.Grant.addToPrincipal({
      grantee: props.api,
      actions: ['s3:GetObject'],
      resourceArns: [this.bucket.arnForObjects('exports/*')],
    });
    iam.Grant.addToPrincipal({
      grantee: props.api,
      actions: ['s3:ListBucket'],
      resourceArns: [this.bucket.bucketArn],
    });
    props.api.addEnvironment('EXPORTS_BUCKET', this.bucket.bucketName);

    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The table must have a stream for export jobs');
    this.worker.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadTableStream',
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    this.failedJobs = new sqs.Queue(this, 'FailedJobs', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    this.worker.addEventSourceMapping('JobRecords', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.LATEST,
      // One job per invocation: each may take minutes.
      batchSize: 1,
      // A job record that is new or restarted: running with nothing written yet. Progress updates
      // (itemsWritten > 0) and the end of a job (done, failed) do not start it again.
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.or('INSERT', 'MODIFY'),
          dynamodb: {
            Keys: {
              pk: { S: FilterRule.beginsWith(EXPORT_JOB_PK_PREFIX) },
              sk: { S: FilterRule.isEqual(EXPORT_JOB_SK) },
            },
            NewImage: {
              status: { S: FilterRule.isEqual('running') },
              itemsWritten: { N: FilterRule.isEqual('0') },
            },
          },
        }),
      ],
      // The job marks itself failed; a retry is for a worker that died (timeout, out of memory).
      retryAttempts: 1,
      onFailure: new SqsDlq(this.failedJobs),
    });
    this.acknowledgeFindings(props);
  }

  /** cdk-nag findings accepted here, each with its reason (as infra/nag.ts does for the rest). */
  private acknowledgeFindings(props: ExportsProps): void {
    const ack = (scope: Construct, id: string, reason: string) =>
      Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
    const stack = Stack.of(this);
    const logicalId = (c: Construct) => stack.getLogicalId(c.node.defaultChild as never);
    ack(
      this.worker,
      'L1',
      'Node.js 22 (active LTS, supported by Lambda into 2027) is the runtime the project targets and tests.',
    );
    const files = `Resource::<${logicalId(this.bucket)}.Arn>/exports/*`;
    for (const fn of [this.worker, props.api])
      ack(
        fn.role!,
        `IAM5[${files}]`,
        'Objects under exports/ of the exports bucket only: their names are hashes of each request, not known in advance.',
      );
    ack(
      this.worker.role!,
      `IAM5[Resource::<${logicalId(props.feed.bucket)}.Arn>/map/*]`,
      'Objects under the map/ prefix of the feed bucket only: the search index text filters read.',
    );
    ack(
      this.failedJobs,
      'SQS3',
      'This queue is itself the dead-letter destination of the export worker’s stream mapping; an alarm fires ' +
        'on its first message.',
    );
  }
}

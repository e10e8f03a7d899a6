/**
 * The upload publisher (functions/blobs/publish-lambda.ts): the attachments bucket notifies it of
 * every object created under `incoming/`, and it checks the file, reads a photo's private position,
 * re-encodes images with sharp and writes the public copy and thumbnail. Its own function so the
 * API's bundle carries neither sharp nor exifr, and an image's decoding never holds an API request.
 */
import { Annotations, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NATIVE_MODULES } from '../native';
import { type Attachments, INCOMING_PREFIX } from './attachments';
import { HubFunction } from './hub-function';

/** libvips decodes up to 40 megapixels (functions/blobs/publish.ts): memory is also CPU in Lambda. */
export const UPLOAD_PUBLISHER_MEMORY_MB = 1536;
export const UPLOAD_PUBLISHER_TIMEOUT = Duration.seconds(60);
/**
 * How long an S3 notification may wait for the publisher (throttled, retried) before Lambda gives it up
 * to the failure queue: well inside the day the `incoming/` lifecycle rule keeps the original, so a
 * replay from the queue still finds the file.
 */
export const UPLOAD_EVENT_MAX_AGE = Duration.hours(6);

export interface UploadPublisherProps {
  table: dynamodb.ITable;
  attachments: Attachments;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** Where sharp for linux-arm64 is installed (infra/native.ts); unset when it is not. */
  nativeModulesDir?: string | undefined;
}

export class UploadPublisher extends Construct {
  readonly handler: HubFunction;
  /**
   * S3 notifications the publisher still failed on after Lambda's two retries (or that waited past
   * UPLOAD_EVENT_MAX_AGE), each with its error: the stack alarms on the first one, and on-call replays
   * the `requestPayload` to the function while the original is still under `incoming/` (a day).
   */
  readonly failedUploads: sqs.Queue;

  constructor(scope: Construct, id: string, props: UploadPublisherProps) {
    super(scope, id);
    this.handler = new HubFunction(this, 'Handler', {
      entry: 'functions/blobs/publish-lambda.ts',
      readsSecrets: true,
      serviceName: 'upload-publisher',
      description: 'Checks each upload that lands in incoming/, re-encodes images and publishes safe copies',
      memorySize: UPLOAD_PUBLISHER_MEMORY_MB,
      timeout: UPLOAD_PUBLISHER_TIMEOUT,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { ATTACHMENTS_BUCKET: props.attachments.bucket.bucketName },
      ...(props.nativeModulesDir
        ? { installedModules: { names: NATIVE_MODULES, dir: props.nativeModulesDir } }
        : {}),
    }).bindTable({ table: props.table, access: 'readWrite' });
    if (!props.nativeModulesDir) {
      Annotations.of(this).addWarningV2(
        'hub:native-modules-missing',
        'sharp for linux-arm64 is not installed: the upload publisher would fail to load in Lambda. Run `npx tsx infra/native.ts` (npm run deploy does).',
      );
    }
    // S3 invokes asynchronously: the failure destination keeps each event with its error and an alarm,
    // where before only the function's error alarm said that some upload, unnamed, stayed `pending`.
    this.failedUploads = new sqs.Queue(this, 'FailedUploads', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    this.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: UPLOAD_EVENT_MAX_AGE,
      onFailure: new lambdaDestinations.SqsDestination(this.failedUploads),
    });
    props.attachments.grantUploads(this.handler);
    props.attachments.bucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.LambdaDestination(this.handler),
      { prefix: INCOMING_PREFIX },
    );
  }
}

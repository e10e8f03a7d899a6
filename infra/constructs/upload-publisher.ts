/**
 * The upload publisher (functions/blobs/publish-lambda.ts): the attachments bucket notifies it of
 * every object created under `incoming/`, and it checks the file, reads a photo's private position,
 * re-encodes images with sharp and writes the public copy and thumbnail. Its own function so the
 * API's bundle carries neither sharp nor exifr, and an image's decoding never holds an API request.
 */
import { Annotations, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { NATIVE_MODULES } from '../native';
import { type Attachments, INCOMING_PREFIX } from './attachments';
import { HubFunction } from './hub-function';

/** libvips decodes up to 40 megapixels (functions/blobs/publish.ts): memory is also CPU in Lambda. */
export const UPLOAD_PUBLISHER_MEMORY_MB = 1536;
export const UPLOAD_PUBLISHER_TIMEOUT = Duration.seconds(60);

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
    props.attachments.grantUploads(this.handler);
    props.attachments.bucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.LambdaDestination(this.handler),
      { prefix: INCOMING_PREFIX },
    );
  }
}

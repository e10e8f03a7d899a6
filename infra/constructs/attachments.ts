/**
 * Uploads (site-visit photos, PDFs). The browser PUTs straight to S3 with a URL the API pre-signed,
 * under `incoming/`; the API checks the object and keeps it under its final key. What is never
 * claimed expires after a day, and half-finished multipart uploads are cleaned up.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { privateBucket } from './buckets';

export const INCOMING_PREFIX = 'incoming/';

export interface AttachmentsProps {
  retain: boolean;
  /**
   * Origin allowed to PUT from the browser. Without a known site origin, any CloudFront site
   * (`https://*.cloudfront.net`): naming our own distribution here would be a dependency cycle, and
   * the pre-signed signature, not CORS, is what authorizes an upload.
   */
  siteOrigin?: string | undefined;
}

export class Attachments extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AttachmentsProps) {
    super(scope, id);
    this.bucket = privateBucket(this, 'Bucket', {
      retain: props.retain,
      lifecycleRules: [
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-unclaimed-uploads', prefix: INCOMING_PREFIX, expiration: Duration.days(1) },
      ],
      cors: [
        {
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET],
          allowedOrigins: [props.siteOrigin ?? 'https://*.cloudfront.net'],
          allowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
    });
  }

  /** Put and get on objects only (pre-signed URLs carry the signer's permissions). */
  grantPutGet(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:PutObject', 's3:GetObject'],
      resourceArns: [this.bucket.arnForObjects('*')],
    });
  }
}

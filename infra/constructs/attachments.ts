/**
 * Uploads (site-visit photos, PDFs). The browser PUTs straight to S3 with a URL the API pre-signed,
 * under `incoming/`; the API checks the object and keeps it under its final key. What is never
 * claimed expires after a day, and half-finished multipart uploads are cleaned up.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IMPORT_PREFIX } from '../../functions/api/importer';
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
      // A wrong delete or overwrite (a bug, a stolen admin session) can be undone for 30 days; after
      // that the old version is gone for good, so an erasure under the data-rights rules really erases.
      versioned: true,
      lifecycleRules: [
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-unclaimed-uploads', prefix: INCOMING_PREFIX, expiration: Duration.days(1) },
        // Import files the API hands to the import function, which deletes them once read.
        { id: 'expire-import-files', prefix: IMPORT_PREFIX, expiration: Duration.days(1) },
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(30),
          expiredObjectDeleteMarker: true,
        },
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

  /**
   * What the API's blob store does (functions/blobs/s3.ts): pre-sign PUT and GET (a pre-signed URL
   * carries the signer's permissions), read and delete an upload while checking it, write the kept
   * copy. ListBucket only so that S3 answers 404, not 403, for an upload that never arrived.
   */
  grantUploads(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
      resourceArns: [this.bucket.arnForObjects('*')],
    });
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
  }
}

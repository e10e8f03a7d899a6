/** Private S3 buckets with the same safe defaults: no public access, encryption, TLS only. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps extends Omit<s3.BucketProps, 'blockPublicAccess' | 'encryption'> {
  /** Keep the bucket and its objects when the stack is deleted (user content in prod). */
  retain: boolean;
}

export function privateBucket(
  scope: Construct,
  id: string,
  { retain, ...rest }: PrivateBucketProps,
): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // Emptied on delete only when the bucket is not kept; otherwise CloudFormation could not remove it.
    autoDeleteObjects: !retain,
    ...rest,
  });
}

/**
 * The API takes the AWS SDK from the Lambda runtime (infra/bundling.ts: RUNTIME_SDK_PACKAGES), whose
 * copy is older than the one in package-lock.json and moves with runtime updates. An SDK that does
 * not know a request field drops it without a word: a conditional S3 write (`IfNoneMatch`, which
 * keeps an audit head's first publication, functions/audit/heads.ts) would silently become a plain
 * overwrite. So the API refuses to start on an SDK from before S3's conditional writes.
 */
import { createRequire } from 'node:module';

/** Released after S3 added conditional writes (If-None-Match in August 2024, If-Match in November). */
export const MIN_RUNTIME_SDK = '3.700.0';

/** Whether a `major.minor.patch` version is at least `min` (numeric, field by field). */
export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (!Number.isFinite(x)) return false;
    if (x !== y) return x > y;
  }
  return true;
}

/** The version of the S3 client this process resolves (the runtime's in Lambda, ours elsewhere). */
export function resolvedS3ClientVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@aws-sdk/client-s3/package.json') as { version: string }).version;
}

export function assertRuntimeSdk(version: string = resolvedS3ClientVersion()): void {
  if (!versionAtLeast(version, MIN_RUNTIME_SDK))
    throw new Error(
      `The AWS SDK in this runtime is ${version}; the API needs ${MIN_RUNTIME_SDK} or later for S3's conditional writes. ` +
        'Bundle the SDK instead (HubFunction usesRuntimeSdk: false).',
    );
}

/**
 * `npm run audit:verify`: the full audit check on the configured store — every chain entry, every
 * record they name, every published head — stores the report (served by `/api/audit/verify`),
 * publishes today's head if none is yet, prints the report and exits 1 if anything fails.
 * Heads: AUDIT_HEADS_BUCKET (S3, Object Lock) when set, else `.data/audit/heads/`.
 */
import { resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { runAuditNow } from '../functions/audit/daily';
import { fileHeadStore, s3HeadStore } from '../functions/audit/heads';
import { runIfMain, withConfiguredStore } from './cli';

export const LOCAL_HEADS_DIR = resolve(import.meta.dirname, '../.data/audit/heads');

runIfMain(import.meta.url, async () => {
  const bucket = process.env.AUDIT_HEADS_BUCKET;
  const heads = bucket ? s3HeadStore(new S3Client({}), bucket) : fileHeadStore(LOCAL_HEADS_DIR);
  const report = await withConfiguredStore((store) => runAuditNow(store, heads));
  console.log(JSON.stringify(report, null, 2));
  if (!report.ok) process.exit(1);
});

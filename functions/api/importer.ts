/**
 * Who runs an admin's file import (`POST /api/import`). The importer — CSV, OC4IDS and OCDS
 * parsing — is not part of the API's bundle (issue 22: ≤ 800 KB): in the cloud the API hands
 * the file to the import function (functions/imports/lambda.ts) through a private object and waits
 * for its report; locally and in tests the same code runs in this process.
 */
import { ulid } from 'ulid';
import type { ImportReport } from '../../shared/opendata';
import type { BlobStore } from '../blobs/store';
import type { Store } from '../data/client';
import type { DataRunTrigger } from '../data/data-runs';
import { type InvokeFunction, invokeJson, invokeLambda } from '../lambda-invoke';

/** What the route asks for: everything an import takes that can cross a process boundary. */
export interface ImportRequest {
  dryRun: boolean;
  sourceName?: string;
  actorSub: string | null;
  runTrigger: DataRunTrigger;
  /** Rounds in flight (the API is gentle on a table that serves live traffic). */
  concurrency: number;
}

export type FileImporter = (
  bytes: Uint8Array,
  request: ImportRequest,
  deps: { store: Store; now: () => Date },
) => Promise<ImportReport>;

/** What one API call may upload (the Lambda payload limit); larger files go through `npm run import`. */
export const MAX_IMPORT_BYTES = 6 * 1024 * 1024;

/** Where the API leaves a file for the import function: private, expiring (infra/constructs/attachments.ts). */
export const IMPORT_PREFIX = 'imports/';

/** What the import function is invoked with. */
export interface ImportInvocation extends ImportRequest {
  /** The file's key in the attachments bucket; the function deletes it once read. */
  key: string;
}

// Named through a variable so the bundler leaves the importer out of the API (the cloud never
// takes this path: it always sets `importer`); tsx and vitest load the module on first use.
const IMPORT_MODULE = '../services/import';

/**
 * How long an admin's import waits for another import's items lease (services/import.ts) before its
 * report says another import is running: the API must answer well within its 27 s (the import
 * function's timeout, under HTTP API's 30 s), where the CLI and the sync wait a minute.
 */
export const API_IMPORT_LEASE_WAIT_MS = 5_000;

/** The importer in this process: `npm start`, the tests, the CLI. */
export const inProcessImporter: FileImporter = async (bytes, request, deps) => {
  const { importFile } = (await import(IMPORT_MODULE)) as typeof import('../services/import');
  return importFile(deps.store, bytes, { ...request, now: deps.now, leaseWaitMs: API_IMPORT_LEASE_WAIT_MS });
};

/**
 * The cloud's importer: the file goes to the bucket (an Invoke payload is limited to 6 MB, the
 * file may be that large), the import function reads and deletes it and answers with the report.
 * A failed invocation is the server's failure (the file's own errors are in the report).
 */
export function functionImporter(opts: {
  functionName: string;
  files: BlobStore;
  invoke?: InvokeFunction;
}): FileImporter {
  const invoke = opts.invoke ?? invokeLambda;
  return async (bytes, request) => {
    const key = `${IMPORT_PREFIX}${ulid()}`;
    await opts.files.write(key, bytes, 'application/octet-stream');
    const invocation: ImportInvocation = { ...request, key };
    try {
      return await invokeJson<ImportReport>(invoke, opts.functionName, invocation);
    } catch (err) {
      // The function may have died before it removed the file; the bucket's lifecycle expires it too.
      await opts.files.remove(key).catch(() => undefined);
      throw err;
    }
  };
}

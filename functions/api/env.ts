/**
 * What every handler can reach through `c.var`: the caller (from a verified token, or null) and the
 * app's dependencies. Dependencies are passed in by whoever builds the app (local server, Lambda,
 * tests), so handlers never construct clients themselves.
 */
import type { Hono } from 'hono';
import type { Principal } from '../../shared/users';
import type { GroupDirectory } from '../auth/groups';
import type { LocalIssuer } from '../auth/local-issuer';
import type { OAuthSignIn } from '../auth/oauth';
import type { BlobStore } from '../blobs/store';
import type { Store } from '../data/client';
import type { RateLimit, RateLimitName } from '../data/rate-limits';
import type { FeedSource } from '../feed/reader';
import type { TelegramDeps } from '../services/telegram-link';
import type { FileImporter } from './importer';

export interface TokenVerifier {
  /** Resolves the caller of a bearer token; throws UnauthorizedError for any bad token. */
  verify(token: string): Promise<Principal>;
}

export interface AppDeps {
  store: Store;
  auth: TokenVerifier;
  /** Injected clock so deadline and "lagging" logic can be tested on fixed dates. */
  now: () => Date;
  /** Extra routes only a local run has (the local token issuer); absent in the cloud. */
  local?: {
    issuer?: LocalIssuer;
    /** The embedded SMTP server's catch (`GET /local/mail`): npm start only. */
    mail?: { routes: Hono };
  };
  /** Sign-in through the provider's managed login (code flow + PKCE); absent where not configured. */
  oauth?: OAuthSignIn;
  /** Cloud only: Cognito groups that admin grants are written to (locally the user store is the truth). */
  groups?: GroupDirectory;
  /** Object storage for comment attachments (S3 in the cloud, a folder locally); uploads are off without it. */
  blobs?: BlobStore;
  /** Where export files go (issue 22); defaults to `blobs`. The cloud gives the exports bucket. */
  exportFiles?: BlobStore;
  /**
   * Who runs export jobs: `in-process` (default: local, tests) right after the job record is
   * written; `table-stream` (cloud): the export worker, triggered by the record on the table stream.
   */
  exportJobs?: 'in-process' | 'table-stream';
  /** Up to how many items an export is answered at once (default 5,000; lower in tests of the job path). */
  exportSyncItems?: number;
  /**
   * Who runs an admin's file import: the import function in the cloud (functions/api/importer.ts);
   * absent: this process.
   */
  importer?: FileImporter;
  /** Per-user rate limits overriding the defaults in data/rate-limits.ts (tests, load tests). */
  rateLimits?: Partial<Record<RateLimitName, RateLimit>>;
  /** The published map-feed snapshot and search index (map feed, stats, text search); 503 without it. */
  feed?: FeedSource;
  /** Keys Open311 clients send to raise questions; defaults to OPEN311_API_KEYS (comma-separated). */
  open311ApiKeys?: string[];
  /** The Telegram bot (TELEGRAM_BOT_TOKEN); linking and the webhook are off without it. */
  telegram?: TelegramDeps;
  /**
   * Cloud only: the values of the header CloudFront adds (current and previous); a request without
   * one of them is refused (functions/api/origin-secret.ts). Absent locally and in tests.
   */
  originSecrets?: string[];
}

export interface AppEnv {
  Variables: {
    user: Principal | null;
    deps: AppDeps;
  };
}

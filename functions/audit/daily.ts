/**
 * The daily audit job: the full check (report stored for `/api/audit/verify`) and today's head
 * published. Locally `npm start` runs it at start and every 24 h; in the cloud a schedule runs
 * `handler` (lambda.ts); `npm run audit:verify` runs it once by hand.
 */
import { almatyDate } from '../../shared/dates';
import type { Store } from '../data/client';
import type { HeadStore } from './heads';
import { type FullReport, runDailyCheck } from './verify';

const DAY_MS = 24 * 60 * 60 * 1000;

export function runAuditNow(store: Store, heads: HeadStore | null, now = new Date()): Promise<FullReport> {
  return runDailyCheck(store, heads, now, almatyDate(now));
}

/** Runs the job now and then daily, logging a broken chain; returns a stop function. */
export function startDailyAudit(
  store: Store,
  heads: HeadStore,
  log: Pick<Console, 'warn'> = console,
): () => void {
  const run = () =>
    runAuditNow(store, heads).then(
      (r) => {
        if (!r.ok)
          log.warn(
            `Audit check FAILED: ${JSON.stringify({ chain: r.chain, records: r.records_failed.slice(0, 5), heads: r.heads_failed })}`,
          );
      },
      (err: unknown) =>
        log.warn(`Audit check could not run: ${err instanceof Error ? err.message : String(err)}`),
    );
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

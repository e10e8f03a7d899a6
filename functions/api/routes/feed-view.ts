/** The published snapshot for a request, or 503 (with Retry-After) while there is none. */
import type { Context } from 'hono';
import { almatyDate } from '../../../shared/dates';
import type { StatsFilters } from '../../../shared/stats-filters';
import { overdueItemIds } from '../../data/questions';
import { FeedNotReadyError, type FeedView } from '../../feed/reader';
import type { StatsContext } from '../../feed/search';
import type { AppEnv } from '../env';
import { StorageUnavailableError } from '../problems';

export async function feedView(c: Context<AppEnv>): Promise<FeedView> {
  const feed = c.var.deps.feed;
  if (!feed) throw new StorageUnavailableError();
  try {
    return await feed.current();
  } catch (err) {
    if (err instanceof FeedNotReadyError) throw new StorageUnavailableError();
    throw err;
  }
}

/**
 * What the filters need besides the search index (stats, item pages, exports alike): today's date in
 * Almaty for execution states, and, only for `overdue`, the one index query of overdue items.
 */
export function filterContext(c: Context<AppEnv>): (f: StatsFilters) => Promise<StatsContext> {
  return async (f) => {
    const today = almatyDate(c.var.deps.now());
    return { today, ...(f.overdue ? { overdueIds: await overdueItemIds(c.var.deps.store, today) } : {}) };
  };
}

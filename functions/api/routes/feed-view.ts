/** The published snapshot for a request, or 503 (with Retry-After) while there is none. */
import type { Context } from 'hono';
import { FeedNotReadyError, type FeedView } from '../../feed/reader';
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

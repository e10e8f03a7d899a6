/**
 * The opaque cursor of `GET /api/items`: base64url JSON saying where the next page starts — the
 * position in the list of partitions (cells) and DynamoDB's LastEvaluatedKey, or an offset into
 * search results — bound to the filters it was made for. Decoding checks all of it, so a
 * tampered or foreign cursor is a 400 naming `cursor`, never a storage error.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { StatsFilters } from '../../shared/stats-filters';
import { ValidationError } from '../api/problems';

const CursorState = z
  .object({
    /** fingerprint of the filters */
    f: z.string().length(12),
    /** partition position (cells of a bbox; 0 for a single-partition index) */
    i: z.number().int().min(0).max(10_000).optional(),
    /** LastEvaluatedKey within that partition */
    k: z.record(z.string(), z.string().max(300)).optional(),
    /** offset into search results */
    o: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();
export type CursorState = z.infer<typeof CursorState>;

export function filtersFingerprint(filters: StatsFilters): string {
  // Amount bounds are bigint, which JSON.stringify refuses.
  const text = JSON.stringify(filters, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  return createHash('sha1').update(text).digest('base64url').slice(0, 12);
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function badCursor(message: string): ValidationError {
  return new ValidationError([{ in: 'query', field: 'cursor', message }]);
}

export function decodeCursor(cursor: string, filters: StatsFilters): CursorState {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('not a cursor this API issued');
  }
  const state = CursorState.safeParse(parsed);
  if (!state.success) throw badCursor('not a cursor this API issued');
  if (state.data.f !== filtersFingerprint(filters))
    throw badCursor('the cursor belongs to other filters; start again without it');
  return state.data;
}

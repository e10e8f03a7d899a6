import type { IndexRecord } from './records';

/**
 * One item's search-index record for the feed's unit tests: a road repair in Taraz under way in
 * 2026, half spent, with no search words. A test names only the fields its behaviour depends on.
 */
export const indexRecord = (id: string, extra: Partial<IndexRecord> = {}): IndexRecord => ({
  id,
  a: 'taraz',
  c: 'roads',
  s: 'in_progress',
  y: 2026,
  b: 'zha-roads',
  p: 100_000,
  k: 100_000,
  sp: 50_000,
  pt: [71.37, 42.9],
  ps: '2026-01-01',
  pe: '2026-12-31',
  t: '',
  ...extra,
});

import { describe, expect, it } from 'vitest';
import { expiredDrafts, REFUSED_KEEP_DAYS, type VisitDraft } from './outbox';

const draft = (key: string, savedAt: string, refused?: string) =>
  ({
    key,
    itemId: 'i',
    input: {},
    photos: [],
    savedAt,
    ...(refused ? { refused } : {}),
  }) as unknown as VisitDraft;

describe('the outbox prunes', () => {
  it(`drops refused drafts older than ${REFUSED_KEEP_DAYS} days, never a waiting one`, () => {
    const now = new Date('2026-12-02T06:00:00Z');
    const drafts = [
      draft('old-refused', '2026-10-01T00:00:00Z', 'field.invalid'),
      draft('new-refused', '2026-11-30T00:00:00Z', 'field.invalid'),
      draft('old-waiting', '2026-10-01T00:00:00Z'),
    ];
    expect(expiredDrafts(drafts, now).map((d) => d.key)).toEqual(['old-refused']);
  });
});

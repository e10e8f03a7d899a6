import { describe, expect, it } from 'vitest';
import {
  almatyInstant,
  followUpStatus,
  isOverdue,
  isUpcoming,
  moveEntry,
  reorderEntries,
  SessionInput,
} from '../functions/api/schemas/sessions';

describe('almatyInstant', () => {
  it('reads an Almaty wall-clock time as UTC+5', () => {
    expect(almatyInstant('2026-12-10T15:00').toISOString()).toBe('2026-12-10T10:00:00.000Z');
  });
  it('keeps the Almaty date across UTC midnight', () => {
    expect(almatyInstant('2027-01-01T02:30').toISOString()).toBe('2026-12-31T21:30:00.000Z');
  });
});

describe('follow-up status', () => {
  it('is overdue when still open after the due date', () => {
    expect(isOverdue({ status: 'open', due: '2026-11-01' }, '2026-11-02')).toBe(true);
    expect(followUpStatus({ status: 'open', due: '2026-11-01' }, '2026-11-02')).toBe('overdue');
  });
  it('is open on the due date itself', () => {
    expect(followUpStatus({ status: 'open', due: '2026-11-02' }, '2026-11-02')).toBe('open');
  });
  it('is done when done, even after the due date', () => {
    expect(followUpStatus({ status: 'done', due: '2026-01-01' }, '2026-11-02')).toBe('done');
  });
});

describe('agenda order', () => {
  const e = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  it('moves an entry one place up', () => {
    expect(moveEntry(e, 'b', -1).map((x) => x.id)).toEqual(['b', 'a', 'c']);
  });
  it('leaves the first entry in place when moved up', () => {
    expect(moveEntry(e, 'a', -1)).toBe(e);
  });
  it('refuses an order that leaves out an entry', () => {
    expect(reorderEntries(e, ['a', 'b'])).toBeNull();
    expect(reorderEntries(e, ['c', 'a', 'b'])?.map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('sessions', () => {
  it('are upcoming until they end', () => {
    const s = { startUtc: '2026-12-10T10:00:00.000Z', durationMinutes: 120 };
    expect(isUpcoming(s, new Date('2026-12-10T11:59:00Z'))).toBe(true);
    expect(isUpcoming(s, new Date('2026-12-10T12:00:00Z'))).toBe(false);
  });
  it('need a link when broadcast', () => {
    const base = { title: 'T', startsAt: '2026-12-10T15:00', durationMinutes: 60, venue: 'V' };
    expect(SessionInput.safeParse({ ...base, format: 'broadcast' }).success).toBe(false);
    expect(
      SessionInput.safeParse({ ...base, format: 'broadcast', link: 'https://meet.example/x' }).success,
    ).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  bellBadge,
  entryHref,
  type FeedEntry,
  feedLine,
  type LegalNotice,
  latestPerNotice,
  noticeLines,
  seenMark,
  shouldRefreshBell,
} from './view';

const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  eventId: 'e1',
  type: 'question.raised',
  message: 'question.received',
  at: '2026-05-08T07:00:00.000Z',
  unread: true,
  subject: { kind: 'question', id: 'q1', itemId: 'i1' },
  ...over,
});
const names = {
  body: (id: string) => `Body ${id}`,
  date: (d: string) => `D(${d})`,
  dateTime: (iso: string) => `T(${iso})`,
  channel: (c: string) => `C(${c})`,
};

describe('the bell', () => {
  it('shows nothing at 0, the number below the cap, 99+ at the cap', () => {
    expect([0, 1, 42, 99, 100].map(bellBadge)).toEqual(['', '1', '42', '99', '99+']);
  });

  it('asks only when the tab is visible, someone is signed in and the last ask is 10 s old', () => {
    const base = { visible: true, signedIn: true, lastAt: 1_000, now: 11_000 };
    expect(shouldRefreshBell(base)).toBe(true);
    expect(shouldRefreshBell({ ...base, now: 10_999 })).toBe(false);
    expect(shouldRefreshBell({ ...base, visible: false })).toBe(false);
    expect(shouldRefreshBell({ ...base, signedIn: false })).toBe(false);
    expect(shouldRefreshBell({ ...base, lastAt: null, now: 0 })).toBe(true);
  });
});

describe('My feed', () => {
  it('words an entry by the message the user was sent, with its dates and bodies filled in', () => {
    const line = feedLine(
      entry({ message: 'question.extended', newDueOn: '2026-06-19', reason: 'Expertise', bodyId: 'b' }),
      names,
      () => true,
    );
    expect(line).toEqual({
      key: 'notify.feed.question.extended',
      values: {
        dueOn: '',
        newDueOn: 'D(2026-06-19)',
        reason: 'Expertise',
        body: 'Body b',
        toBody: '',
        session: '',
        startsAt: '',
      },
    });
  });

  it('falls back to a generic line for a message the catalogue does not know', () => {
    expect(feedLine(entry({ message: 'session.published' }), names, () => false).key).toBe(
      'notify.feed.other',
    );
  });

  it('marks as seen up to the newest entry shown, and nothing when all were read', () => {
    const a = entry({ at: '2026-05-08T07:00:00.000Z' });
    const b = entry({ at: '2026-05-09T07:00:00.000Z', unread: false });
    expect(seenMark([a, b])).toBe('2026-05-09T07:00:00.000Z');
    expect(seenMark([{ ...a, unread: false }, b])).toBeNull();
  });

  it('links a question entry to the question on its item', () => {
    expect(entryHref(entry())).toBe('/items/i1#question-q1');
    expect(entryHref(entry({ subject: { kind: 'contact', id: 'x' } }))).toBeNull();
    expect(entryHref(entry({ subject: { kind: 'session', id: 's1' } }))).toBe('/sessions/s1');
  });
});

describe('legal notices on a question', () => {
  const notice = (over: Partial<LegalNotice>): LegalNotice => ({
    kind: 'received',
    channel: 'email',
    at: '2026-05-08T07:00:00.000Z',
    delivered: true,
    dueOn: '2026-05-29',
    ...over,
  });

  it('say what the law requires: the due date, the new date and reason, the new body', () => {
    expect(noticeLines(notice({}), names).what).toEqual({
      key: 'notify.notices.received',
      values: { date: 'D(2026-05-29)' },
    });
    expect(noticeLines(notice({ kind: 'extended', reason: 'R', dueOn: '2026-06-19' }), names).what).toEqual({
      key: 'notify.notices.extended',
      values: { date: 'D(2026-06-19)', reason: 'R' },
    });
    expect(
      noticeLines(notice({ kind: 'redirected', toBodyId: 'city', reason: 'R' }), names).what.values,
    ).toEqual({
      body: 'Body city',
      reason: 'R',
    });
  });

  it('say "not delivered" when no channel worked', () => {
    expect(noticeLines(notice({ channel: 'none', delivered: false }), names).outcome).toEqual({
      key: 'notify.notices.none',
      values: { at: 'T(2026-05-08T07:00:00.000Z)' },
    });
    expect(noticeLines(notice({ delivered: false }), names).outcome.key).toBe('notify.notices.failed');
  });

  it('show one line per notice: delivered when any channel delivered it', () => {
    const failedMail = notice({ delivered: false, at: '2026-05-08T07:00:01.000Z' });
    const telegram = notice({ channel: 'telegram', at: '2026-05-08T07:00:00.000Z' });
    const extension = notice({
      kind: 'extended',
      dueOn: '2026-06-19',
      reason: 'R',
      at: '2026-05-10T07:00:00.000Z',
    });
    expect(latestPerNotice([failedMail, extension, telegram])).toEqual([telegram, extension]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  addMonths,
  answerDueDate,
  disputeDeadline,
  extensionCap,
  extensionProblem,
  extensionRefusal,
  isDueSoon,
  isWorkingDay,
  redirectDeadline,
} from './deadlines';

describe('answer due date: 15 working days after receipt (APPC art. 76)', () => {
  it.each([
    ['an ordinary Monday in June', '2026-06-01', '2026-06-22'],
    ['a Saturday receipt counts from Monday', '2026-06-06', '2026-06-26'],
    ['a Friday before Nauryz skips 21–25 March 2026', '2026-03-20', '2026-04-15'],
    ['New Year 1–2 January 2026 and Orthodox Christmas are skipped', '2025-12-31', '2026-01-26'],
    ['across the year boundary with the 4 January 2027 substitute day', '2026-12-25', '2027-01-20'],
    ['Victory Day on Saturday 9 May 2026 moves to Monday 11 May', '2026-04-30', '2026-05-26'],
    ['the 2025 government transfer: 3 January off', '2025-01-02', '2025-01-27'],
  ])('%s: received %s → due %s', (_case, receivedOn, due) => {
    expect(answerDueDate(receivedOn)).toBe(due);
  });
});

describe('working days', () => {
  it.each([
    ['Saturday', '2026-06-06', false],
    ['Sunday', '2026-06-07', false],
    ['an ordinary Tuesday', '2026-06-09', true],
    ['New Year', '2026-01-01', false],
    ['Nauryz 21 March on a weekday (2025)', '2025-03-21', false],
    ['Nauryz itself on Monday 23 March 2026', '2026-03-23', false],
    ['Nauryz substitute day 24 March 2026', '2026-03-24', false],
    ['Nauryz substitute day 25 March 2026 (calendar-file correction)', '2026-03-25', false],
    ['Nauryz substitute day 24 March 2027 (calendar-file correction)', '2027-03-24', false],
    ['8 March 2026 on Sunday → substitute Monday 9 March', '2026-03-09', false],
    ['2 January 2027 on Saturday → substitute Monday 4 January', '2027-01-04', false],
    ['government transfer: Friday 3 January 2025 off', '2025-01-03', false],
    ['government transfer: Saturday 5 July 2025 worked', '2025-07-05', true],
    ['Kurban Ait 2026', '2026-05-27', false],
    [
      'Monday 16 March 2026: the new Constitution Day is celebrated only from 2027 (calendar-file correction)',
      '2026-03-16',
      true,
    ],
    ['Monday 31 August 2026: 30 August is no longer Constitution Day', '2026-08-31', true],
    ['Constitution Day on Monday 15 March 2027', '2027-03-15', false],
  ])('%s (%s) is a working day: %s', (_case, date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('extension: once, to at most two months after receipt', () => {
  it.each([
    ['mid-month', '2026-04-10', '2026-06-10'],
    ['31 January caps at 31 March', '2026-01-31', '2026-03-31'],
    ['31 December caps at the end of February across the year', '2025-12-31', '2026-02-28'],
  ])('%s: received %s → cap %s', (_case, receivedOn, cap) => {
    expect(extensionCap(receivedOn)).toBe(cap);
  });

  const q = { receivedOn: '2026-03-20', dueOn: '2026-04-15' };
  it('accepts a new due date exactly on the two-month cap', () => {
    expect(extensionProblem(q, '2026-05-20')).toBeNull();
  });
  it('refuses a new due date one day past the two-month cap', () => {
    expect(extensionProblem(q, '2026-05-21')).toMatch(/two months/);
  });
  it('refuses a new due date that does not move the deadline later', () => {
    expect(extensionProblem(q, '2026-04-15')).toMatch(/after the current/);
  });
});

describe('redirect within 3 working days of receipt', () => {
  it.each([
    ['a Monday', '2026-06-01', '2026-06-04'],
    ['a Friday before Nauryz', '2026-03-20', '2026-03-30'],
    ['the last working day of 2026', '2026-12-31', '2027-01-08'],
  ])('received on %s (%s) → redirect by %s', (_case, receivedOn, last) => {
    expect(redirectDeadline(receivedOn)).toBe(last);
  });
});

describe('other clocks', () => {
  it('the asker may dispute for 30 calendar days after the answer', () => {
    expect(disputeDeadline('2026-04-15')).toBe('2026-05-15');
  });
  it('adds months clamping to the last day of a short month', () => {
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
  });
  it('warns when the due date is 3 working days away or less, not before', () => {
    expect(isDueSoon('2026-06-22', '2026-06-17')).toBe(true);
    expect(isDueSoon('2026-06-22', '2026-06-16')).toBe(false);
    expect(isDueSoon('2026-06-22', '2026-06-23')).toBe(false);
  });
});

describe('extensionRefusal', () => {
  const q = { receivedOn: '2026-03-20', dueOn: '2026-04-20' };
  it('names the latest allowed date as a param when the new date is past the two-month cap', () => {
    expect(extensionRefusal(q, '2026-05-21')).toMatchObject({
      code: 'question.extension_past_limit',
      params: { latest: '2026-05-20' },
    });
  });
  it('names the current due date when the new one is not later', () => {
    expect(extensionRefusal(q, '2026-04-15')).toMatchObject({
      code: 'question.extension_not_later',
      params: { current: '2026-04-20' },
    });
  });
});

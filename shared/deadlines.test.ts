import { describe, expect, it } from 'vitest';
import { almatyDate } from './dates';
import {
  addMonths,
  answerDueDate,
  calendarYears,
  disputeDeadline,
  dueBasis,
  extensionCapOf,
  extensionNoticeDeadline,
  extensionProblem,
  isDueSoon,
  isWorkingDay,
  LAW,
  missingCalendarYears,
  redirectDeadline,
  redirectProblem,
  registrationDay,
} from './deadlines';

/** An Almaty wall-clock time (UTC+5 all year) as an instant. */
const almaty = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);

describe('registration day: the day it arrives, or the next working day (APPK art. 64(3))', () => {
  it.each([
    ['a Monday morning', '2026-06-01', '10:00', '2026-06-01', null],
    ['a Monday one minute before the end of the day', '2026-06-01', '18:29', '2026-06-01', null],
    ['a Monday at the end of the working day', '2026-06-01', '18:30', '2026-06-02', 'after_hours'],
    ['a Friday evening before Nauryz 2026', '2026-03-20', '19:00', '2026-03-26', 'after_hours'],
    ['a Saturday', '2026-06-06', '11:00', '2026-06-08', 'non_working_day'],
    [
      'Saturday 30 December 2028, across the New Year holidays',
      '2028-12-30',
      '12:00',
      '2029-01-03',
      'non_working_day',
    ],
    ['Nauryz itself (Tuesday 21 March 2028)', '2028-03-21', '10:00', '2028-03-24', 'non_working_day'],
    ['a night before office hours on a working day', '2026-06-02', '02:00', '2026-06-02', null],
  ])('%s (%s %s) → registered %s', (_case, date, time, registeredOn, moved) => {
    const r = registrationDay(almaty(date, time));
    expect(r).toMatchObject({ arrivedOn: date, registeredOn, moved, calendarKnown: true });
    expect(r.rule.cite).toBe('APPK art. 64(3)');
  });

  it('counts the Almaty date of an instant given in UTC (20:00Z is already the next morning)', () => {
    expect(registrationDay(new Date('2026-06-01T20:00:00Z')).arrivedOn).toBe('2026-06-02');
  });

  it("takes the body's own end of the working day", () => {
    expect(registrationDay(almaty('2026-06-01', '18:00'), '18:00').registeredOn).toBe('2026-06-02');
  });
});

describe('answer due: 15 working days after the registration day (APPK art. 76(1))', () => {
  it.each([
    ['an ordinary Monday in June', '2026-06-01', '2026-06-22'],
    ['registered Monday after a Saturday arrival', '2026-06-08', '2026-06-29'],
    ['a Friday before Nauryz skips 21–25 March 2026', '2026-03-20', '2026-04-15'],
    ['registered after Nauryz 2026 (arrived Friday evening)', '2026-03-26', '2026-04-16'],
    ['New Year 1–2 January 2026 and Orthodox Christmas are skipped', '2025-12-31', '2026-01-26'],
    ['across the year boundary with the 4 January 2027 substitute day', '2026-12-25', '2027-01-20'],
    ['registered 3 January 2029 after a Saturday 30 December 2028 arrival', '2029-01-03', '2029-01-24'],
    ['a Friday before Nauryz 2028 (21–23 March)', '2028-03-17', '2028-04-12'],
    ['Victory Day on Saturday 9 May 2026 moves to Monday 11 May', '2026-04-30', '2026-05-26'],
    ['the 2025 government transfer: 3 January off', '2025-01-02', '2025-01-27'],
  ])('%s: registered %s → due %s', (_case, registeredOn, due) => {
    expect(answerDueDate(registeredOn)).toBe(due);
  });
});

describe('working days from the production calendar', () => {
  it.each([
    ['Saturday', '2026-06-06', false],
    ['an ordinary Tuesday', '2026-06-09', true],
    ['New Year', '2026-01-01', false],
    ['Nauryz substitute day 24 March 2026', '2026-03-24', false],
    ['Nauryz substitute day 25 March 2026 (date-holidays collides it with 23 March)', '2026-03-25', false],
    ['Nauryz substitute day 24 March 2027', '2027-03-24', false],
    ['New Year on a weekend: substitute Monday 3 January 2028', '2028-01-03', false],
    ['New Year on a weekend: substitute Tuesday 4 January 2028', '2028-01-04', false],
    ["Defender's Day on Saturday 7 May 2033 moves past Victory Day to 10 May", '2033-05-10', false],
    ['government transfer: Friday 3 January 2025 off', '2025-01-03', false],
    ['government transfer: Saturday 5 July 2025 worked', '2025-07-05', true],
    ['Monday 16 March 2026: the new Constitution Day is celebrated only from 2027', '2026-03-16', true],
    ['Constitution Day on Monday 15 March 2027', '2027-03-15', false],
    // Imported historical data (2020–2024) runs on the law of its own year.
    ['First President Day, 1 December 2021 (a holiday until 2022)', '2021-12-01', false],
    ['1 December 2022: no longer a holiday', '2022-12-01', true],
    ['Republic Day, 25 October 2022 (a holiday again from 2022)', '2022-10-25', false],
    ['government transfer: Monday 24 October 2022 off', '2022-10-24', false],
    ['government transfer: Saturday 1 July 2023 worked', '2023-07-01', true],
    ['government transfer: Wednesday 8 May 2024 off', '2024-05-08', false],
  ])('%s (%s) is a working day: %s', (_case, date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('extensions: any number, capped at two months from registration (APPK art. 76(2))', () => {
  it.each([
    ['mid-month', '2026-04-10', '2026-06-10'],
    ['31 January caps at 31 March', '2026-01-31', '2026-03-31'],
    ['31 December caps at the end of February across the year', '2024-12-31', '2025-02-28'],
  ])('%s: registered %s → cap %s', (_case, registeredOn, latest) => {
    expect(extensionCapOf(registeredOn)).toMatchObject({ latest, lawSilent: null });
  });

  it('flags, without moving it, a cap that lands on a non-working day (the Code is silent)', () => {
    // Registered 3 January 2029 (the Saturday 30 December 2028 arrival): two months later is Saturday 3 March.
    expect(extensionCapOf('2029-01-03')).toEqual({
      latest: '2029-03-03',
      rule: LAW.extension,
      lawSilent: 'cap_on_non_working_day',
    });
  });

  const registered = { receivedOn: '2026-03-20', registeredOn: '2026-03-20' };
  it('allows a first extension within the cap', () => {
    expect(extensionProblem({ ...registered, dueOn: '2026-04-15' }, '2026-04-30', '2026-04-01')).toBeNull();
  });
  it('allows a second extension inside the cap, up to the cap itself', () => {
    expect(extensionProblem({ ...registered, dueOn: '2026-04-30' }, '2026-05-20', '2026-04-20')).toBeNull();
  });
  it('refuses an extension one day past the cap, naming the latest date', () => {
    expect(
      extensionProblem({ ...registered, dueOn: '2026-04-30' }, '2026-05-21', '2026-04-20'),
    ).toMatchObject({
      code: 'question.extension_past_limit',
      params: { latest: '2026-05-20' },
      rule: { article: 76, paragraph: 2 },
    });
  });
  it('counts the cap from the registration day, not the arrival day', () => {
    const late = { receivedOn: '2026-03-20', registeredOn: '2026-03-26', dueOn: '2026-04-16' };
    expect(extensionProblem(late, '2026-05-26', '2026-04-01')).toBeNull();
  });
  it('refuses a new due date that does not move the term later', () => {
    expect(extensionProblem({ ...registered, dueOn: '2026-04-15' }, '2026-04-15')).toMatchObject({
      code: 'question.extension_not_later',
      params: { current: '2026-04-15' },
    });
  });
  it('refuses to extend a term that has already run out', () => {
    expect(
      extensionProblem({ ...registered, dueOn: '2026-04-15' }, '2026-05-01', '2026-04-16'),
    ).toMatchObject({
      code: 'question.extension_after_due',
      params: { due: '2026-04-15' },
    });
  });
  it.each([
    ['the first extension, Wednesday 1 April 2026', '2026-04-01', '2026-04-06'],
    ['the second extension, Monday 20 April 2026', '2026-04-20', '2026-04-23'],
    ['an extension on the eve of Nauryz 2026', '2026-03-20', '2026-03-30'],
  ])('each extension has its own notice within 3 working days: %s → by %s', (_case, on, by) => {
    expect(extensionNoticeDeadline(on)).toBe(by);
  });
});

describe('redirect within 3 working days of registration (APPK art. 65(1))', () => {
  it.each([
    ['a Monday', '2026-06-01', '2026-06-04'],
    ['a Friday before Nauryz', '2026-03-20', '2026-03-30'],
    ['the last working day of 2026', '2026-12-31', '2027-01-08'],
  ])('registered on %s (%s) → redirect by %s', (_case, registeredOn, last) => {
    expect(redirectDeadline(registeredOn)).toBe(last);
  });
  it('refuses a redirect after the third working day with a code and the last day', () => {
    expect(redirectProblem('2026-06-01', '2026-06-05')).toMatchObject({
      code: 'question.redirect_too_late',
      params: { deadline: '2026-06-04' },
      rule: { article: 65, paragraph: 1 },
    });
    expect(redirectProblem('2026-06-01', '2026-06-04')).toBeNull();
  });
});

describe('what makes a due date due', () => {
  const base = {
    receivedOn: '2026-03-20',
    registeredOn: '2026-03-20',
    dueOn: '2026-04-15',
    status: 'received',
  };
  it('a new question: art. 64(3) and 76(1)', () => {
    expect(dueBasis(base).rules.map((r) => r.cite)).toEqual(['APPK art. 64(3)', 'APPK art. 76(1)']);
  });
  it('after a redirect: art. 65(1) and 76(1)', () => {
    expect(dueBasis({ ...base, redirects: [{ on: '2026-03-20' }] }).kind).toBe('redirected');
  });
  it('after the second extension: art. 76(2) with the cap', () => {
    const q = {
      ...base,
      status: 'extended',
      dueOn: '2026-05-20',
      extensions: [
        { on: '2026-04-01', newDueOn: '2026-04-30' },
        { on: '2026-04-20', newDueOn: '2026-05-20' },
      ],
    };
    expect(dueBasis(q)).toMatchObject({
      kind: 'extended',
      from: '2026-04-20',
      cap: { latest: '2026-05-20' },
    });
  });
  it("a disputed answer owed again: the hub's own rule, no article claimed", () => {
    expect(dueBasis({ ...base, status: 'reopened', dispute: { on: '2026-05-01' } }).rules).toEqual([]);
  });
});

describe('production calendar files', () => {
  it('are there from 2020 (imported historical data) through 2035 with no gap', () => {
    expect(calendarYears()).toEqual(Array.from({ length: 16 }, (_, i) => 2020 + i));
  });
  it.each([
    // Today (December 2026) the clock needs 2026 and 2027, both reviewed; from 1 November 2027 it
    // needs 2028, whose file holds the statutory holidays but not yet the government's transfers.
    ['1 December 2026, with 2027 reviewed', '2026-12-01', []],
    ['31 October 2027, before next year is needed', '2027-10-31', []],
    ['1 November 2027, with 2028 generated but its transfers unreviewed', '2027-11-01', [2028]],
    ['a year with no file at all', '2037-03-01', [2037]],
  ])('an injected clock on %s reports missing years %j', (_case, today, missing) => {
    expect(missingCalendarYears(today)).toEqual(missing);
  });
  it("today has this year's file and, from 1 November, next year's (run npm run calendar:generate)", () => {
    expect(missingCalendarYears(almatyDate(new Date()))).toEqual([]);
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

import { describe, expect, it } from 'vitest';
import {
  isAnswered,
  isOpen,
  isOverdue,
  nextStatus,
  QUESTION_STATUSES,
  QUESTION_TRANSITIONS,
  type QuestionStatus,
  type QuestionTransition,
} from './questions';

// The whole machine written out once more by hand, so a change to the rules must change this too.
const LEGAL: Record<string, QuestionStatus> = {
  'received/review': 'in_review',
  'received/answer': 'answered',
  'received/extend': 'extended',
  'received/redirect': 'redirected',
  'in_review/answer': 'answered',
  'in_review/extend': 'extended',
  'in_review/redirect': 'redirected',
  'extended/answer': 'answered',
  'extended/extend': 'extended',
  'redirected/review': 'in_review',
  'redirected/answer': 'answered',
  'redirected/extend': 'extended',
  'redirected/redirect': 'redirected',
  'answered/accept': 'closed',
  'answered/dispute': 'reopened',
  'reopened/review': 'in_review',
  'reopened/answer': 'answered',
};

const pairs = QUESTION_STATUSES.flatMap((s) =>
  (Object.keys(QUESTION_TRANSITIONS) as QuestionTransition[]).map((a) => [s, a] as const),
);

describe('question status machine', () => {
  it.each(pairs)('from %s, %s goes where the table says (or nowhere)', (status, action) => {
    expect(nextStatus(status, action)).toBe(LEGAL[`${status}/${action}`] ?? null);
  });

  it('a closed question accepts no action at all', () => {
    for (const a of Object.keys(QUESTION_TRANSITIONS) as QuestionTransition[]) {
      expect(nextStatus('closed', a)).toBeNull();
    }
  });

  it('an extended question may be extended again (APPK art. 76(2) caps the term, not the count)', () => {
    expect(nextStatus('extended', 'extend')).toBe('extended');
  });
});

describe('status groups', () => {
  it('open means waiting for the body', () => {
    expect(QUESTION_STATUSES.filter(isOpen)).toEqual([
      'received',
      'in_review',
      'extended',
      'redirected',
      'reopened',
    ]);
  });
  it('answered means answered or accepted', () => {
    expect(QUESTION_STATUSES.filter(isAnswered)).toEqual(['answered', 'closed']);
  });
  it('overdue only when open and past the due date', () => {
    expect(isOverdue({ status: 'in_review', dueOn: '2026-04-15' }, '2026-04-15')).toBe(false);
    expect(isOverdue({ status: 'in_review', dueOn: '2026-04-15' }, '2026-04-16')).toBe(true);
    expect(isOverdue({ status: 'answered', dueOn: '2026-04-15' }, '2026-05-01')).toBe(false);
  });
});

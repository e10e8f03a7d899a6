import { describe, expect, it } from 'vitest';
import { sessionsRoute } from './paths';

const ID = '01JB8Z3Q4X5Y6Z7A8B9C0D1E2F';

describe('sessions addresses', () => {
  it('name the list, a session and its printable agenda or minutes', () => {
    expect(sessionsRoute('/sessions')).toEqual({ page: 'list' });
    expect(sessionsRoute('/sessions/')).toEqual({ page: 'list' });
    expect(sessionsRoute(`/sessions/${ID}`)).toEqual({ page: 'session', id: ID });
    expect(sessionsRoute('/sessions/candidates')).toEqual({ page: 'candidates' });
    expect(sessionsRoute(`/sessions/${ID}/print/minutes`)).toEqual({ page: 'print', id: ID, doc: 'minutes' });
  });
  it('are not anything else (a malformed id, another document, another page)', () => {
    expect(sessionsRoute('/sessions/123')).toBeNull();
    expect(sessionsRoute(`/sessions/${ID}/print/letter`)).toBeNull();
    expect(sessionsRoute('/questions')).toBeNull();
  });
});

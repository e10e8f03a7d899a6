/**
 * The session lifecycle, every (status, action) pair: the legal ones move to their status, the
 * illegal ones are refused with `session.transition_not_allowed`, and "held" waits for the start
 * (Almaty wall-clock time, kept as startUtc).
 */
import { describe, expect, it } from 'vitest';
import {
  almatyInstant,
  SESSION_STATUSES,
  SESSION_TRANSITIONS,
  type SessionStatus,
  type SessionTransition,
  sessionTransition,
} from './sessions';

const LEGAL: Record<SessionTransition, Partial<Record<SessionStatus, SessionStatus>>> = {
  publishAgenda: { draft: 'agenda_published', agenda_published: 'agenda_published' },
  markHeld: { agenda_published: 'held' },
  publishMinutes: { held: 'minutes_published' },
  cancel: { draft: 'cancelled', agenda_published: 'cancelled' },
};

// The session starts at 15:00 Almaty on 10 March 2027 (10:00 UTC); "now" is well after it.
const startUtc = almatyInstant('2027-03-10T15:00').toISOString();
const after = new Date('2027-03-11T00:00:00Z');

describe('session transitions', () => {
  const actions = Object.keys(SESSION_TRANSITIONS) as SessionTransition[];
  for (const action of actions) {
    for (const status of SESSION_STATUSES) {
      const to = LEGAL[action][status];
      it(`${status} --${action}--> ${to ?? 'refused'}`, () => {
        const r = sessionTransition({ status, startUtc }, action, after);
        if (to) expect(r).toEqual({ ok: true, to });
        else expect(r).toMatchObject({ ok: false, code: 'session.transition_not_allowed' });
      });
    }
  }

  it('refuses "held" three weeks before the start with session.not_started', () => {
    const r = sessionTransition(
      { status: 'agenda_published', startUtc },
      'markHeld',
      new Date('2027-02-17T10:00:00Z'),
    );
    expect(r).toEqual({ ok: false, code: 'session.not_started', params: { startsAt: startUtc } });
  });

  it('refuses "held" one minute before 15:00 Almaty and allows it at 15:00', () => {
    const s = { status: 'agenda_published' as const, startUtc };
    expect(sessionTransition(s, 'markHeld', new Date('2027-03-10T09:59:00Z')).ok).toBe(false);
    expect(sessionTransition(s, 'markHeld', new Date('2027-03-10T10:00:00Z'))).toEqual({
      ok: true,
      to: 'held',
    });
  });

  it('cannot cancel a session that was held', () => {
    expect(sessionTransition({ status: 'held', startUtc }, 'cancel', after).ok).toBe(false);
  });
});

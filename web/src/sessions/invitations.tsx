/**
 * The session page's invitations: which bodies are invited and what each answered (the agenda shows
 * who confirmed); the secretary invites the bodies on the agenda and, from the start, records who
 * came; an official of an invited body answers attend / deputy / decline from here (phone-sized).
 */

import { useEffect, useState } from 'preact/hooks';
import type { Invitation } from '../../../shared/invitations';
import { can } from '../../../shared/policy';
import type { Principal } from '../../../shared/users';
import { api } from '../api';
import { formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { onSubmit, useFields } from '../ui/form';
import { bodyName, errorMessage, type SessionView } from './model';

const send = <T,>(method: string, path: string, body?: unknown) =>
  api<T>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

export const invitationsApi = {
  list: (id: string) => api<{ invitations: Invitation[] }>(`/api/sessions/${id}/invitations`),
  invite: (id: string) => send<{ invitations: Invitation[] }>('POST', `/api/sessions/${id}/invitations`),
  answer: (id: string, bodyId: string, body: unknown) =>
    send<Invitation>('PUT', `/api/sessions/${id}/invitations/${bodyId}/response`, body),
  attendance: (id: string, bodyId: string, body: unknown) =>
    send<Invitation>('PUT', `/api/sessions/${id}/invitations/${bodyId}/attendance`, body),
};

/** What the body answered, in a line ("awaiting an answer" until it does). */
export function answerText(i: Pick<Invitation, 'response'>): string {
  const r = i.response;
  if (!r) return t('club.invite.answer.none');
  if (r.answer === 'deputy') return t('club.invite.answer.deputy', { name: r.deputyName ?? '' });
  if (r.answer === 'decline') return t('club.invite.answer.decline', { reason: r.reason ?? '' });
  return t('club.invite.answer.attend');
}

export function InvitationsSection({ session: s, user }: { session: SessionView; user: Principal | null }) {
  const [list, setList] = useState<Invitation[] | null>(null);
  const [status, setStatus] = useState('');
  const open = s.status === 'draft' || s.status === 'agenda_published';
  const started = Date.now() >= Date.parse(s.startUtc);
  useEffect(() => {
    let alive = true;
    invitationsApi.list(s.id).then(
      (r) => alive && setList(r.invitations),
      () => alive && setList([]),
    );
    return () => {
      alive = false;
    };
  }, [s.id]);
  const replace = (next: Invitation) =>
    setList((l) => (l ? l.map((x) => (x.bodyId === next.bodyId ? next : x)) : l));
  const invite = async () => {
    try {
      setList((await invitationsApi.invite(s.id)).invitations);
      setStatus(t('club.invite.sent'));
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  if (!list) return null;
  const mayInvite = can(user, 'sessions.invite') && open && s.entries.some((e) => e.bodyId);
  if (list.length === 0 && !mayInvite) return null;
  const lang = getLang();
  return (
    <section aria-labelledby="invitations-title" className="session-invitations">
      <h2 id="invitations-title">{t('club.invite.title')}</h2>
      {list.length === 0 ? <p>{t('club.invite.none')}</p> : null}
      <ul data-testid="invitations">
        {list.map((i) => (
          <li key={i.bodyId} data-body-id={i.bodyId}>
            <strong>{bodyName(i.bodyId)}</strong>
            {': '}
            <span data-answer={i.response?.answer ?? 'none'}>{answerText(i)}</span>
            {i.reminded ? (
              <small>{` · ${t('club.invite.reminded', { at: formatDateTime(i.reminded.at, lang) })}`}</small>
            ) : null}
            {i.attendance ? (
              <small>
                {` · ${
                  i.attendance.present
                    ? t('club.invite.present', { name: i.attendance.name ?? '' })
                    : t('club.invite.absent')
                }`}
              </small>
            ) : null}
            {open && can(user, 'sessions.rsvp', { bodyId: i.bodyId }) ? (
              <AnswerForm session={s} invitation={i} onSaved={replace} />
            ) : null}
            {started && s.status !== 'cancelled' && can(user, 'sessions.publish') ? (
              <AttendanceForm session={s} invitation={i} onSaved={replace} />
            ) : null}
          </li>
        ))}
      </ul>
      {mayInvite ? (
        <button type="button" onClick={() => void invite()}>
          {t('club.invite.button')}
        </button>
      ) : null}
      <p role="status">{status}</p>
    </section>
  );
}

/** What the body's answer form and the secretary's attendance form both work on. */
type InvitationFormProps = {
  session: SessionView;
  invitation: Invitation;
  onSaved: (i: Invitation) => void;
};

function AnswerForm({ session: s, invitation: i, onSaved }: InvitationFormProps) {
  const [status, setStatus] = useState('');
  const f = useFields<{ answer: string; deputyName: string; reason: string }>(() => ({
    answer: i.response?.answer ?? 'attend',
    deputyName: i.response?.deputyName ?? '',
    reason: i.response?.reason ?? '',
  }));
  const id = (k: string) => `rsvp-${i.bodyId}-${k}`;
  const save = async () => {
    const v = f.values;
    try {
      onSaved(
        await invitationsApi.answer(s.id, i.bodyId, {
          answer: v.answer,
          ...(v.answer === 'deputy' ? { deputyName: v.deputyName } : {}),
          ...(v.answer === 'decline' ? { reason: v.reason } : {}),
        }),
      );
      setStatus(t('sessions.saved'));
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  return (
    <form className="rsvp-form" onSubmit={onSubmit(() => void save())}>
      <label for={id('answer')}>{t('club.invite.yourAnswer')}</label>
      <select id={id('answer')} {...f.bind('answer')}>
        <option value="attend">{t('club.invite.option.attend')}</option>
        <option value="deputy">{t('club.invite.option.deputy')}</option>
        <option value="decline">{t('club.invite.option.decline')}</option>
      </select>
      {f.values.answer === 'deputy' ? (
        <>
          <label for={id('deputy')}>{t('club.invite.deputyName')}</label>
          <input id={id('deputy')} required minLength={2} maxLength={200} {...f.bind('deputyName')} />
        </>
      ) : null}
      {f.values.answer === 'decline' ? (
        <>
          <label for={id('reason')}>{t('club.invite.reason')}</label>
          <textarea id={id('reason')} required minLength={3} maxLength={1000} {...f.bind('reason')} />
        </>
      ) : null}
      <button type="submit">{t('club.invite.answerButton')}</button>
      <span role="status">{status}</span>
    </form>
  );
}

function AttendanceForm({ session: s, invitation: i, onSaved }: InvitationFormProps) {
  const [status, setStatus] = useState('');
  const f = useFields(() => ({
    name: i.attendance?.name ?? i.response?.deputyName ?? '',
  }));
  const record = async (present: boolean) => {
    try {
      onSaved(
        await invitationsApi.attendance(s.id, i.bodyId, {
          present,
          ...(present && f.values.name.trim() ? { name: f.values.name.trim() } : {}),
        }),
      );
      setStatus(t('sessions.saved'));
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  const nameId = `attendance-${i.bodyId}-name`;
  return (
    <div className="attendance-form">
      <label for={nameId}>{t('club.invite.attendeeName')}</label>
      <input id={nameId} maxLength={200} {...f.bind('name')} />
      <button type="button" onClick={() => void record(true)}>
        {t('club.invite.markPresent')}
      </button>
      <button type="button" onClick={() => void record(false)}>
        {t('club.invite.markAbsent')}
      </button>
      <span role="status">{status}</span>
    </div>
  );
}

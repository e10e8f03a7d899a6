/**
 * The item panel's club section: recommendations the club made about the item with their follow-up,
 * and, for club members, "put on the agenda" of any session being prepared (the item or one of its
 * questions).
 */

import { useEffect, useState } from 'preact/hooks';
import type { ItemView } from '../../../shared/item';
import { can } from '../../../shared/policy';
import type { QuestionView } from '../../../shared/questions';
import { isAgendaEditable, isUpcoming } from '../../../shared/session-rules';
import type { RecommendationView } from '../../../shared/sessions';
import { ApiError } from '../api';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { questionsApi } from '../questions/model';
import { onSubmit, useFields } from '../ui/form';
import { Link } from '../ui/Link';
import { mount } from '../ui/mount';
import { clubString } from './clubText';
import { ClubText } from './clubTextView';
import { bodyName, errorMessage, loadBodyNames, type SessionView, sessionsApi } from './model';
import { ItemRecordings } from './recordings';
import { signedIn, userKnown } from './user';

export function renderClubSection(container: HTMLElement, item: ItemView): () => void {
  return mount(container, <ClubSection item={item} />);
}

function ClubSection({ item }: { item: ItemView }) {
  const [recs, setRecs] = useState<RecommendationView[] | null>(null);
  const [status, setStatus] = useState('');
  const mayAdd = userKnown.value && can(signedIn(), 'sessions.edit');
  useEffect(() => {
    let alive = true;
    void Promise.all([
      loadBodyNames(),
      sessionsApi.itemRecommendations(item.id).catch(() => ({ recommendations: [] })),
    ]).then(([, r]) => alive && setRecs(r.recommendations));
    return () => {
      alive = false;
    };
  }, [item.id]);
  const lang = getLang();
  return (
    <>
      <h3>{t('sessions.panel.title')}</h3>
      <div className="sessions-recs">
        {!recs ? (
          t('sessions.loading')
        ) : recs.length === 0 ? (
          <p>{t('sessions.panel.none')}</p>
        ) : (
          <ul>
            {recs.map((r) => (
              <li data-rec-id={r.id} key={r.id}>
                <span className={`followup followup-${r.followUp}`}>
                  {t(`sessions.followUp.${r.followUp}`)}
                </span>{' '}
                <ClubText value={r.text} />
                <small>
                  {` — ${bodyName(r.bodyId)}, ${t('sessions.rec.due')}: ${formatDate(r.due, lang)}. `}
                  <Link href={`/sessions/${r.sessionId}`}>
                    {t('sessions.panel.fromSession', {
                      title: clubString(r.sessionTitle),
                      date: r.sessionStartsAt.slice(0, 10),
                    })}
                  </Link>
                </small>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ItemRecordings itemId={item.id} />
      {/* Shown once the recommendations are in, as before: the form does not push them down. */}
      <div className="sessions-add">
        {recs && mayAdd ? <AddToAgenda item={item} onStatus={setStatus} /> : null}
      </div>
      <p role="status" className="sessions-status">
        {status}
      </p>
    </>
  );
}

/** "Put on the agenda" of a session being prepared: the item itself, or one of its questions. */
function AddToAgenda({ item, onStatus: setStatus }: { item: ItemView; onStatus: (text: string) => void }) {
  const [choices, setChoices] = useState<{ open: SessionView[]; questions: QuestionView[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const f = useFields({ session: '', question: '' });
  useEffect(() => {
    let alive = true;
    const now = new Date();
    // Any session still being prepared, not only the next one: the agenda after next can be built too.
    Promise.all([
      sessionsApi
        .clubList()
        .then((r) => r.sessions.filter((s) => isAgendaEditable(s.status) && isUpcoming(s, now))),
      questionsApi.forItem(item.id).then((r) => r.questions),
    ]).then(
      ([open, questions]) => {
        if (!alive) return;
        setChoices({ open, questions });
        f.set('session', open[0]?.id ?? '');
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [item.id]);
  if (!choices || choices.open.length === 0) return null;
  const add = async () => {
    setBusy(true);
    try {
      const saved = await sessionsApi.addTo(f.values.session, {
        itemId: item.id,
        ...(f.values.question ? { questionId: f.values.question } : {}),
      });
      setStatus(t('sessions.panel.added', { title: clubString(saved.title) }));
    } catch (err) {
      setStatus(
        err instanceof ApiError && err.status === 409 && err.problem.code === 'session.entry_exists'
          ? t('club.add.already')
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };
  const lang = getLang();
  const sessionId = `club-add-session-${item.id}`;
  const questionId = `club-add-question-${item.id}`;
  return (
    <form className="club-add" onSubmit={onSubmit(() => void add())}>
      <label for={sessionId}>{t('club.add.session')}</label>
      <select id={sessionId} {...f.bind('session')}>
        {choices.open.map((s) => (
          <option
            key={s.id}
            value={s.id}
          >{`${clubString(s.title)}, ${formatDateTime(s.startUtc, lang)}`}</option>
        ))}
      </select>
      {choices.questions.length > 0 ? (
        <>
          <label for={questionId}>{t('club.add.question')}</label>
          {/* A question raised on the item can be the agenda entry itself; its body is invited by default. */}
          <select id={questionId} {...f.bind('question')}>
            <option value="">{t('club.add.itemItself')}</option>
            {choices.questions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button type="submit" className="sessions-add-button" disabled={busy}>
        {t('club.add.button')}
      </button>
    </form>
  );
}

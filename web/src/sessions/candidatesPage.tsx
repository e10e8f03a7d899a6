/**
 * Agenda candidates (club members): items and questions ranked by their signals, each with the
 * reasons shown, and a one-step "put on the agenda" of a chosen upcoming session. The entry invites
 * the question's body, else the item's (the server's default).
 */

import { useEffect, useState } from 'preact/hooks';
import { FLAGS } from '../../../shared/flags';
import { type Lang, pickText } from '../../../shared/i18n-text';
import { ApiError, api } from '../api';
import { formatCount, formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { Link } from '../ui/Link';
import { clubString } from './clubText';
import { bodyName, errorMessage, loadBodyNames, sessionsApi } from './model';

export type CandidateReason =
  | { code: 'flag'; flag: string }
  | { code: 'execution'; state: string }
  | { code: 'answer_overdue'; dueOn: string; daysLate: number }
  | { code: 'recommendation_overdue'; due: string; daysLate: number; count: number }
  | { code: 'site_problems' | 'comments' | 'support' | 'followers'; count: number };

export interface AgendaCandidate {
  kind: 'item' | 'question';
  itemId: string;
  questionId?: string;
  title: Record<string, string>;
  questionText?: string;
  bodyId: string;
  score: number;
  reasons: CandidateReason[];
  onAgendaOf: string[];
}

interface CandidateSession {
  id: string;
  title: Parameters<typeof clubString>[0];
  startUtc: string;
}

interface Candidates {
  today: string;
  candidates: AgendaCandidate[];
  sessions: CandidateSession[];
}

/** One reason in the reader's language, with its figure. */
export function reasonText(r: CandidateReason, lang: Lang): string {
  switch (r.code) {
    case 'flag':
      return FLAGS.find((f) => f.code === r.flag)?.title[lang] ?? r.flag;
    case 'execution':
      return t('club.candidates.reason.execution', { state: t(`exec.${r.state}`) });
    case 'answer_overdue':
      return t('club.candidates.reason.answerOverdue', {
        date: formatDate(r.dueOn, lang),
        days: formatCount(r.daysLate, lang),
      });
    case 'recommendation_overdue':
      return t('club.candidates.reason.recommendationOverdue', {
        count: formatCount(r.count, lang),
        date: formatDate(r.due, lang),
      });
    default:
      return t(`club.candidates.reason.${r.code}`, { count: formatCount(r.count, lang) });
  }
}

export function CandidatesPage() {
  const [data, setData] = useState<Candidates | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [target, setTarget] = useState('');
  useEffect(() => {
    let alive = true;
    Promise.all([api<Candidates>('/api/club/agenda-candidates'), loadBodyNames()]).then(
      ([c]) => {
        if (!alive) return;
        setData(c);
        setTarget(c.sessions[0]?.id ?? '');
      },
      (err) => alive && setFailure(err),
    );
    return () => {
      alive = false;
    };
  }, []);
  const lang = getLang();
  const placed = (c: AgendaCandidate, sessionId: string) =>
    setData((d) =>
      d
        ? {
            ...d,
            candidates: d.candidates.map((x) =>
              x === c ? { ...x, onAgendaOf: [...x.onAgendaOf, sessionId] } : x,
            ),
          }
        : d,
    );
  return (
    <>
      <h1 tabIndex={-1}>{t('club.candidates.title')}</h1>
      <p>{t('club.candidates.intro')}</p>
      <p>
        <Link href="/sessions">{t('club.candidates.back')}</Link>
      </p>
      {failure ? (
        <p role="alert">{errorMessage(failure)}</p>
      ) : !data ? (
        <p>{t('sessions.loading')}</p>
      ) : (
        <>
          {data.sessions.length === 0 ? (
            <p data-testid="no-target">{t('club.candidates.noSession')}</p>
          ) : (
            <div className="field">
              <label for="candidates-target">{t('club.add.session')}</label>
              <select
                id="candidates-target"
                value={target}
                onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}
              >
                {data.sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {`${clubString(s.title)}, ${formatDateTime(s.startUtc, lang)}`}
                  </option>
                ))}
              </select>
            </div>
          )}
          {data.candidates.length === 0 ? (
            <p>{t('club.candidates.none')}</p>
          ) : (
            <ol className="agenda-candidates" data-testid="candidates">
              {data.candidates.map((c) => (
                <CandidateRow
                  key={`${c.itemId}|${c.questionId ?? ''}`}
                  c={c}
                  target={data.sessions.find((s) => s.id === target) ?? null}
                  sessions={data.sessions}
                  onPlaced={(id) => placed(c, id)}
                />
              ))}
            </ol>
          )}
        </>
      )}
    </>
  );
}

function CandidateRow({
  c,
  target,
  sessions,
  onPlaced,
}: {
  c: AgendaCandidate;
  target: CandidateSession | null;
  sessions: CandidateSession[];
  onPlaced: (sessionId: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const lang = getLang();
  const title = pickText(c.title, lang);
  const already = target ? c.onAgendaOf.includes(target.id) : false;
  const add = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const saved = await sessionsApi.addTo(target.id, {
        itemId: c.itemId,
        ...(c.questionId ? { questionId: c.questionId } : {}),
      });
      onPlaced(target.id);
      setStatus(t('sessions.panel.added', { title: clubString(saved.title) }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.problem.code === 'session.entry_exists') {
        onPlaced(target.id);
        setStatus(t('club.add.already'));
      } else setStatus(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const onAgenda = sessions.filter((s) => c.onAgendaOf.includes(s.id));
  return (
    <li className="agenda-candidate" data-item-id={c.itemId} data-question-id={c.questionId ?? ''}>
      <div>
        <span className="candidate-kind">
          {t(c.kind === 'question' ? 'club.candidates.kind.question' : 'club.candidates.kind.item')}
        </span>{' '}
        <Link href={`/items/${c.itemId}`}>{title || c.itemId}</Link>
        {' · '}
        <span>{t('club.candidates.invites', { body: bodyName(c.bodyId) })}</span>
      </div>
      {c.questionText ? (
        <blockquote className="candidate-question">
          {c.questionText.length > 200 ? `${c.questionText.slice(0, 199)}…` : c.questionText}
        </blockquote>
      ) : null}
      <ul className="candidate-reasons" aria-label={t('club.candidates.reasons')}>
        {c.reasons.map((r, i) => (
          <li key={i} data-reason={r.code}>
            {reasonText(r, lang)}
          </li>
        ))}
      </ul>
      {onAgenda.length ? (
        <p className="candidate-on-agenda">
          {t('club.candidates.onAgenda', {
            sessions: onAgenda.map((s) => clubString(s.title)).join(', '),
          })}
        </p>
      ) : null}
      {target ? (
        <button type="button" className="candidate-add" disabled={busy || already} onClick={() => void add()}>
          {t('club.add.button')}
        </button>
      ) : null}
      <p role="status">{status}</p>
    </li>
  );
}

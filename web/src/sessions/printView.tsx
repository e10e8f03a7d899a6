/**
 * Printable agenda and minutes: a plain document laid out for A4 by the print stylesheet, in the
 * language chosen in the header (kk/ru/en). The public version of the session is printed, so what
 * is printed is what was published.
 */

import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { Link } from '../ui/Link';
import { ClubText } from './clubTextView';
import {
  bodyName,
  errorMessage,
  itemTitle,
  loadBodyNames,
  loadItemTitles,
  type SessionView,
  sessionsApi,
} from './model';
import { AttendanceList, MinutesHeading } from './sessionPage';
import { slotText } from './viewLogic';

export function PrintView({ id, doc }: { id: string; doc: 'agenda' | 'minutes' }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    sessionsApi
      .get(id)
      .then(async (s) => {
        await Promise.all([loadBodyNames(), loadItemTitles(s.entries.map((e) => e.itemId))]);
        if (alive) setSession(s);
      })
      .catch((err) => alive && setFailure(err));
    return () => {
      alive = false;
    };
  }, [id]);
  return (
    <>
      <p className="no-print">
        <Link href={`/sessions/${id}`}>{t('sessions.back')}</Link>{' '}
        <button type="button" onClick={() => print()}>
          {t('sessions.print.now')}
        </button>
      </p>
      <article className="print-doc" data-testid="print-doc">
        {failure ? (
          <p role="alert">
            {t('sessions.loadFailed')} {errorMessage(failure)}
          </p>
        ) : session ? (
          <PrintDoc s={session} doc={doc} />
        ) : (
          t('sessions.loading')
        )}
      </article>
    </>
  );
}

function PrintDoc({ s, doc }: { s: SessionView; doc: 'agenda' | 'minutes' }) {
  const lang = getLang();
  const recOf = new Map(s.recommendations.map((r) => [r.id, r]));
  return (
    <>
      <p className="print-club">{t('sessions.print.club')}</p>
      <h1>{t(doc === 'agenda' ? 'sessions.print.agendaTitle' : 'sessions.print.minutesTitle')}</h1>
      <h2>
        <ClubText value={s.title} />
      </h2>
      <p>
        {`${formatDateTime(s.startUtc, lang)} · `}
        <ClubText value={s.venue} />
        {doc === 'agenda' && s.agendaVersion > 1
          ? ` · ${t('sessions.version', { version: s.agendaVersion, date: '' }).replace(/,\s*$/, '')}`
          : ''}
      </p>
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">№</th>
            <th scope="col">{t('sessions.entry.slot')}</th>
            <th scope="col">{t('sessions.entry.item')}</th>
            <th scope="col">{t('sessions.entry.body')}</th>
            <th scope="col">{t('sessions.entry.presenter')}</th>
          </tr>
        </thead>
        <tbody>
          {s.entries.map((e, i) => (
            <tr key={e.id}>
              <td>{String(i + 1)}</td>
              <td>{slotText(e.slot)}</td>
              <td>
                {itemTitle(e.itemId)}
                {e.notes ? (
                  <div className="print-notes">
                    <ClubText value={e.notes} />
                  </div>
                ) : null}
                {doc === 'minutes' && e.outcome ? (
                  <div className="print-outcome">
                    <p>
                      <strong>{`${t('sessions.decision')}: `}</strong>
                      <ClubText value={e.outcome.decision} />
                    </p>
                    <ul>
                      {e.outcome.recommendationIds.flatMap((rid) => {
                        const r = recOf.get(rid);
                        return r ? (
                          <li key={r.id}>
                            <ClubText value={r.text} />
                            {` — ${bodyName(r.bodyId)}, ${t('sessions.rec.due')}: ${formatDate(r.due, lang)}`}
                          </li>
                        ) : (
                          []
                        );
                      })}
                    </ul>
                  </div>
                ) : null}
              </td>
              <td>{bodyName(e.bodyId)}</td>
              <td>{e.presenter ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {doc === 'minutes' && s.minutes ? (
        <>
          <h3>{t('sessions.minutes')}</h3>
          <MinutesHeading minutes={s.minutes} />
          <p className="minutes-text">
            <ClubText value={s.minutes.text} />
          </p>
          <h3>{t('sessions.attendance')}</h3>
          <AttendanceList attendance={s.minutes.attendance} />
        </>
      ) : null}
    </>
  );
}

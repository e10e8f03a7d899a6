/**
 * The public sessions page: club figures, upcoming and past sessions, the .ics feed; for club
 * members also the sessions in preparation and a form to start a new one; for officials the
 * sessions that involve their body.
 */

import { type ComponentChildren, Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { can } from '../../../shared/policy';
import type { Principal } from '../../../shared/users';
import { formatCount, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { navigate } from '../shell';
import { type Fields, onSubmit, useFields } from '../ui/form';
import { Link } from '../ui/Link';
import { ClubSettingsForm } from './clubSettings';
import { clubString, toBilingual, withLang } from './clubText';
import { BilingualField, ClubText } from './clubTextView';
import { ImpactLedger } from './impactLedger';
import { type ClubStats, errorMessage, type SessionView, sessionsApi } from './model';
import { type SessionFields, sessionBody } from './viewLogic';

export function StatusBadge({ session }: { session: SessionView }) {
  return (
    <span className={`session-status session-status-${session.status}`}>
      {t(`sessions.status.${session.status}`)}
    </span>
  );
}

function SessionList({ sessions, testId }: { sessions: SessionView[]; testId: string }) {
  if (sessions.length === 0) return <p data-testid={testId}>{t('sessions.none')}</p>;
  return (
    <ul className="session-list" data-testid={testId}>
      {sessions.map((s) => (
        <li key={s.id}>
          <Link href={`/sessions/${s.id}`}>{clubString(s.title)}</Link> <StatusBadge session={s} />
          <div className="session-meta">
            {`${formatDateTime(s.startUtc, getLang())} · `}
            <ClubText value={s.venue} />
          </div>
        </li>
      ))}
    </ul>
  );
}

export function StatsBlock({ stats }: { stats: ClubStats }) {
  const lang = getLang();
  const figure = (key: string, n: number, id: string) => (
    <div className="club-figure">
      <dt>{t(key)}</dt>
      <dd data-stat={id}>{formatCount(n, lang)}</dd>
    </div>
  );
  return (
    <section className="club-stats" aria-labelledby="club-stats-title">
      <h2 id="club-stats-title">{t('sessions.stats.title')}</h2>
      <dl>
        {figure('sessions.stats.held', stats.sessionsHeld, 'held')}
        {figure('sessions.stats.questions', stats.questionsConsidered, 'questions')}
        {figure('sessions.stats.done', stats.recommendations.done, 'done')}
        {figure('sessions.stats.overdue', stats.recommendations.overdue, 'overdue')}
      </dl>
    </section>
  );
}

/** Each language named in itself, as language pickers do. */
const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' } as const;

/** A labelled input in the forms' usual layout. */
export function Field({
  id,
  labelKey,
  children,
}: {
  id: string;
  labelKey: string;
  children: ComponentChildren;
}) {
  return (
    <div className="field">
      <label for={id}>{t(labelKey)}</label>
      {children}
    </div>
  );
}

/** Time, length, venue, format and link of a session: the new-session form and the details form share them. */
export function SessionFieldsView({ prefix, f }: { prefix: 'ns' | 'sd'; f: Fields<SessionFields> }) {
  return (
    <>
      <BilingualField
        id={`${prefix}-title`}
        labelKey="sessions.field.title"
        value={f.values.title}
        onChange={(lang, text) => f.update('title', withLang(lang, text))}
        required
        maxlength={300}
      />
      <Field id={`${prefix}-starts`} labelKey="sessions.field.startsAt">
        <input id={`${prefix}-starts`} type="datetime-local" required {...f.bind('startsAt')} />
      </Field>
      <Field id={`${prefix}-duration`} labelKey="sessions.field.duration">
        <input id={`${prefix}-duration`} type="number" min={15} max={600} {...f.bind('duration')} />
      </Field>
      <BilingualField
        id={`${prefix}-venue`}
        labelKey="sessions.field.venue"
        value={f.values.venue}
        onChange={(lang, text) => f.update('venue', withLang(lang, text))}
        required
        maxlength={300}
      />
      <Field id={`${prefix}-format`} labelKey="sessions.field.format">
        <select id={`${prefix}-format`} {...f.bind('format')}>
          <option value="in_person">{t('sessions.format.in_person')}</option>
          <option value="broadcast">{t('sessions.format.broadcast')}</option>
        </select>
      </Field>
      <Field id={`${prefix}-link`} labelKey="sessions.field.link">
        <input id={`${prefix}-link`} type="url" {...f.bind('link')} />
      </Field>
    </>
  );
}

function NewSessionForm() {
  const [status, setStatus] = useState('');
  const f = useFields<SessionFields>(() => ({
    title: toBilingual(undefined),
    startsAt: '',
    duration: '120',
    venue: toBilingual({ kk: '«Antikor» орталығы', ru: 'Центр «Antikor»' }),
    format: 'in_person',
    link: '',
  }));
  const create = async () => {
    try {
      const s = await sessionsApi.create({ ...sessionBody(f.values), participants: [] });
      navigate(`/sessions/${s.id}`);
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  return (
    <form className="session-form" aria-labelledby="ns-heading" onSubmit={onSubmit(() => void create())}>
      <h2 id="ns-heading">{t('sessions.new')}</h2>
      <SessionFieldsView prefix="ns" f={f} />
      <button type="submit">{t('sessions.create')}</button>
      <p role="status">{status}</p>
    </form>
  );
}

interface ListData {
  upcoming: SessionView[];
  past: SessionView[];
  stats: ClubStats;
  club: SessionView[] | null;
  involved: SessionView[] | null;
}

export function ListPage({ user }: { user: Principal | null }) {
  const [data, setData] = useState<ListData | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const canEdit = can(user, 'sessions.edit');
  const canSeeInvolved = can(user, 'sessions.involved');
  useEffect(() => {
    let alive = true;
    Promise.all([
      sessionsApi.list('upcoming'),
      sessionsApi.list('past'),
      sessionsApi.stats(),
      canEdit ? sessionsApi.clubList() : null,
      canSeeInvolved ? sessionsApi.involved() : null,
    ]).then(
      ([upcoming, past, stats, club, involved]) =>
        alive &&
        setData({
          upcoming: upcoming.sessions,
          past: past.sessions,
          stats,
          club: club?.sessions ?? null,
          involved: involved?.sessions ?? null,
        }),
      (err) => alive && setFailure(err),
    );
    return () => {
      alive = false;
    };
  }, [canEdit, canSeeInvolved]);
  return (
    <>
      <h1 tabIndex={-1}>{t('sessions.title')}</h1>
      <p>{t('sessions.intro')}</p>
      {/* Calendar apps send no language: one feed link per language, each named in its own language. */}
      <p className="ics-links">
        {`${t('sessions.calendar')}: `}
        {(['kk', 'ru', 'en'] as const).map((l, i) => (
          <Fragment key={l}>
            {i > 0 ? ' · ' : ''}
            <a href={`/api/sessions.ics?lang=${l}`} className="ics-link" lang={l} hreflang={l}>
              {LANG_NAMES[l]}
            </a>
          </Fragment>
        ))}
      </p>
      <div>
        {failure ? (
          <p role="alert">
            {t('sessions.loadFailed')} {errorMessage(failure)}
          </p>
        ) : !data ? (
          t('sessions.loading')
        ) : (
          <>
            <StatsBlock stats={data.stats} />
            <ImpactLedger />
            {data.club ? (
              <>
                <section aria-labelledby="drafts-title">
                  <h2 id="drafts-title">{t('sessions.drafts')}</h2>
                  <p>
                    <Link href="/sessions/candidates">{t('club.candidates.link')}</Link>
                  </p>
                  <SessionList sessions={data.club.filter((s) => s.status === 'draft')} testId="drafts" />
                </section>
                <NewSessionForm />
                {can(user, 'sessions.publish') ? <ClubSettingsForm /> : null}
              </>
            ) : null}
            {data.involved ? (
              <section aria-labelledby="involved-title">
                <h2 id="involved-title">{t('sessions.involved')}</h2>
                <SessionList sessions={data.involved} testId="involved" />
              </section>
            ) : null}
            <section aria-labelledby="upcoming-title">
              <h2 id="upcoming-title">{t('sessions.upcoming')}</h2>
              <SessionList sessions={data.upcoming} testId="upcoming" />
            </section>
            <section aria-labelledby="past-title">
              <h2 id="past-title">{t('sessions.past')}</h2>
              <SessionList sessions={data.past} testId="past" />
            </section>
          </>
        )}
      </div>
    </>
  );
}

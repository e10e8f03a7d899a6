/**
 * One session: its facts, the agenda (an agenda builder for club members: reorder by drag or by the
 * move buttons with a spoken announcement, slot / presenter / body / notes per entry), publishing
 * and version history (secretary), outcomes per entry, follow-ups (officials of the addressed body),
 * minutes, and links to the printable agenda and minutes.
 *
 * Every edit sends the version the page shows; when someone else got there first the API answers
 * 409, the page reloads the latest version and says so, and nothing stored is lost. Entries, rows
 * and forms are keyed by id: a save re-renders the page without replacing the forms around it, so
 * what is typed in another entry's form and where the focus is stay as they were.
 */

import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_ENTRY_MINUTES } from '../../../shared/agenda-timing';
import { can } from '../../../shared/policy';
import { isAgendaEditable, moveEntry } from '../../../shared/session-rules';
import type {
  AgendaEntry,
  AgendaVersion,
  MinutesVersion,
  RecommendationView,
} from '../../../shared/sessions';
import type { Principal } from '../../../shared/users';
import { call, client } from '../api/client';
import { DocumentList } from '../evidence/document-list';
import { OFFICIAL_FILE_ACCEPT, uploadOfficialFiles } from '../evidence/officialFiles';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { type Fields, onSubmit, useFields } from '../ui/form';
import { Link } from '../ui/Link';
import { type Bilingual, fromBilingual, toBilingual, withLang } from './clubText';
import { BilingualField, ClubText } from './clubTextView';
import { ImpactLedger } from './impactLedger';
import { InvitationsSection } from './invitations';
import { Field, SessionFieldsView, StatusBadge } from './listPage';
import {
  bodyIds,
  bodyName,
  errorMessage,
  isConflict,
  itemTitle,
  loadBodyNames,
  loadItemTitles,
  type SessionView,
  sessionsApi,
} from './model';
import { MinutesRecordings, RecordingForm, RecordingLink, recordingsOpen } from './recordings';
import {
  attendanceText,
  correctedAttendance,
  dropOrder,
  type EntryFields,
  entryPatch,
  focusAfterMove,
  minutesVersionChoices,
  type ParticipantRow,
  parseAttendance,
  participantsOf,
  quorumState,
  type RecommendationRow,
  recommendationsOf,
  type SessionFields,
  sessionBody,
  slotText,
} from './viewLogic';

interface PageState {
  session: SessionView;
  versions: AgendaVersion[];
  editable: boolean;
}

/** What the page's sections may do: edit with the version shown, reload, and speak to screen readers. */
interface PageActions {
  user: Principal | null;
  canEdit: boolean;
  canPublish: boolean;
  /**
   * Runs an edit against the session shown; on a lost race reloads the latest version and says so.
   * `focus` is a selector focused after the page has re-rendered. Resolves true when it was saved.
   */
  edit(run: (s: SessionView) => Promise<SessionView>, done?: string, focus?: string): Promise<boolean>;
  reload(): Promise<void>;
  announce(text: string): void;
}

const loadVersions = (id: string) => sessionsApi.versions(id).then((v) => v.versions);

export function SessionPage({ id, user }: { id: string; user: Principal | null }) {
  const canEdit = can(user, 'sessions.edit');
  const canPublish = can(user, 'sessions.publish');
  const [state, setState] = useState<PageState | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [pageError, setPageError] = useState('');
  // A counter with the text, so the same words said twice ("Saved.") are announced twice.
  const [spoken, setSpoken] = useState({ text: '', n: 0 });
  const latest = useRef<PageState | null>(null);
  const alive = useRef(true);
  const pendingFocus = useRef<string | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);
  latest.current = state;

  /** Reads the session as this user may see it, with what the page shows beside it. */
  async function fetchState(): Promise<PageState> {
    const session = canEdit ? await sessionsApi.draft(id) : await sessionsApi.get(id).catch(involvedDraft);
    const [versions] = await Promise.all([
      session.agendaVersion > 0 ? loadVersions(id) : [],
      loadBodyNames(),
      loadItemTitles(session.entries.map((e) => e.itemId)),
    ]);
    return { session, versions, editable: canEdit && isAgendaEditable(session.status) };
  }

  /** An official invited to a session still in draft reads it from the sessions involving their body. */
  async function involvedDraft(err: unknown): Promise<SessionView> {
    if (can(user, 'sessions.involved')) {
      const found = (await sessionsApi.involved()).sessions.find((x) => x.id === id);
      if (found) return found;
    }
    throw err;
  }

  const show = (next: PageState, focus?: string) => {
    if (!alive.current) return;
    pendingFocus.current = focus;
    setState(next);
  };
  const announce = (text: string) => setSpoken((s) => ({ text, n: s.n + 1 }));

  const actions: PageActions = {
    user,
    canEdit,
    canPublish,
    async edit(run, done, focus) {
      const current = latest.current;
      if (!current) return false;
      try {
        const saved = await run(current.session);
        const [versions] = await Promise.all([
          saved.agendaVersion > 0 ? loadVersions(id) : current.versions,
          loadItemTitles(saved.entries.map((e) => e.itemId)),
        ]);
        setPageError('');
        show({ session: saved, versions, editable: canEdit && isAgendaEditable(saved.status) }, focus);
        if (done) announce(done);
        return true;
      } catch (err) {
        if (isConflict(err)) show(await fetchState(), focus);
        announce(errorMessage(err));
        setPageError(errorMessage(err));
        return false;
      }
    },
    async reload() {
      setPageError('');
      show(await fetchState());
    },
    announce,
  };

  useEffect(() => {
    alive.current = true;
    fetchState().then(
      (s) => show(s),
      (err) => alive.current && setFailure(err),
    );
    return () => {
      alive.current = false;
    };
    // The route remounts this page for another session or another user (see ./routes.tsx).
  }, []);

  // Focus asked for by the last edit (a move button), once the page shows its result.
  useEffect(() => {
    const selector = pendingFocus.current;
    if (!selector) return;
    pendingFocus.current = undefined;
    root.current?.querySelector<HTMLElement>(selector)?.focus();
  });

  return (
    <>
      <p>
        <Link href="/sessions">{t('sessions.back')}</Link>
      </p>
      <div ref={root}>
        {failure ? (
          <p role="alert">
            {t('sessions.loadFailed')} {errorMessage(failure)}
          </p>
        ) : !state ? (
          t('sessions.loading')
        ) : (
          <SessionBody st={state} page={actions} pageError={pageError} />
        )}
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="announce">
        <Fragment key={spoken.n}>{spoken.text}</Fragment>
      </p>
    </>
  );
}

function SessionBody({ st, page, pageError }: { st: PageState; page: PageActions; pageError: string }) {
  const s = st.session;
  const lang = getLang();
  return (
    <>
      <h1 tabIndex={-1}>
        <ClubText value={s.title} />
      </h1>
      <p>
        <StatusBadge session={s} />
      </p>
      <p role="alert" data-testid="page-error" className="sessions-error">
        {pageError}
      </p>
      <dl className="session-facts">
        <dt>{t('sessions.when')}</dt>
        <dd>{`${formatDateTime(s.startUtc, lang)} (${t('sessions.duration', { minutes: s.durationMinutes })})`}</dd>
        <dt>{t('sessions.venue')}</dt>
        <dd data-user-content="">
          <ClubText value={s.venue} />
        </dd>
        <dt>{t('sessions.format')}</dt>
        <dd>
          {t(`sessions.format.${s.format}`)}
          {s.link ? (
            <>
              {' — '}
              <a href={s.link} rel="noopener">
                {s.link}
              </a>
            </>
          ) : null}
        </dd>
        {s.participants.length ? (
          <>
            <dt>{t('sessions.participants')}</dt>
            <dd>
              {s.participants
                .map((p) => (p.bodyId ? `${p.name} (${bodyName(p.bodyId)})` : p.name))
                .join('; ')}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="session-print-links">
        {s.status !== 'draft' ? (
          <Link href={`/sessions/${s.id}/print/agenda`}>{t('sessions.print.agenda')}</Link>
        ) : null}{' '}
        {s.minutes ? (
          <Link href={`/sessions/${s.id}/print/minutes`}>{t('sessions.print.minutes')}</Link>
        ) : null}
      </p>
      {st.editable ? <DetailsForm session={s} page={page} /> : null}
      <AgendaSection st={st} page={page} />
      {s.status !== 'draft' || page.canEdit || can(page.user, 'sessions.involved') ? (
        <InvitationsSection session={s} user={page.user} />
      ) : null}
      {page.canPublish && st.editable ? <PublishForm session={s} page={page} /> : null}
      {page.canPublish && s.status === 'agenda_published' ? (
        <p>
          <button
            type="button"
            onClick={() =>
              void page.edit((cur) => sessionsApi.held(cur.id, cur.version), t('sessions.saved'))
            }
          >
            {t('sessions.markHeld')}
          </button>
        </p>
      ) : null}
      {st.versions.length ? <VersionsSection versions={st.versions} /> : null}
      {s.status === 'held' || s.status === 'minutes_published' ? (
        <OutcomesSection session={s} page={page} />
      ) : null}
      <MinutesSection session={s} page={page} />
      {s.status === 'held' || s.status === 'minutes_published' ? <ImpactLedger sessionId={s.id} /> : null}
    </>
  );
}

/** A picker of the bodies (invited body, addressee); "—" is none. */
function BodySelect({
  id,
  value,
  onInput,
  required,
}: {
  id: string;
  value: string;
  onInput: (bodyId: string) => void;
  required?: boolean;
}) {
  return (
    <select
      id={id}
      name={id}
      required={required}
      value={value}
      onInput={(e) => onInput((e.currentTarget as HTMLSelectElement).value)}
    >
      <option value="">—</option>
      {bodyIds().map((b) => (
        <option key={b} value={b}>
          {bodyName(b)}
        </option>
      ))}
    </select>
  );
}

function AgendaSection({ st, page }: { st: PageState; page: PageActions }) {
  const entries = st.session.entries;
  // The entry being dragged (also in dataTransfer, for a drop that arrives without dragstart here).
  const dragged = useRef<string | null>(null);
  const reorderTo = (ids: string[], movedId: string, focus?: string) => {
    const title = itemTitle(entries.find((e) => e.id === movedId)?.itemId ?? '');
    void page.edit(
      (cur) => sessionsApi.reorder(cur.id, cur.version, ids),
      t('sessions.moved', { title, position: ids.indexOf(movedId) + 1, count: ids.length }),
      focus,
    );
  };
  const move = (entry: AgendaEntry, delta: -1 | 1) => {
    const next = moveEntry(entries, entry.id, delta);
    if (next === entries) return;
    const order = next.map((e) => e.id);
    const which = focusAfterMove(order, entry.id, delta < 0 ? 'up' : 'down');
    reorderTo(order, entry.id, `[data-entry-id="${entry.id}"] button[data-move="${which}"]`);
  };
  const drop = (e: DragEvent, onto: string) => {
    e.preventDefault();
    const from = dragged.current ?? e.dataTransfer?.getData('text/plain');
    dragged.current = null;
    if (!from) return;
    const order = dropOrder(
      entries.map((x) => x.id),
      from,
      onto,
    );
    if (order) reorderTo(order, from);
  };
  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('sessions.agenda')}</h2>
      {entries.length ? (
        <ol className="agenda" data-testid="agenda">
          {entries.map((entry, index) => {
            const title = itemTitle(entry.itemId);
            return (
              <li
                key={entry.id}
                className="agenda-entry"
                data-entry-id={entry.id}
                draggable={st.editable ? true : undefined}
                onDragStart={(e) => {
                  dragged.current = entry.id;
                  e.dataTransfer?.setData('text/plain', entry.id);
                }}
                onDragOver={(e) => {
                  if (dragged.current) e.preventDefault();
                }}
                onDrop={(e) => drop(e, entry.id)}
              >
                <div className="agenda-line">
                  {st.editable ? (
                    <span className="drag-handle" aria-hidden="true" title={t('sessions.entry.drag')}>
                      ⠿
                    </span>
                  ) : null}
                  <span className="agenda-slot">{slotText(entry.slot)}</span>
                  <a href={`/items/${entry.itemId}`} className="agenda-item">
                    {title}
                  </a>
                  {entry.bodyId ? (
                    <span className="agenda-body">{` — ${bodyName(entry.bodyId)}`}</span>
                  ) : null}
                  {entry.presenter ? (
                    <span className="agenda-presenter">{` · ${t('sessions.entry.presenter')}: ${entry.presenter}`}</span>
                  ) : null}
                </div>
                {entry.notes ? (
                  <p className="agenda-notes">
                    <ClubText value={entry.notes} />
                  </p>
                ) : null}
                {entry.recording ? (
                  <p className="agenda-recording">
                    <RecordingLink recording={entry.recording} />
                  </p>
                ) : null}
                {page.canPublish && recordingsOpen(st.session) ? (
                  <RecordingForm entry={entry} save={page.edit} />
                ) : null}
                {st.editable ? (
                  <div className="agenda-controls">
                    <button
                      type="button"
                      data-move="up"
                      aria-label={t('sessions.entry.up', { title })}
                      disabled={index === 0}
                      onClick={() => move(entry, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      data-move="down"
                      aria-label={t('sessions.entry.down', { title })}
                      disabled={index === entries.length - 1}
                      onClick={() => move(entry, 1)}
                    >
                      ↓
                    </button>
                    <EntryForm entry={entry} page={page} />
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        void page.edit(
                          (cur) => sessionsApi.removeEntry(cur.id, entry.id, cur.version),
                          t('sessions.saved'),
                        )
                      }
                    >
                      {t('sessions.entry.remove')}
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p>{t('sessions.agendaEmpty')}</p>
      )}
    </section>
  );
}

/** An entry's length, presenter, invited body and notes. The start follows from the order (shared/agenda-timing.ts). */
function EntryForm({ entry, page }: { entry: AgendaEntry; page: PageActions }) {
  const p = `e-${entry.id}`;
  const f = useFields<EntryFields>(() => ({
    minutes: String(entry.minutes ?? entry.slot?.minutes ?? DEFAULT_ENTRY_MINUTES),
    presenter: entry.presenter ?? '',
    bodyId: entry.bodyId ?? '',
    notes: toBilingual(entry.notes),
  }));
  const save = () =>
    void page.edit(
      (cur) => sessionsApi.patchEntry(cur.id, entry.id, { version: cur.version, ...entryPatch(f.values) }),
      t('sessions.saved'),
    );
  return (
    <details className="entry-edit">
      <summary>{`${t('sessions.entry.slot')} / ${t('sessions.entry.presenter')} / ${t('sessions.entry.notes')}`}</summary>
      <form onSubmit={onSubmit(save)}>
        {entry.slot ? (
          <p className="entry-start">{t('club.entry.startsAt', { start: entry.slot.start })}</p>
        ) : null}
        <Field id={`${p}-min`} labelKey="sessions.entry.slotMinutes">
          <input id={`${p}-min`} type="number" min={1} max={240} {...f.bind('minutes')} />
        </Field>
        <Field id={`${p}-presenter`} labelKey="sessions.entry.presenter">
          <input id={`${p}-presenter`} maxLength={200} {...f.bind('presenter')} />
        </Field>
        <Field id={`${p}-body`} labelKey="sessions.entry.body">
          <BodySelect id={`${p}-body`} value={f.values.bodyId} onInput={(v) => f.set('bodyId', v)} />
        </Field>
        <BilingualField
          id={`${p}-notes`}
          labelKey="sessions.entry.notes"
          value={f.values.notes}
          onChange={(lang, text) => f.update('notes', withLang(lang, text))}
          multiline
          rows={2}
          maxlength={2000}
        />
        <button type="submit">{t('sessions.entry.save')}</button>
      </form>
    </details>
  );
}

/** Title, time, venue, format and participants (members, and invited officials with their bodies). */
function DetailsForm({ session: s, page }: { session: SessionView; page: PageActions }) {
  const f = useFields<SessionFields>(() => ({
    title: toBilingual(s.title),
    startsAt: s.startsAt,
    duration: String(s.durationMinutes),
    venue: toBilingual(s.venue),
    format: s.format,
    link: s.link ?? '',
  }));
  const nextKey = useRef(0);
  const row = (p?: SessionView['participants'][number]): ParticipantRow => ({
    key: `sd-p${nextKey.current++}`,
    name: p?.name ?? '',
    bodyId: p?.bodyId ?? '',
  });
  const [rows, setRows] = useState<ParticipantRow[]>(() => s.participants.map(row));
  const change = (key: string, patch: Partial<ParticipantRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = () =>
    void page.edit(
      (cur) =>
        sessionsApi.patch(cur.id, {
          version: cur.version,
          ...sessionBody(f.values),
          participants: participantsOf(rows),
        }),
      t('sessions.saved'),
    );
  return (
    <details className="session-details-edit">
      <summary>{t('sessions.details.edit')}</summary>
      <form className="session-form" onSubmit={onSubmit(save)}>
        <SessionFieldsView prefix="sd" f={f} />
        <h3>{t('sessions.participants')}</h3>
        <div className="participant-rows">
          {rows.map((r) => (
            <fieldset className="participant-row" key={r.key}>
              <legend>{t('sessions.participant')}</legend>
              <label for={`${r.key}-name`}>{t('sessions.participant.name')}</label>
              <input
                id={`${r.key}-name`}
                name={`${r.key}-name`}
                value={r.name}
                required
                maxLength={200}
                onInput={(e) => change(r.key, { name: (e.currentTarget as HTMLInputElement).value })}
              />
              <label for={`${r.key}-body`}>{t('sessions.participant.body')}</label>
              <BodySelect
                id={`${r.key}-body`}
                value={r.bodyId}
                onInput={(bodyId) => change(r.key, { bodyId })}
              />
              <button type="button" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                {t('sessions.participant.remove')}
              </button>
            </fieldset>
          ))}
        </div>
        <button type="button" onClick={() => setRows((rs) => [...rs, row()])}>
          {t('sessions.participant.add')}
        </button>
        <button type="submit">{t('sessions.entry.save')}</button>
      </form>
    </details>
  );
}

function PublishForm({ session: s, page }: { session: SessionView; page: PageActions }) {
  const [note, setNote] = useState('');
  const publish = async () => {
    const published = await page.edit(async (cur) => {
      const v = await sessionsApi.publish(cur.id, cur.version, note.trim());
      page.announce(t('sessions.published', { version: v.version }));
      return sessionsApi.draft(cur.id);
    });
    if (published) setNote('');
  };
  return (
    <form className="publish-form" onSubmit={onSubmit(() => void publish())}>
      <label for="publish-note">{t('sessions.changeNote')}</label>
      <input
        id="publish-note"
        name="changeNote"
        maxLength={1000}
        required={s.agendaVersion > 0}
        value={note}
        onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" disabled={s.entries.length === 0}>
        {t('sessions.publish')}
      </button>
    </form>
  );
}

function VersionsSection({ versions }: { versions: AgendaVersion[] }) {
  const lang = getLang();
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t('sessions.versions')}</h2>
      <ol className="versions" data-testid="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <strong>
              {t('sessions.version', { version: v.version, date: formatDateTime(v.publishedAt, lang) })}
            </strong>
            {': '}
            {v.changeNote || t('sessions.firstVersion')}
          </li>
        ))}
      </ol>
    </section>
  );
}

function OutcomesSection({ session: s, page }: { session: SessionView; page: PageActions }) {
  const lang = getLang();
  const recOf = new Map(s.recommendations.map((r) => [r.id, r]));
  return (
    <section aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">{t('sessions.outcome')}</h2>
      {s.entries.map((entry, i) => {
        const recs = (entry.outcome?.recommendationIds ?? []).flatMap((rid) => recOf.get(rid) ?? []);
        return (
          <article className="outcome" data-outcome-entry={entry.id} key={entry.id}>
            <h3>{`${i + 1}. ${itemTitle(entry.itemId)}`}</h3>
            {entry.outcome ? (
              <p>
                <strong>{`${t('sessions.decision')}: `}</strong>
                <ClubText value={entry.outcome.decision} />
              </p>
            ) : null}
            {recs.length ? (
              <ul className="recs">
                {recs.map((r) => (
                  <li data-rec-id={r.id} key={r.id}>
                    <span className={`followup followup-${r.followUp}`}>
                      {t(`sessions.followUp.${r.followUp}`)}
                    </span>{' '}
                    <ClubText value={r.text} />
                    {` — ${bodyName(r.bodyId)}, ${t('sessions.rec.due')}: ${formatDate(r.due, lang)}`}
                    {r.evidence ? (
                      <p className="evidence">{`${t('sessions.evidence')}: ${r.evidence}`}</p>
                    ) : null}
                    <DocumentList files={r.documents} label={t('sessions.documents')} />
                    {r.verification ? (
                      <p className={`verification verification-${r.verification.verdict}`}>
                        {t(`sessions.verify.${r.verification.verdict}`, { name: r.verification.byName })}
                        {r.verification.reason ? `: ${r.verification.reason}` : ''}
                      </p>
                    ) : null}
                    {can(page.user, 'sessions.markDone', { bodyId: r.bodyId }) ? (
                      <FollowUpForm rec={r} page={page} />
                    ) : null}
                    {r.status === 'done' && !r.verification && can(page.user, 'sessions.verifyFollowUp') ? (
                      <VerifyForm rec={r} page={page} />
                    ) : null}
                    {r.followUp === 'overdue' && can(page.user, 'sessions.escalate') ? (
                      <EscalateForm rec={r} page={page} />
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {page.canEdit && s.status === 'held' ? (
              // Keyed by what is stored: after a save (or someone else's) the form starts from the
              // recommendations as recorded, with their ids, so a second save does not add them again.
              <OutcomeForm
                key={(entry.outcome?.recommendationIds ?? []).join(',')}
                entry={entry}
                existing={recs}
                page={page}
              />
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

/** A follow-up call outside the session's version (a recommendation): reload and say how it went. */
async function followUpCall(page: PageActions, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    await page.reload();
    page.announce(t('sessions.saved'));
  } catch (err) {
    page.announce(errorMessage(err));
  }
}

function FollowUpForm({ rec, page }: { rec: RecommendationView; page: PageActions }) {
  const [evidence, setEvidence] = useState('');
  const files = useRef<HTMLInputElement>(null);
  const apply = (status: 'open' | 'done') =>
    void followUpCall(page, async () => {
      // The documents go up first (type checked by their bytes); the follow-up then names them, each
      // signature file linked to the document it signs.
      const documents = await uploadOfficialFiles([...(files.current?.files ?? [])]);
      return sessionsApi.followUp(rec.itemId, rec.id, {
        status,
        ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        ...(documents.length ? { documents } : {}),
      });
    });
  if (rec.status === 'done')
    return (
      <button type="button" onClick={() => apply('open')}>
        {t('sessions.reopen')}
      </button>
    );
  return (
    <form className="followup-form" onSubmit={onSubmit(() => apply('done'))}>
      <label for={`ev-${rec.id}`}>{t('sessions.evidence')}</label>
      <input
        id={`ev-${rec.id}`}
        name="evidence"
        maxLength={2000}
        value={evidence}
        onInput={(e) => setEvidence((e.currentTarget as HTMLInputElement).value)}
      />
      <label for={`docs-${rec.id}`}>{t('sessions.documents')}</label>
      <input
        id={`docs-${rec.id}`}
        ref={files}
        type="file"
        name="documents"
        multiple
        accept={OFFICIAL_FILE_ACCEPT}
      />
      <button type="submit">{t('sessions.markDone')}</button>
    </form>
  );
}

/** The club's check of a "done": confirm, or contest with the reason (it goes back to open). */
function VerifyForm({ rec, page }: { rec: RecommendationView; page: PageActions }) {
  const [reason, setReason] = useState('');
  const apply = (verdict: 'confirmed' | 'contested') =>
    void followUpCall(page, () =>
      sessionsApi.verifyFollowUp(rec.itemId, rec.id, {
        verdict,
        ...(verdict === 'contested' ? { reason: reason.trim() } : {}),
      }),
    );
  return (
    <div className="verify-form">
      <button type="button" onClick={() => apply('confirmed')}>
        {t('sessions.verify.confirm')}
      </button>
      <label for={`why-${rec.id}`}>{t('sessions.verify.reason')}</label>
      <input
        id={`why-${rec.id}`}
        name="reason"
        maxLength={2000}
        value={reason}
        onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="button" onClick={() => apply('contested')}>
        {t('sessions.verify.contest')}
      </button>
    </div>
  );
}

/** Escalating an overdue recommendation to a control body: the letter opens to print. */
function EscalateForm({ rec, page }: { rec: RecommendationView; page: PageActions }) {
  const f = useFields({ to: '', kind: 'superior_body', lang: 'kk' });
  const send = async () => {
    try {
      const made = await sessionsApi.escalate(rec.itemId, rec.id, {
        addressee: { kind: f.values.kind, name: f.values.to.trim() },
        lang: f.values.lang,
      });
      window.open(sessionsApi.letterUrl(rec.itemId, rec.id, made.id), '_blank', 'noopener');
      page.announce(t('sessions.escalate.made'));
    } catch (err) {
      page.announce(errorMessage(err));
    }
  };
  return (
    <form className="escalate-form" onSubmit={onSubmit(() => void send())}>
      <label for={`esc-kind-${rec.id}`}>{t('sessions.escalate.kind')}</label>
      <select id={`esc-kind-${rec.id}`} {...f.bind('kind')}>
        <option value="superior_body">{t('sessions.escalate.superior')}</option>
        <option value="prosecutor">{t('sessions.escalate.prosecutor')}</option>
      </select>
      <label for={`esc-to-${rec.id}`}>{t('sessions.escalate.to')}</label>
      <input id={`esc-to-${rec.id}`} required minLength={2} maxLength={300} {...f.bind('to')} />
      <label for={`esc-lang-${rec.id}`}>{t('sessions.escalate.lang')}</label>
      <select id={`esc-lang-${rec.id}`} {...f.bind('lang')}>
        <option value="kk">Қазақша</option>
        <option value="ru">Русский</option>
      </select>
      <button type="submit">{t('sessions.escalate.submit')}</button>
    </form>
  );
}

function OutcomeForm({
  entry,
  existing,
  page,
}: {
  entry: AgendaEntry;
  existing: RecommendationView[];
  page: PageActions;
}) {
  const p = `o-${entry.id}`;
  const [decision, setDecision] = useState(() => toBilingual(entry.outcome?.decision));
  const nextKey = useRef(0);
  const row = (r?: RecommendationView): RecommendationRow => ({
    key: `${p}-r${nextKey.current++}`,
    ...(r ? { id: r.id } : {}),
    text: toBilingual(r?.text),
    bodyId: r?.bodyId ?? entry.bodyId ?? '',
    due: r?.due ?? '',
  });
  const [rows, setRows] = useState<RecommendationRow[]>(() => existing.map(row));
  const change = (key: string, patch: (r: RecommendationRow) => Partial<RecommendationRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch(r) } : r)));
  const save = () =>
    void page.edit(
      (cur) =>
        sessionsApi.outcome(cur.id, entry.id, {
          version: cur.version,
          decision: fromBilingual(decision),
          recommendations: recommendationsOf(rows),
        }),
      t('sessions.saved'),
    );
  return (
    <form className="outcome-form" onSubmit={onSubmit(save)}>
      <BilingualField
        id={`${p}-decision`}
        labelKey="sessions.decision"
        value={decision}
        onChange={(lang, text) => setDecision(withLang(lang, text))}
        multiline
        required
        maxlength={5000}
      />
      <div className="rec-rows">
        {rows.map((r) => (
          <fieldset className="rec-row" data-rec-id={r.id ?? ''} key={r.key}>
            <legend>{t('sessions.recommendations')}</legend>
            <BilingualField
              id={`${r.key}-text`}
              labelKey="sessions.rec.text"
              value={r.text}
              onChange={(lang, text) => change(r.key, (cur) => ({ text: withLang(lang, text)(cur.text) }))}
              required
              maxlength={2000}
            />
            <label for={`${r.key}-body`}>{t('sessions.rec.body')}</label>
            <BodySelect
              id={`${r.key}-body`}
              value={r.bodyId}
              onInput={(bodyId) => change(r.key, () => ({ bodyId }))}
              required
            />
            <label for={`${r.key}-due`}>{t('sessions.rec.due')}</label>
            <input
              id={`${r.key}-due`}
              name={`${r.key}-due`}
              type="date"
              required
              value={r.due}
              onInput={(e) => change(r.key, () => ({ due: (e.currentTarget as HTMLInputElement).value }))}
            />
            <button type="button" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
              {t('sessions.rec.remove')}
            </button>
          </fieldset>
        ))}
      </div>
      <button type="button" onClick={() => setRows((rs) => [...rs, row()])}>
        {t('sessions.rec.add')}
      </button>
      <button type="submit">{t('sessions.outcome.save')}</button>
    </form>
  );
}

function MinutesSection({ session: s, page }: { session: SessionView; page: PageActions }) {
  if (s.minutes)
    return (
      <section aria-labelledby="minutes-title">
        <h2 id="minutes-title">{t('sessions.minutes')}</h2>
        <MinutesHeading minutes={s.minutes} />
        <p className="minutes-text">
          <ClubText value={s.minutes.text} />
        </p>
        <h3>{t('sessions.attendance')}</h3>
        <AttendanceList attendance={s.minutes.attendance} />
        {s.link || s.entries.some((e) => e.recording) ? (
          <>
            <h3>{t('loop5.recording.list')}</h3>
            <MinutesRecordings session={s} titleOf={(e) => itemTitle(e.itemId)} />
          </>
        ) : null}
        {(s.minutes.version ?? 1) > 1 ? <EarlierMinutes id={s.id} current={s.minutes.version ?? 1} /> : null}
        {page.canPublish ? <CorrectMinutesForm session={s} page={page} /> : null}
      </section>
    );
  if (!(page.canPublish && s.status === 'held')) return null;
  return <MinutesForm page={page} />;
}

/** The record's heading: protocol number, chair, secretary, quorum, and the correction it carries. */
export function MinutesHeading({
  minutes: m,
}: {
  minutes: Pick<
    NonNullable<SessionView['minutes']>,
    | 'protocolNumber'
    | 'chairName'
    | 'secretaryName'
    | 'quorumPresent'
    | 'quorumRequired'
    | 'correction'
    | 'version'
  >;
}) {
  const lang = getLang();
  const quorum = quorumState(m);
  return (
    <dl className="session-facts minutes-heading">
      {m.protocolNumber ? (
        <>
          <dt>{t('club.minutes.protocol')}</dt>
          <dd>{m.protocolNumber}</dd>
        </>
      ) : null}
      {m.chairName ? (
        <>
          <dt>{t('club.minutes.chair')}</dt>
          <dd>{m.chairName}</dd>
        </>
      ) : null}
      {m.secretaryName ? (
        <>
          <dt>{t('club.minutes.secretary')}</dt>
          <dd>{m.secretaryName}</dd>
        </>
      ) : null}
      {m.quorumPresent !== undefined ? (
        <>
          <dt>{t('club.minutes.quorum')}</dt>
          <dd data-testid="quorum" data-quorum={quorum ?? ''}>
            {m.quorumRequired !== undefined
              ? t('club.minutes.quorumOf', { present: m.quorumPresent, required: m.quorumRequired })
              : String(m.quorumPresent)}
            {quorum ? ` · ${t(`loop5.quorum.${quorum}`)}` : ''}
          </dd>
        </>
      ) : null}
      {m.correction ? (
        <>
          <dt>{t('club.minutes.version', { version: m.version ?? 1 })}</dt>
          <dd>
            {t('club.minutes.corrected', {
              date: formatDateTime(m.correction.at, lang),
              reason: m.correction.reason,
            })}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Earlier versions of corrected minutes: a picker of every version (newest first); the chosen one is
 * read as it was published, with its own heading and attendance.
 */
function EarlierMinutes({ id, current }: { id: string; current: number }) {
  const [chosen, setChosen] = useState(current);
  const [shown, setShown] = useState<MinutesVersion | null>(null);
  const [failed, setFailed] = useState(false);
  const pick = (version: number) => {
    setChosen(version);
    setShown(null);
    setFailed(false);
    if (version === current) return;
    void call(
      client.GET('/api/sessions/{id}/minutes/versions/{version}', { params: { path: { id, version } } }),
    ).then(
      (v) => setShown(v as MinutesVersion),
      () => setFailed(true),
    );
  };
  return (
    <div className="minutes-versions">
      <label for="minutes-version-pick">{t('club.minutes.earlier')}</label>
      <select
        id="minutes-version-pick"
        value={String(chosen)}
        onChange={(e) => pick(Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {minutesVersionChoices(current).map((v) => (
          <option key={v} value={String(v)}>
            {v === current
              ? t('loop5.minutes.current', { version: v })
              : t('club.minutes.version', { version: v })}
          </option>
        ))}
      </select>
      {failed ? <p role="alert">{t('sessions.loadFailed')}</p> : null}
      {shown ? (
        <div data-minutes-version={shown.version} className="minutes-old">
          <h4>{t('club.minutes.version', { version: shown.version })}</h4>
          <MinutesHeading minutes={shown} />
          <p className="minutes-text">
            <ClubText value={shown.text} />
          </p>
          <h5>{t('sessions.attendance')}</h5>
          <AttendanceList attendance={shown.attendance} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The secretary corrects published minutes: the whole record as it stands, edited, with the reason;
 * the API keeps the earlier version readable and puts the correction on the audit chain.
 */
function CorrectMinutesForm({ session: s, page }: { session: SessionView; page: PageActions }) {
  const m = s.minutes!;
  const [open, setOpen] = useState(false);
  // One key per correction being written: a resend after a lost answer is the same correction.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const initial = () => ({
    text: toBilingual(m.text),
    attendance: attendanceText(m.attendance),
    protocolNumber: m.protocolNumber ?? '',
    chairName: m.chairName ?? '',
    secretaryName: m.secretaryName ?? '',
    reason: '',
  });
  const f = useFields(initial);
  if (!open)
    return (
      <p>
        <button
          type="button"
          data-testid="correct-minutes"
          onClick={() => {
            f.reset(initial());
            setOpen(true);
          }}
        >
          {t('loop5.minutes.correct')}
        </button>
      </p>
    );
  const heading = (['protocolNumber', 'chairName', 'secretaryName'] as const).filter((k) =>
    f.values[k].trim(),
  );
  const save = () =>
    void page
      .edit(async (cur) => {
        await call(
          client.POST('/api/sessions/{id}/minutes/corrections', {
            params: { path: { id: cur.id }, header: { 'Idempotency-Key': key } },
            body: {
              version: cur.version,
              // One language as a string, or both (fromBilingual never returns a half-filled object).
              text: (fromBilingual(f.values.text) ?? '') as string | { kk: string; ru: string },
              attendance: correctedAttendance(f.values.attendance, m.attendance),
              ...Object.fromEntries(heading.map((k) => [k, f.values[k].trim()])),
              reason: f.values.reason.trim(),
            },
          }),
        );
        return sessionsApi.draft(cur.id);
      }, t('loop5.minutes.corrected'))
      .then((saved) => {
        if (!saved) return;
        setOpen(false);
        setKey(crypto.randomUUID());
      });
  return (
    <form className="minutes-form" data-testid="correct-minutes-form" onSubmit={onSubmit(save)}>
      <h3>{t('loop5.minutes.correct')}</h3>
      <p className="hint">{t('loop5.minutes.correctHint')}</p>
      <MinutesFields mode="correct" f={f} />
      <label for="correct-reason">{t('loop5.minutes.reason')}</label>
      <textarea id="correct-reason" rows={2} required minLength={3} maxLength={2000} {...f.bind('reason')} />
      <p>
        <button type="submit">{t('loop5.minutes.saveCorrection')}</button>{' '}
        <button type="button" onClick={() => setOpen(false)}>
          {t('loop5.cancel')}
        </button>
      </p>
    </form>
  );
}

export function AttendanceList({ attendance }: { attendance: Array<{ name: string; present: boolean }> }) {
  return (
    <ul>
      {attendance.map((a, i) => (
        // Names may repeat (two people of one name): the position is part of the key.
        <li
          key={`${i}-${a.name}`}
        >{`${a.name} — ${t(a.present ? 'sessions.present' : 'sessions.absent')}`}</li>
      ))}
    </ul>
  );
}

/**
 * What the shared block needs of a minutes form's fields (the first publication's, or a
 * correction's, which also has a reason): the form's own `useFields` state fits it as it is.
 */
interface MinutesFieldState {
  values: { text: Bilingual };
  bind(
    name: 'protocolNumber' | 'chairName' | 'secretaryName' | 'attendance',
  ): ReturnType<Fields<{ s: string }>['bind']>;
  update(name: 'text', next: (current: Bilingual) => Bilingual): void;
}

/**
 * The minutes' heading (protocol number, chair, secretary), text in kk and ru, and attendance: one
 * block for the first publication (`publish`) and a correction (`correct`), which differ only in
 * their element ids (both forms can be on the page at once) and in what surrounds them.
 */
function MinutesFields({ mode, f }: { mode: 'publish' | 'correct'; f: MinutesFieldState }) {
  const id = mode === 'correct' ? 'correct' : 'minutes';
  const hintId = mode === 'correct' ? 'correct-attendance-hint' : 'attendance-hint';
  return (
    <>
      <Field id={`${id}-protocol`} labelKey="club.minutes.protocol">
        <input id={`${id}-protocol`} maxLength={50} {...f.bind('protocolNumber')} />
      </Field>
      <Field id={`${id}-chair`} labelKey="club.minutes.chair">
        <input id={`${id}-chair`} maxLength={200} {...f.bind('chairName')} />
      </Field>
      <Field id={`${id}-secretary`} labelKey="club.minutes.secretary">
        <input id={`${id}-secretary`} maxLength={200} {...f.bind('secretaryName')} />
      </Field>
      <BilingualField
        id={`${id}-text`}
        labelKey="sessions.minutes.text"
        value={f.values.text}
        onChange={(lang, text) => f.update('text', withLang(lang, text))}
        multiline
        required
        rows={6}
        maxlength={20000}
      />
      <label for={`${id}-attendance`}>{t('sessions.attendance')}</label>
      <textarea id={`${id}-attendance`} rows={4} aria-describedby={hintId} {...f.bind('attendance')} />
      <p id={hintId} className="hint">
        {t('sessions.attendance.hint')}
      </p>
    </>
  );
}

function MinutesForm({ page }: { page: PageActions }) {
  const f = useFields({
    text: toBilingual(undefined),
    attendance: '',
    protocolNumber: '',
    chairName: '',
    secretaryName: '',
  });
  const heading = (['protocolNumber', 'chairName', 'secretaryName'] as const).filter((k) =>
    f.values[k].trim(),
  );
  const publish = () =>
    void page.edit(
      (cur) =>
        sessionsApi.minutes(cur.id, {
          version: cur.version,
          text: fromBilingual(f.values.text),
          attendance: parseAttendance(f.values.attendance),
          ...Object.fromEntries(heading.map((k) => [k, f.values[k].trim()])),
        }),
      t('sessions.saved'),
    );
  return (
    <form className="minutes-form" onSubmit={onSubmit(publish)}>
      <h2>{t('sessions.minutes')}</h2>
      <MinutesFields mode="publish" f={f} />
      <button type="submit">{t('sessions.minutes.publish')}</button>
    </form>
  );
}

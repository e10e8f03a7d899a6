/**
 * One question as everyone sees it: status, legal dates, the text, the official answer with its
 * badge and every earlier version (edits are never silent), extension, redirects, dispute, rating.
 * And the small pieces every questions form shares: a labelled field, a language picker, a form
 * with a submit button and a status line.
 */
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/i18n-text';
import { bodyName } from '../bodies';
import { DocumentList } from '../evidence/document-list';
import { formatDate, formatDateTime } from '../format';
import { getLang, t } from '../i18n';
import { questionContentId, ReportContent } from '../moderation/reportContent';
import { LegalNotices } from '../notify/notices';
import { onSubmit } from '../ui/form';
import type { QuestionView } from './model';
import { dueExplanation } from './viewLogic';

export function StatusBadge({ q }: { q: QuestionView }) {
  return (
    <span className="q-badges">
      <span className={`q-status q-status-${q.status}`}>{t(`questions.status.${q.status}`)}</span>
      {q.overdue ? <span className="q-flag q-overdue">{t('questions.overdue')}</span> : null}
      {q.dueSoon && !q.overdue ? <span className="q-flag q-due-soon">{t('questions.dueSoon')}</span> : null}
    </span>
  );
}

/** Why the due date is due, and whether the question is a registered appeal (./viewLogic.ts `dueExplanation`). */
function DueExplanation({ q, lang }: { q: QuestionView; lang: Lang }) {
  const why = dueExplanation(q, lang);
  if (!why) return null;
  return (
    <p
      className="q-note q-due-basis"
      data-articles={why.articles}
      data-registered={why.registered ? 'eotinish' : undefined}
    >
      {why.text}
    </p>
  );
}

export function QuestionCard({ q, children }: { q: QuestionView; children?: ComponentChildren }) {
  const lang = getLang();
  const latest = q.answers.at(-1);
  const earlier = q.answers.slice(0, -1);
  return (
    <article
      className={`q-card${q.overdue ? ' is-overdue' : ''}`}
      data-question-id={q.id}
      data-status={q.status}
    >
      <header className="q-head">
        <StatusBadge q={q} />
        <span className="q-dates">
          {t('questions.received', { date: formatDate(q.receivedOn, lang) })}
          {' · '}
          <strong className="q-due">{t('questions.due', { date: formatDate(q.dueOn, lang) })}</strong>
        </span>
      </header>
      <DueExplanation q={q} lang={lang} />
      {/* What people wrote is marked as theirs (and in its language) apart from the interface's words. */}
      <p className="q-text" lang={q.lang} data-user-content="">
        {q.text}
      </p>
      <p className="q-meta">
        {`${t('questions.askedBy')} `}
        <span data-user-content="">{q.askerName}</span>
        {' → '}
        {bodyName(q.bodyId)}
      </p>
      {q.hidden ? null : (
        <ReportContent kind="question" id={questionContentId(q.itemId, q.id)} mine={q.mine} />
      )}
      {q.redirects.map((r, i) => (
        // A question may go back and forth between two bodies: the position is part of the key.
        <div className="q-note" key={`${i}-${r.toBodyId}`}>
          {t('questions.redirect', {
            from: bodyName(r.fromBodyId),
            to: bodyName(r.toBodyId),
            reason: r.reason,
          })}
          <DocumentList files={r.attachments} label={t('questions.decisionDocuments')} />
        </div>
      ))}
      {/* Every extension in order (APPK art. 76(2) allows several), each with its decision's documents. */}
      {(q.extensions ?? (q.extension ? [q.extension] : [])).map((e) => (
        <div className="q-note" key={e.on + e.newDueOn}>
          {t('questions.extension', { date: formatDate(e.newDueOn, lang), reason: e.reason })}
          <DocumentList files={e.attachments} label={t('questions.decisionDocuments')} />
        </div>
      ))}
      {latest ? (
        <section className="q-answer" aria-label={t('questions.answer')}>
          <p className="official-badge q-official">
            {t('questions.officialBadge', { body: bodyName(latest.bodyId) })}
          </p>
          <p className="q-answer-text" data-user-content="">
            {latest.text}
          </p>
          <p className="q-meta">
            <span data-user-content="">{latest.byName}</span>
            {`, ${formatDateTime(latest.at, lang)}`}
            {latest.kind === 'edit' ? ` (${t('questions.edited')})` : ''}
          </p>
          <DocumentList
            files={latest.attachments}
            label={t('questions.answerDocuments')}
            reportAs="answer_file"
          />
          {latest.hidden ? null : (
            <ReportContent kind="answer" id={questionContentId(q.itemId, q.id, latest.version)} />
          )}
          {earlier.length ? (
            <details className="q-versions">
              <summary>{t('questions.answerVersions', { count: earlier.length })}</summary>
              <ol>
                {earlier.map((a) => (
                  <li key={a.at}>
                    <p data-user-content="">{a.text}</p>
                    <small>{`${a.byName}, ${formatDateTime(a.at, lang)}`}</small>
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </section>
      ) : null}
      {/* The APPK notices the asker was sent: when, how, delivered or not (the law requires them). */}
      <LegalNotices itemId={q.itemId} id={q.id} />
      {q.dispute ? <p className="q-note">{t('questions.dispute', { reason: q.dispute.reason })}</p> : null}
      {q.rating ? <p className="q-rating">{t('questions.rating', { rating: q.rating })}</p> : null}
      {children}
    </article>
  );
}

/**
 * A small labelled form: its fields, a submit button (disabled while sending), and a status line
 * that says why it failed. `submit` throws to fail; the fields are the caller's components.
 */
export function ActionForm({
  label,
  submitLabel,
  submit,
  errorText,
  children,
}: {
  label: string;
  submitLabel: string;
  submit: () => Promise<void>;
  errorText: (err: unknown) => string;
  children: ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const send = async () => {
    setBusy(true);
    setStatus('');
    try {
      await submit();
    } catch (err) {
      setStatus(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="q-form" aria-label={label} onSubmit={onSubmit(() => void send())}>
      {children}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
      <p role="status" className="q-status-line">
        {status}
      </p>
    </form>
  );
}

/** A labelled control: `children` gets the id to give the control, which the label points to. */
export function QField({ label, children }: { label: string; children: (id: string) => ComponentChildren }) {
  const id = `q-field-${useId()}`;
  return (
    <div className="q-field">
      <label for={id}>{label}</label>
      {children(id)}
    </div>
  );
}

const LANGUAGE_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** A language picker whose options name each language in itself (and say so with `lang`). */
export function LanguageSelect({
  id,
  value,
  onInput,
}: {
  id: string;
  value: Lang;
  onInput: (lang: Lang) => void;
}) {
  return (
    <select
      id={id}
      value={value}
      onInput={(e) => onInput((e.currentTarget as HTMLSelectElement).value as Lang)}
    >
      {(Object.keys(LANGUAGE_NAMES) as Lang[]).map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

/**
 * The official inbox of a body: its questions by legal due date, overdue highlighted, due-soon
 * warned, filters; review, answer (or edit the answer), extend and redirect right there. Cards and
 * their forms are keyed by question: acting on one question reloads the list without resetting
 * what is typed in another's form.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/i18n-text';
import { canEditAnswer, isLawfulAnswerLanguage, isOpen, nextStatus } from '../../../shared/questions';
import { bodyIds, bodyName, loadBodyNames } from '../bodies';
import { OFFICIAL_FILE_ACCEPT, uploadOfficialFiles } from '../evidence/officialFiles';
import { t } from '../i18n';
import { useFields } from '../ui/form';
import { mount } from '../ui/mount';
import { signedIn, userKnown } from '../ui/user';
import { ActionForm, LanguageSelect, QField, QuestionCard } from './card';
import {
  AssignControl,
  type Desk,
  EotinishForm,
  NotesPanel,
  TemplatePicker,
  TemplatesManager,
  useDesk,
} from './deskTools';
import { ItemLink } from './minePage';
import { errorMessage, type QuestionView, questionsApi } from './model';
import { answerLanguage, canExtendFurther } from './viewLogic';

export function renderInboxPage(container: HTMLElement, url: URL): () => void {
  return mount(container, <InboxPage wantedBody={url.searchParams.get('body')} />);
}

function InboxPage({ wantedBody }: { wantedBody: string | null }) {
  const me = signedIn();
  const myBodies = me?.roles.includes('official') ? me.bodies : [];
  return (
    <section className="q-page">
      <h1 tabIndex={-1}>{t('questions.inbox.title')}</h1>
      {!userKnown.value ? (
        <div className="q-list">{t('questions.loading')}</div>
      ) : myBodies.length === 0 ? (
        <div className="q-list">{t('questions.inbox.officialsOnly')}</div>
      ) : (
        <Inbox
          key={me?.sub}
          myBodies={myBodies}
          initialBody={wantedBody && myBodies.includes(wantedBody) ? wantedBody : (myBodies[0] as string)}
        />
      )}
    </section>
  );
}

type InboxAnswer = Awaited<ReturnType<typeof questionsApi.inbox>>;

function Inbox({ myBodies, initialBody }: { myBodies: string[]; initialBody: string }) {
  const filters = useFields({ body: initialBody, status: 'open', due: 'any' });
  const [res, setRes] = useState<InboxAnswer | null>(null);
  const [failed, setFailed] = useState(false);
  const [loads, setLoads] = useState(0);
  const { body, status, due } = filters.values;
  const desk = useDesk(body, res?.questions.map((q) => q.id) ?? []);
  useEffect(() => {
    let alive = true;
    Promise.all([loadBodyNames(), questionsApi.inbox(body, status, due)]).then(
      ([, r]) => alive && setRes(r),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [body, status, due, loads]);
  /** After an action the list is read again (the question may have left this filter). */
  const done = async (work: Promise<unknown>) => {
    await work;
    setLoads((n) => n + 1);
  };
  const select = (label: string, name: 'body' | 'status' | 'due', options: [string, string][]) => (
    <QField label={label}>
      {(id) => (
        <select id={id} {...filters.bind(name)}>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </QField>
  );
  return (
    <>
      <div className="q-filters">
        {select(
          t('questions.inbox.body'),
          'body',
          myBodies.map((b) => [b, bodyName(b)]),
        )}
        {select(t('questions.filter.status'), 'status', [
          ['open', t('questions.filter.open')],
          ['closed', t('questions.filter.closed')],
          ['all', t('questions.filter.all')],
        ])}
        {select(t('questions.filter.due'), 'due', [
          ['any', t('questions.filter.any')],
          ['overdue', t('questions.filter.overdue')],
          ['soon', t('questions.filter.soon')],
        ])}
      </div>
      <p className="q-counts" role="status">
        {res
          ? t('questions.inbox.counts', {
              open: res.counts.open,
              overdue: res.counts.overdue,
              soon: res.counts.dueSoon,
            })
          : ''}
      </p>
      <div className="q-list">
        {failed ? (
          t('questions.loadFailed')
        ) : !res ? (
          t('questions.loading')
        ) : res.questions.length === 0 ? (
          <p>{t('questions.inbox.none')}</p>
        ) : (
          <div>
            {res.questions.map((q) => (
              <QuestionCard q={q} key={q.id}>
                <OfficialActions q={q} done={done} desk={desk} />
              </QuestionCard>
            ))}
          </div>
        )}
      </div>
      <TemplatesManager key={body} bodyId={body} desk={desk} />
    </>
  );
}

type Done = (work: Promise<unknown>) => Promise<void>;

function OfficialActions({ q, done, desk }: { q: QuestionView; done: Done; desk: Desk }) {
  return (
    <div className="q-official-actions">
      <ItemLink itemId={q.itemId} title={q.itemTitle} />
      {nextStatus(q.status, 'review') ? (
        <button type="button" onClick={() => void done(questionsApi.review(q)).catch(() => undefined)}>
          {t('questions.review')}
        </button>
      ) : null}
      <AssignControl q={q} desk={desk} />
      {nextStatus(q.status, 'answer') || canEditAnswer(q.status) ? (
        <AnswerForm q={q} done={done} desk={desk} />
      ) : null}
      {nextStatus(q.status, 'extend') && canExtendFurther(q) ? <ExtendForm q={q} done={done} /> : null}
      {nextStatus(q.status, 'redirect') ? <RedirectForm q={q} done={done} /> : null}
      <EotinishForm q={q} done={done} />
      <NotesPanel q={q} />
    </div>
  );
}

function AnswerForm({ q, done, desk }: { q: QuestionView; done: Done; desk: Desk }) {
  const editing = !isOpen(q.status);
  const f = useFields(() => ({
    text: editing ? (q.answers.at(-1)?.text ?? '') : '',
    lang: (q.answers.at(-1)?.lang ?? q.lang ?? 'kk') as Lang,
    confirmed: false,
  }));
  // Law on Languages art. 11: kk or the question's language; any other one is confirmed first.
  const lawful = isLawfulAnswerLanguage(q.lang, f.values.lang);
  const label = editing ? t('questions.editAnswer') : t('questions.answerSubmit');
  const files = useRef<HTMLInputElement>(null);
  const submit = async () => {
    const language = answerLanguage(q.lang, f.values.lang, f.values.confirmed);
    // The files go up first (type checked by content); the answer then names them.
    const ids = await uploadOfficialFiles([...(files.current?.files ?? [])]);
    return done(
      editing
        ? questionsApi.editAnswer(q, f.values.text, language, ids)
        : questionsApi.answer(q, f.values.text, language, ids),
    );
  };
  return (
    <ActionForm label={label} submitLabel={label} submit={submit} errorText={errorMessage}>
      <TemplatePicker
        q={q}
        templates={desk.templates}
        onPick={(text, lang) => {
          f.set('text', text);
          f.set('lang', lang);
        }}
      />
      <QField label={t('questions.answerText')}>
        {(id) => <textarea id={id} rows={5} required maxLength={10000} {...f.bind('text')} />}
      </QField>
      <QField label={t('questions.lang.answer')}>
        {(id) => <LanguageSelect id={id} value={f.values.lang} onInput={(lang) => f.set('lang', lang)} />}
      </QField>
      <QField label={t('questions.answerFiles')}>
        {(id) => (
          <input id={id} ref={files} type="file" name="attachments" multiple accept={OFFICIAL_FILE_ACCEPT} />
        )}
      </QField>
      <div className="q-lang-warning" role="alert" hidden={lawful}>
        <p>{t('questions.lang.warning')}</p>
        <label>
          <input
            type="checkbox"
            name="confirmLanguage"
            required={!lawful}
            checked={f.values.confirmed}
            onChange={(e) => f.set('confirmed', (e.currentTarget as HTMLInputElement).checked)}
          />
          {` ${t('questions.lang.confirm')}`}
        </label>
      </div>
    </ActionForm>
  );
}

/** The decision's documents (an extension or a redirect letter), uploaded like an answer's. */
function DecisionFiles({ input }: { input: { current: HTMLInputElement | null } }) {
  return (
    <QField label={t('questions.decisionFiles')}>
      {(id) => (
        <input id={id} ref={input} type="file" name="attachments" multiple accept={OFFICIAL_FILE_ACCEPT} />
      )}
    </QField>
  );
}

function ExtendForm({ q, done }: { q: QuestionView; done: Done }) {
  const f = useFields({ date: '', reason: '' });
  const files = useRef<HTMLInputElement>(null);
  return (
    <details>
      <summary>{t('questions.extend')}</summary>
      <ActionForm
        label={t('questions.extend')}
        submitLabel={t('questions.extend')}
        submit={async () => {
          const ids = await uploadOfficialFiles([...(files.current?.files ?? [])]);
          return done(questionsApi.extend(q, f.values.date, f.values.reason, ids));
        }}
        errorText={errorMessage}
      >
        <QField label={t('questions.extendDate')}>
          {(id) => (
            <input
              id={id}
              type="date"
              required
              min={q.dueOn}
              max={q.dueBasis?.cap?.latest}
              {...f.bind('date')}
            />
          )}
        </QField>
        <QField label={t('questions.extendReason')}>
          {(id) => (
            <textarea id={id} rows={2} required minLength={10} maxLength={2000} {...f.bind('reason')} />
          )}
        </QField>
        <DecisionFiles input={files} />
      </ActionForm>
    </details>
  );
}

function RedirectForm({ q, done }: { q: QuestionView; done: Done }) {
  const others = bodyIds().filter((id) => id !== q.bodyId);
  const f = useFields({ to: '', reason: '' });
  const files = useRef<HTMLInputElement>(null);
  // The first body is the one shown as chosen until the official picks another.
  const to = f.values.to || others[0] || '';
  return (
    <details>
      <summary>{t('questions.redirectAction')}</summary>
      <ActionForm
        label={t('questions.redirectAction')}
        submitLabel={t('questions.redirectAction')}
        submit={async () => {
          const ids = await uploadOfficialFiles([...(files.current?.files ?? [])]);
          return done(questionsApi.redirect(q, to, f.values.reason, ids));
        }}
        errorText={errorMessage}
      >
        <QField label={t('questions.redirectTo')}>
          {(id) => (
            <select id={id} required {...f.bind('to')} value={to}>
              {others.map((b) => (
                <option key={b} value={b}>
                  {bodyName(b)}
                </option>
              ))}
            </select>
          )}
        </QField>
        <QField label={t('questions.redirectReason')}>
          {(id) => (
            <textarea id={id} rows={2} required minLength={10} maxLength={2000} {...f.bind('reason')} />
          )}
        </QField>
        <DecisionFiles input={files} />
      </ActionForm>
    </details>
  );
}
